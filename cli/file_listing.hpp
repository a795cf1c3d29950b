#pragma once
// The files under the paths given on the command line: folders are walked recursively (each
// real directory once, so a symlink loop ends), files are taken as they are.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/scan_errors.hpp"

namespace clusop::cli {

struct ListedFile {
  std::string path;  // as reached from the given path, '/' separated
  uint64_t size = 0;
};

struct FileListing {
  std::vector<ListedFile> files;  // in the order given; a folder's files sorted by path
  std::vector<ListingIssue> issues;  // worded by the core (analysis/scan_errors)
};

FileListing ListInputFiles(const std::vector<std::string>& paths);

}  // namespace clusop::cli
