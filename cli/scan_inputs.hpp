#pragma once
// From the paths given to the applications to read: folders listed, zip archives opened and
// their members named "<archive>/<member>", then every name grouped by the core
// (GroupLogFiles) into applications with their parts in order.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "file_listing.hpp"
#include "io/log_layout.hpp"
#include "io/zip_archive.hpp"
#include "mapped_file.hpp"

namespace clusop::cli {

// One part of an application: a file, or a member of a mapped zip archive.
struct PartSource {
  std::string name;                    // as grouped: the path, or "<archive>/<member>"
  const MappedFile* archive = nullptr;  // set for a zip member
  ZipMember member;
  uint64_t bytes = 0;                  // bytes on disk, for the progress bar
  std::string head;                    // bytes already taken from the file (standard input), fed first
};

struct ApplicationInput {
  AppLogFiles files;
  std::vector<PartSource> parts;  // in the order of files.parts
};

struct ScanInputs {
  std::vector<ApplicationInput> applications;
  std::vector<ListingIssue> issues;       // unreadable paths and archives: reported
  std::vector<SkippedFile> skipped;       // foreign files the layout leaves out: not errors
  std::vector<std::unique_ptr<MappedFile>> archives;  // the parts point into these
  uint64_t total_bytes = 0;
};

ScanInputs CollectScanInputs(const std::vector<std::string>& paths);

// Standard input as the one part of one application; `head` holds what was already read of it.
ScanInputs StandardInputScan(std::string head);

}  // namespace clusop::cli
