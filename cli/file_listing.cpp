#include "file_listing.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

namespace clusop::cli {
namespace {

namespace fs = std::filesystem;

using DirectoryId = std::pair<dev_t, ino_t>;

std::string Reason(int error_number) { return std::strerror(error_number); }

// Walks one folder without recursion: a stack of directories still to read; a directory
// reached again through a link is not read twice.
void WalkFolder(const std::string& root, std::set<DirectoryId>* seen, FileListing* out) {
  std::vector<std::string> pending{root};
  std::vector<ListedFile> found;
  // a folder and a file inside it both given, or a file reached twice through links
  std::set<std::string> listed;
  for (const ListedFile& f : out->files) listed.insert(f.path);
  while (!pending.empty()) {
    const std::string dir = std::move(pending.back());
    pending.pop_back();
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0) {
      out->issues.push_back({dir, ListingProblem::kFolderUnreadable, Reason(errno)});
      continue;
    }
    if (!seen->insert({info.st_dev, info.st_ino}).second) continue;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out->issues.push_back({dir, ListingProblem::kFolderUnreadable, ec.message()});
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const std::string path = it->path().generic_string();
      struct stat entry {};
      if (::stat(path.c_str(), &entry) != 0) {
        out->issues.push_back({path, ListingProblem::kEntryUnreadable, Reason(errno)});
        continue;
      }
      if (S_ISDIR(entry.st_mode)) pending.push_back(path);
      else if (S_ISREG(entry.st_mode) && listed.insert(path).second)
        found.push_back({path, static_cast<uint64_t>(entry.st_size)});
    }
    if (ec) out->issues.push_back({dir, ListingProblem::kFolderUnreadable, ec.message()});
  }
  std::sort(found.begin(), found.end(), [](const ListedFile& a, const ListedFile& b) { return a.path < b.path; });
  out->files.insert(out->files.end(), found.begin(), found.end());
}

}  // namespace

FileListing ListInputFiles(const std::vector<std::string>& paths) {
  FileListing out;
  std::set<DirectoryId> seen;
  for (const std::string& given : paths) {
    std::string path = given;
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      out.issues.push_back({given, ListingProblem::kMissing, Reason(errno)});
    } else if (S_ISDIR(info.st_mode)) {
      const size_t before = out.files.size();
      WalkFolder(path, &seen, &out);
      if (out.files.size() == before) out.issues.push_back({given, ListingProblem::kEmptyFolder, {}});
    } else if (S_ISREG(info.st_mode)) {
      out.files.push_back({path, static_cast<uint64_t>(info.st_size)});
    } else {
      out.issues.push_back({given, ListingProblem::kNotAFile, {}});
    }
  }
  return out;
}

}  // namespace clusop::cli
