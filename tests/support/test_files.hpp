#pragma once
#include <string>
#include <vector>

namespace clusop::testing {

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);
bool Exists(const std::string& path);
// Regular files under `dir`, recursively, sorted.
std::vector<std::string> ListFiles(const std::string& dir);
// The repository root.
std::string SourceDir();
// ../shared/corpus, or "" when it is absent (tests reading it then skip).
std::string CorpusDir();
// Analyses `plan` through the public JSON entry point with a request built from `extra` fields.
std::string AnalyzeThroughApi(const std::string& plan, const std::string& extra_request_fields = "");

}  // namespace clusop::testing
