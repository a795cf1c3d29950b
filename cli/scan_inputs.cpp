#include "scan_inputs.hpp"

#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "file_reading.hpp"

namespace clusop::cli {
namespace {

constexpr size_t kZipMagicBytes = 4;

// Opens a zip archive and names its members; false with `issue` when it is not readable.
bool AddArchiveMembers(const ListedFile& file, ScanInputs* inputs, std::vector<std::string>* names,
                       std::unordered_map<std::string, PartSource>* sources, ListingIssue* issue) {
  auto archive = std::make_unique<MappedFile>();
  *issue = {file.path, ListingProblem::kArchiveUnreadable, {}};
  if (!archive->Open(file.path, &issue->reason)) return false;
  std::vector<ZipMember> members;
  if (!ListZipMembers(archive->bytes(), &members, &issue->reason)) return false;
  if (members.empty()) {
    issue->problem = ListingProblem::kArchiveEmpty;
    return false;
  }
  for (const ZipMember& member : members) {
    PartSource source{file.path + "/" + member.name, archive.get(), member, member.compressed_size, {}};
    names->push_back(source.name);
    sources->emplace(source.name, std::move(source));
  }
  inputs->archives.push_back(std::move(archive));
  return true;
}

}  // namespace

ScanInputs CollectScanInputs(const std::vector<std::string>& paths) {
  ScanInputs inputs;
  FileListing listing = ListInputFiles(paths);
  inputs.issues = std::move(listing.issues);
  std::vector<std::string> names;
  std::unordered_map<std::string, PartSource> sources;
  for (const ListedFile& file : listing.files) {
    std::string head, error;
    if (!ReadHead(file.path, kZipMagicBytes, &head, &error)) {
      inputs.issues.push_back({file.path, ListingProblem::kFileUnreadable, std::strerror(errno)});
      continue;
    }
    if (IsZipArchive(head)) {
      ListingIssue issue;
      if (!AddArchiveMembers(file, &inputs, &names, &sources, &issue)) inputs.issues.push_back(std::move(issue));
      continue;
    }
    names.push_back(file.path);
    sources.emplace(file.path, PartSource{file.path, nullptr, {}, file.size, {}});
  }
  LogLayout layout = GroupLogFiles(names);
  inputs.skipped = std::move(layout.skipped);
  for (AppLogFiles& app : layout.applications) {
    ApplicationInput input;
    for (const std::string& part : app.parts) {
      const auto found = sources.find(part);
      if (found == sources.end()) continue;  // the layout only returns names it was given
      input.parts.push_back(found->second);
      inputs.total_bytes += found->second.bytes;
    }
    input.files = std::move(app);
    inputs.applications.push_back(std::move(input));
  }
  return inputs;
}

ScanInputs StandardInputScan(std::string head) {
  ScanInputs inputs;
  ApplicationInput input;
  input.files.app_key = kStandardInput;
  input.files.layout = "single";
  input.files.parts = {kStandardInput};
  input.parts.push_back(PartSource{kStandardInput, nullptr, {}, 0, std::move(head)});
  inputs.applications.push_back(std::move(input));
  return inputs;
}

}  // namespace clusop::cli
