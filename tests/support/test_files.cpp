#include "support/test_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "clusop/clusop.hpp"
#include "support/plan_builder.hpp"

namespace clusop::testing {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

bool Exists(const std::string& path) { return fs::exists(path); }

std::vector<std::string> ListFiles(const std::string& dir) {
  std::vector<std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string SourceDir() { return CLUSOP_SOURCE_DIR; }

std::string CorpusDir() {
  const char* env = std::getenv("CLUSOP_CORPUS");
  const std::string dir = env && *env ? env : CLUSOP_CORPUS_DIR;
  return fs::exists(dir + "/MANIFEST.md") ? dir : "";
}

std::string AnalyzeThroughApi(const std::string& plan, const std::string& extra) {
  std::string request = "{\"plan\":" + JsonQuote(plan);
  if (!extra.empty()) request += "," + extra;
  request += "}";
  return AnalyzeRequest(request);
}

}  // namespace clusop::testing
