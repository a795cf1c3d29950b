// Data-driven cases: cases/<name>.<ext> (an event log) beside cases/<name>.expect, one
// expectation a line:   path == <json>   |   path ~= <number> (within 2%)   |   path contains "<text>"
// where path walks the clusop.scan/1 document (a.b[0].c; ".size" of an array is its length).
// Each input is also fed in 7-byte chunks: the answer must not depend on chunking.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"
#include "report/scan_json.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ScanBytes(const std::string& name, const std::string& bytes, size_t chunk) {
  AppScan scan{ScanOptions{}};
  scan.BeginPart(name);
  for (size_t i = 0; i < bytes.size(); i += chunk) scan.Feed(std::string_view(bytes).substr(i, chunk));
  const AppReport& report = scan.Finish();
  return ScanToJson({&report}, {});
}

// Walks "a.b[2].c"; null json when a step is missing.
const json* Walk(const json& root, const std::string& path, bool* size_of) {
  const json* node = &root;
  *size_of = false;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') ++i;
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      const size_t index = std::stoul(path.substr(i + 1, close - i - 1));
      if (!node->is_array() || index >= node->size()) return nullptr;
      node = &(*node)[index];
      i = close + 1;
      continue;
    }
    size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    const std::string key = path.substr(i, end - i);
    if (key == "size" && end == path.size() && node->is_array()) {
      *size_of = true;
      return node;
    }
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
    i = end;
  }
  return node;
}

void Check(const json& doc, const std::string& line, const std::string& where) {
  static const char* kOps[] = {" == ", " ~= ", " contains "};
  for (const char* op : kOps) {
    const size_t at = line.find(op);
    if (at == std::string::npos) continue;
    const std::string path = line.substr(0, at);
    const std::string want_text = line.substr(at + std::string(op).size());
    bool size_of = false;
    const json* node = Walk(doc, path, &size_of);
    ASSERT_NE(node, nullptr) << where << ": no " << path << " in " << doc.dump(1);
    const json got = size_of ? json(node->size()) : *node;
    const json want = json::parse(want_text);
    if (std::string(op) == " == ") {
      EXPECT_EQ(got, want) << where << ": " << line;
    } else if (std::string(op) == " ~= ") {
      ASSERT_TRUE(got.is_number()) << where << ": " << line << " got " << got;
      EXPECT_LE(std::fabs(got.get<double>() - want.get<double>()), 0.02 * std::fabs(want.get<double>()))
          << where << ": " << line << " got " << got;
    } else {
      ASSERT_TRUE(got.is_string()) << where << ": " << line << " got " << got;
      EXPECT_NE(got.get<std::string>().find(want.get<std::string>()), std::string::npos)
          << where << ": " << line << " got " << got;
    }
    return;
  }
  ADD_FAILURE() << where << ": cannot read the expectation " << line;
}

TEST(ScanCases, EveryCaseMeetsItsExpectations) {
  const fs::path dir = fs::path(testing::SourceDir()) / "tests/eventlog/cases";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".expect") continue;
    fs::path input;
    for (const auto& other : fs::directory_iterator(dir))
      if (other.path().stem() == entry.path().stem() && other.path().extension() != ".expect") input = other.path();
    ASSERT_FALSE(input.empty()) << "no input beside " << entry.path();
    const std::string bytes = testing::ReadFile(input.string());
    const std::string whole = ScanBytes(input.filename().string(), bytes, bytes.size() + 1);
    EXPECT_EQ(ScanBytes(input.filename().string(), bytes, 7), whole) << input << ": chunking changed the answer";
    const json doc = json::parse(whole);
    EXPECT_EQ(doc["schema"], "clusop.scan/1");
    std::ifstream expect(entry.path());
    std::string line;
    int number = 0;
    while (std::getline(expect, line)) {
      ++number;
      if (line.empty() || line[0] == '#') continue;
      Check(doc, line, entry.path().filename().string() + ":" + std::to_string(number));
    }
    ++cases;
  }
  EXPECT_GE(cases, 8);
}

}  // namespace
}  // namespace clusop
