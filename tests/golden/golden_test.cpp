// One runner for every golden case (the layout and formats: tests/golden/README.md).
//   In-repo cases: tests/golden/plans/<engine>/<file>, expected under tests/golden/expected/:
//     <file>.analysis.json  a full snapshot, compared byte for byte (a few, written by this runner
//                           with CLUSOP_UPDATE_GOLDEN=1, see scripts/update-golden.sh);
//     <file>.expect.json    a compact expectation: only the fields that matter, matched as a subset;
//     <file>.options.json   optional request fields for this case, merged over the defaults.
//   Corpus cases: tests/golden/corpus/<engine>/<name>.corpus names a plan of ../shared/corpus by
//   its path (never copied), beside <name>.expect.json (from the corpus labels) and an optional
//   <name>.options.json; skipped when the corpus or the file is absent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "clusop/clusop.hpp"
#include "expectation_match.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

const char* const kSnapshot = ".analysis.json";
const char* const kExpect = ".expect.json";
const char* const kOptions = ".options.json";
const char* const kMarkdown = ".md";  // the answer's "markdown", for a case whose options ask for it
const char* const kCorpusPointer = ".corpus";

// The request every case starts from; a case's options file is merged over it (RFC 7386 merge
// patch: nested objects merge key by key, null removes a field).
const json& DefaultRequest() {
  static const json request = {
      {"cluster",
       {{"cloud", "aws"}, {"sku", "jobs"}, {"tier", "premium"}, {"node_type", "i3.xlarge"}, {"workers", 4},
        {"runtime_seconds", 600}, {"runs_per_day", 24}}},
      {"indent", 2}};
  return request;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string GoldenDir() { return testing::SourceDir() + "/tests/golden"; }
std::string PlansDir() { return GoldenDir() + "/plans"; }

struct Case {
  std::string name;  // "comet/regexp.tree.txt" or "corpus/photon/q88_final"
  std::string plan;  // the plan file; "" for a corpus case whose corpus is absent
  std::string skip;  // why the case cannot run here (the corpus is absent)
  std::string error; // why the case is broken
  std::string stem;  // path without suffix: stem + ".expect.json", stem + ".options.json", ...
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  const std::string plans = PlansDir() + "/";
  for (const std::string& path : testing::ListFiles(PlansDir())) {
    if (EndsWith(path, ".md")) continue;
    const std::string relative = path.substr(plans.size());
    Case c;
    c.name = relative;
    c.plan = path;
    c.stem = GoldenDir() + "/expected/" + relative;
    cases.push_back(c);
  }
  const std::string corpus = testing::CorpusDir();
  const std::string pointers = GoldenDir() + "/corpus/";
  for (const std::string& path : testing::ListFiles(pointers)) {
    if (!EndsWith(path, kCorpusPointer)) continue;
    Case c;
    c.stem = path.substr(0, path.size() - std::string(kCorpusPointer).size());
    c.name = "corpus/" + c.stem.substr(pointers.size());
    std::istringstream lines(testing::ReadFile(path));
    std::string relative;
    while (std::getline(lines, relative) && (relative.empty() || relative[0] == '#')) {
    }
    if (relative.empty()) c.error = path + " names no corpus file";
    else if (corpus.empty()) c.skip = "../shared/corpus is absent";
    else if (!testing::Exists(corpus + "/" + relative)) c.skip = "not in this corpus: " + relative;
    else c.plan = corpus + "/" + relative;
    cases.push_back(c);
  }
  return cases;
}

// The request (without the plan) of a case: the defaults with its options merged over them. An
// option "engine_log_file" (a path from the repository's root) is sent as "engine_log", the text
// of that file, so a log sits once in tests/engine_log and is never copied into an options file.
json CaseRequest(const Case& c) {
  json request = DefaultRequest();
  if (testing::Exists(c.stem + kOptions)) request.merge_patch(json::parse(testing::ReadFile(c.stem + kOptions)));
  if (const auto it = request.find("engine_log_file"); it != request.end()) {
    request["engine_log"] = testing::ReadFile(testing::SourceDir() + "/" + it->get<std::string>());
    request.erase("engine_log_file");
  }
  return request;
}

// The request's fields as the text inside its braces.
std::string Fields(const json& request) {
  const std::string text = request.dump();
  return text.size() > 2 ? text.substr(1, text.size() - 2) : "";
}

bool UpdateRequested() {
  const char* update = std::getenv("CLUSOP_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

// A case whose options say "markdown": true is also held to <case>.md, the answer's "markdown"
// (written by this runner with CLUSOP_UPDATE_GOLDEN=1, reviewed in the diff). Its JSON
// expectation is checked without it, so the Markdown is never copied into a snapshot.
void CheckMarkdown(const Case& c, const std::string& plan, json request) {
  const std::string path = c.stem + kMarkdown;
  if (!request.value("markdown", false)) {
    EXPECT_FALSE(testing::Exists(path)) << path << " is not asked for: set \"markdown\": true in " << c.stem + kOptions
                                        << " or delete it";
    return;
  }
  const json answer = json::parse(testing::AnalyzeThroughApi(plan, Fields(request)));
  ASSERT_TRUE(answer.contains("markdown") && answer["markdown"].is_string()) << c.name << ": " << answer.dump().substr(0, 400);
  const std::string markdown = answer["markdown"].get<std::string>();
  if (UpdateRequested()) {
    testing::WriteFile(path, markdown);
    return;
  }
  ASSERT_TRUE(testing::Exists(path)) << "no " << path << ": run scripts/update-golden.sh and review it";
  EXPECT_EQ(markdown, testing::ReadFile(path)) << "Markdown of " << c.name << " changed";
}

// gtest prints a failing parameter with this (instead of its bytes).
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class Golden : public ::testing::TestWithParam<Case> {};

TEST_P(Golden, AnalysisMatchesExpected) {
  const Case& c = GetParam();
  if (!c.error.empty()) FAIL() << c.error;
  if (!c.skip.empty()) GTEST_SKIP() << c.skip;
  const std::string plan = testing::ReadFile(c.plan);
  json request = CaseRequest(c);
  CheckMarkdown(c, plan, request);
  request.erase("markdown");
  const std::string actual = testing::AnalyzeThroughApi(plan, Fields(request)) + "\n";
  // the C ABI's unindented answers are written by a faster path of their own: the same JSON
  json unindented = request;
  unindented.erase("indent");
  EXPECT_EQ(json::parse(testing::AnalyzeThroughApi(plan, Fields(unindented))), json::parse(actual))
      << "the unindented answer of " << c.name << " differs from the indented one";
  const bool compact = testing::Exists(c.stem + kExpect);
  const bool snapshot = testing::Exists(c.stem + kSnapshot);
  ASSERT_FALSE(compact && snapshot) << c.name << " has both a snapshot and a compact expectation: keep one";
  if (compact) {
    const json expected = json::parse(testing::ReadFile(c.stem + kExpect));
    std::string diffs;
    for (const std::string& diff : testing::MatchExpectation(expected, json::parse(actual))) diffs += "\n  " + diff;
    EXPECT_TRUE(diffs.empty()) << c.name << " does not hold " << c.stem + kExpect << ":" << diffs;
    return;
  }
  if (UpdateRequested()) {
    testing::WriteFile(c.stem + kSnapshot, actual);
    GTEST_SKIP() << "wrote " << c.stem + kSnapshot;
  }
  ASSERT_TRUE(snapshot) << "no expectation for " << c.name << ": write " << c.stem + kExpect
                        << " (the fields that matter) or run scripts/update-golden.sh for a full snapshot";
  EXPECT_EQ(actual, testing::ReadFile(c.stem + kSnapshot)) << "analysis of " << c.name << " changed";
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name;
  for (char ch : info.param.name) name += (std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Plans, Golden, ::testing::ValuesIn(Cases()), CaseName);

// Every expectation and options file belongs to a case: a plan removed takes them with it.
TEST(GoldenManifest, NoExpectationWithoutItsPlan) {
  const std::string root = GoldenDir() + "/expected/";
  for (const std::string& file : testing::ListFiles(root)) {
    std::string plan;
    for (const char* suffix : {kSnapshot, kExpect, kOptions, kMarkdown})
      if (EndsWith(file, suffix)) plan = file.substr(root.size(), file.size() - root.size() - std::string(suffix).size());
    ASSERT_FALSE(plan.empty()) << file << " is not an expectation or options file";
    EXPECT_TRUE(testing::Exists(PlansDir() + "/" + plan)) << file << " has no plan: delete it";
  }
  const std::string corpus_cases = GoldenDir() + "/corpus/";
  for (const std::string& file : testing::ListFiles(corpus_cases)) {
    if (EndsWith(file, kCorpusPointer) || file == corpus_cases + "README.md") continue;
    std::string stem;
    for (const char* suffix : {kExpect, kOptions, kMarkdown})
      if (EndsWith(file, suffix)) stem = file.substr(0, file.size() - std::string(suffix).size());
    ASSERT_FALSE(stem.empty()) << file << " is not an expectation, options or .corpus file";
    EXPECT_TRUE(testing::Exists(stem + kCorpusPointer)) << file << " has no " << kCorpusPointer << " file: delete it";
  }
  for (const std::string& file : testing::ListFiles(corpus_cases))
    if (EndsWith(file, kCorpusPointer)) {
      const std::string stem = file.substr(0, file.size() - std::string(kCorpusPointer).size());
      EXPECT_TRUE(testing::Exists(stem + kExpect)) << file << " has no " << kExpect;
    }
}

// Most cases state only what matters; a few full snapshots keep every field of the answer
// under review (one per input form).
TEST(GoldenManifest, AFewFullSnapshotsRemain) {
  int snapshots = 0;
  for (const std::string& file : testing::ListFiles(GoldenDir() + "/expected"))
    if (EndsWith(file, kSnapshot)) ++snapshots;
  EXPECT_GE(snapshots, 3);
}

// plans/MANIFEST.md records, per plan, whether a person reading it sees a fallback: we must agree.
TEST(GoldenManifest, VerdictsAgreeWithTheHumanReading) {
  std::istringstream manifest(testing::ReadFile(PlansDir() + "/MANIFEST.md"));
  std::string line;
  int checked = 0;
  while (std::getline(manifest, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    for (size_t start = 1, bar; (bar = line.find(" | ", start)) != std::string::npos; start = bar + 2)
      cells.push_back(line.substr(start + 1, bar - start - 1));
    ASSERT_GE(cells.size(), 7u) << line;
    const std::string file = cells[0].substr(1, cells[0].size() - 2);  // strip the backticks
    const std::string expected = cells[6];
    if (expected != "yes" && expected != "no") continue;
    const std::string answer = testing::AnalyzeThroughApi(testing::ReadFile(PlansDir() + "/" + file));
    const bool ours = answer.find("\"has_fallback\":true") != std::string::npos;
    EXPECT_EQ(ours, expected == "yes") << file;
    ++checked;
  }
  EXPECT_GE(checked, 40);
}
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
}  // namespace clusop
