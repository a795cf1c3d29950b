// The engines' own fallback reports. logs/<engine>/<file> (written by a real local run, see
// tools/englog/generate_engine_logs.py) is analysed through the C API and compared with
// expected/<engine>/<file>.json (written by this runner with CLUSOP_UPDATE_GOLDEN=1, reviewed in
// the diff). corpus_reports.csv states what a person reads in the corpus' published reports.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

std::string Dir() { return testing::SourceDir() + "/tests/engine_log"; }

std::vector<std::string> Logs() {
  std::vector<std::string> out;
  const std::string root = Dir() + "/logs/";
  for (const std::string& path : testing::ListFiles(Dir() + "/logs")) out.push_back(path.substr(root.size()));
  return out;
}

// The answer against its expected file; CLUSOP_UPDATE_GOLDEN=1 rewrites the file instead.
void ExpectAnswer(const std::string& actual, const std::string& expected_path) {
  const char* update = std::getenv("CLUSOP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    testing::WriteFile(expected_path, actual);
    GTEST_SKIP() << "wrote " << expected_path;
  }
  ASSERT_TRUE(testing::Exists(expected_path)) << "no expected answer " << expected_path;
  EXPECT_EQ(actual, testing::ReadFile(expected_path)) << "answer changed: " << expected_path;
}

class EngineLog : public ::testing::TestWithParam<std::string> {};

TEST_P(EngineLog, AnalysisMatchesExpected) {
  const std::string log = testing::ReadFile(Dir() + "/logs/" + GetParam());
  const std::string actual = testing::AnalyzeThroughApi(log, R"("indent": 2)") + "\n";
  ExpectAnswer(actual, Dir() + "/expected/" + GetParam() + ".json");
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Logs, EngineLog, ::testing::ValuesIn(Logs()), CaseName);

// The Comet log of a real run beside the plan of the same query shape: the fallback's reason is
// Comet's own words, and Comet's count is set beside ours.
TEST(EngineLogBesidePlan, FillsTheFallbackReason) {
  const std::string plan = testing::ReadFile(testing::SourceDir() + "/tests/golden/plans/comet/datetime.tree.txt");
  const std::string log = testing::ReadFile(Dir() + "/logs/comet/local_queries.log");
  const json without = json::parse(testing::AnalyzeThroughApi(plan, R"("engine": "comet")"));
  const json with = json::parse(testing::AnalyzeThroughApi(plan, R"("engine": "comet", "engine_log": )" +
                                                                     json(log).dump()));
  ASSERT_FALSE(with["fallbacks"].empty());
  bool filled = false;
  for (const json& f : with["fallbacks"])
    filled = filled || (f["reason"].is_string() && f["reason"].get<std::string>().find("date_format is not supported") !=
                                                       std::string::npos);
  EXPECT_TRUE(filled) << with["fallbacks"].dump();
  EXPECT_FALSE(without["engine_evidence"].contains("report"));
  EXPECT_EQ(with["engine_evidence"]["report"]["engine"], "comet");
  EXPECT_EQ(with["engine_evidence"]["report"]["engine_count"]["source"], "comet_summary");
}

std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  return cells;
}

// plans/<engine>/<name>.tree.txt: the executed plan of one query of the run that wrote
// logs/<engine>/local_queries.log, analysed with that whole driver log beside it (what a person
// pastes) and compared with expected/plans/<engine>/<name>.tree.txt.json.
std::vector<std::string> BesidePlans() {
  std::vector<std::string> out;
  const std::string root = Dir() + "/plans/";
  for (const std::string& path : testing::ListFiles(Dir() + "/plans")) out.push_back(path.substr(root.size()));
  return out;
}

std::string EngineOf(const std::string& plan) { return plan.substr(0, plan.find('/')); }

std::string AnalyzeBesideLog(const std::string& plan) {
  const std::string engine = EngineOf(plan);
  const std::string log = testing::ReadFile(Dir() + "/logs/" + engine + "/local_queries.log");
  return testing::AnalyzeThroughApi(testing::ReadFile(Dir() + "/plans/" + plan),
                                    R"("indent": 2, "engine": ")" + engine + R"(", "engine_log": )" + json(log).dump());
}

class PlanBesideLog : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanBesideLog, AnalysisMatchesExpected) {
  const std::string actual = AnalyzeBesideLog(GetParam()) + "\n";
  ExpectAnswer(actual, Dir() + "/expected/plans/" + GetParam() + ".json");
}

INSTANTIATE_TEST_SUITE_P(Plans, PlanBesideLog, ::testing::ValuesIn(BesidePlans()), CaseName);

// beside_reasons.csv: for each plan, words the engine's log says of that query's fallback, the
// remedy it names ("-": none), and words it says of another query only, which must not fill it.
TEST(PlanBesideLog, ReasonsComeFromTheSameQuery) {
  std::istringstream table(testing::ReadFile(Dir() + "/beside_reasons.csv"));
  std::string line;
  std::getline(table, line);  // header
  int checked = 0;
  while (std::getline(table, line)) {
    const std::vector<std::string> c = Cells(line);
    ASSERT_EQ(c.size(), 4u) << line;
    const json a = json::parse(AnalyzeBesideLog(c[0]));
    ASSERT_FALSE(a.contains("error")) << c[0] << ": " << a.dump();
    std::string reasons;
    std::string remedy = "-";
    for (const json& f : a["fallbacks"]) {
      if (f["reason"].is_string()) reasons += f["reason"].get<std::string>() + "\n";
      if (f.contains("remedy") && remedy == "-") remedy = f["remedy"]["conf"];
    }
    EXPECT_NE(reasons.find(c[1]), std::string::npos) << c[0] << ": " << reasons;
    EXPECT_EQ(remedy, c[2]) << c[0];
    EXPECT_EQ(reasons.find(c[3]), std::string::npos) << c[0] << " holds another query's words: " << reasons;
    ++checked;
  }
  EXPECT_GE(checked, 4);
}

// An explainOnly plan is a CPU plan: beside its own query's printouts it is judged by RAPIDS' marks
// (no whole-plan verdict where RAPIDS says every exec runs on the GPU); beside only another query's
// printout (hex_ids', the log's last) no mark covers it and it is judged as a CPU plan, as before.
TEST(PlanBesideLog, ExplainOnlyPlanJudgedByRapidsMarks) {
  const std::string plan = testing::ReadFile(Dir() + "/plans/rapids/top_k.tree.txt");
  const std::string log = testing::ReadFile(Dir() + "/logs/rapids/local_queries.log");
  const size_t collect_limit = log.find("<CollectLimitExec>");
  ASSERT_NE(collect_limit, std::string::npos);
  const size_t begin = log.rfind("WARN GpuOverrides", collect_limit);
  const std::string other_query = log.substr(begin, log.find("WARN GpuOverrides", collect_limit) - begin);
  auto analyze = [&](const std::string& beside) {
    return json::parse(testing::AnalyzeThroughApi(plan, R"("engine": "rapids", "engine_log": )" + json(beside).dump()));
  };
  const json own = analyze(log);
  EXPECT_EQ(own["verdict"]["cause"], "none") << own["verdict"].dump();
  EXPECT_NE(own["confidence"]["reasons"].dump().find("explainOnly"), std::string::npos) << own["confidence"].dump();
  EXPECT_EQ(own["engine_evidence"]["report"]["engine_count"]["counts_in_log"], 1);
  const json other = analyze(other_query);
  EXPECT_EQ(other["engine_evidence"]["report"]["engine"], "rapids") << other.dump();
  EXPECT_EQ(other["verdict"]["cause"], "whole_plan_jvm") << other["verdict"].dump();
  EXPECT_EQ(other["confidence"]["reasons"].dump().find("explainOnly"), std::string::npos);
  const json alone = json::parse(testing::AnalyzeThroughApi(log));
  EXPECT_GT(alone["report"]["engine_count"]["counts_in_log"].get<int>(), 1) << alone["report"].dump();
}

TEST(EngineLogCorpus, ReportsAsPublished) {
  std::istringstream table(testing::ReadFile(Dir() + "/corpus_reports.csv"));
  std::string line;
  std::getline(table, line);  // header
  int checked = 0;
  while (std::getline(table, line)) {
    const std::vector<std::string> c = Cells(line);
    ASSERT_EQ(c.size(), 5u) << line;
    const std::string path = testing::CorpusDir() + "/" + c[0];
    if (!testing::Exists(path)) continue;
    const json a = json::parse(testing::AnalyzeThroughApi(testing::ReadFile(path)));
    const json& report = a.contains("report") ? a["report"] : a["engine_evidence"]["report"];
    ASSERT_TRUE(report.is_object()) << c[0] << ": " << a.dump().substr(0, 400);
    EXPECT_EQ(report["engine"], c[1]) << c[0];
    ASSERT_FALSE(report["entries"].empty()) << c[0];
    const json& first = report["entries"][0];
    EXPECT_EQ(first["operator"], c[2]) << c[0];
    json subject;  // the first expression the engine names, if any
    for (const json& e : report["entries"])
      if (subject.is_null() && e["subject"].is_string()) subject = e["subject"];
    if (c[3] == "-") EXPECT_TRUE(subject.is_null()) << c[0] << ": " << subject;
    else EXPECT_EQ(subject, c[3]) << c[0];
    std::string remedy = "-";
    for (const json& e : report["entries"])
      if (e["remedy"].is_object() && remedy == "-") remedy = e["remedy"]["conf"];
    EXPECT_EQ(remedy, c[4]) << c[0];
    ++checked;
  }
  if (checked == 0) GTEST_SKIP() << "corpus absent: " << testing::CorpusDir();
}

// The engine's report answers alone only when the input holds no plan at all. A plan that cannot
// be read (here: one byte that is not UTF-8) is an error, never "no plan was found beside the
// report" (a libFuzzer find: a Gluten phrase inside a plan with a stray byte).
TEST(EngineLogAlone, OnlyWhenTheInputHoldsNoPlan) {
  const std::string gluten_line = "native validation failed due to: unsupported type bigint\n";
  const std::string plan = testing::ReadFile(testing::SourceDir() + "/tests/golden/plans/comet/datetime.tree.txt");
  const json alone = json::parse(testing::AnalyzeThroughApi("driver log line\n" + gluten_line));
  EXPECT_EQ(alone["schema"], "clusop.engine_report/1") << alone.dump();
  EXPECT_EQ(alone["report"]["engine"], "gluten") << alone.dump();

  std::string broken = plan + gluten_line;
  broken.insert(broken.size() / 2, "\x97");
  const json unreadable = json::parse(testing::AnalyzeThroughApi(broken));
  EXPECT_EQ(unreadable["schema"], "clusop.analysis/1") << unreadable.dump();
  ASSERT_TRUE(unreadable.contains("error")) << unreadable.dump();
  EXPECT_NE(unreadable["error"]["message"].get<std::string>().find("not UTF-8"), std::string::npos);

  const json malformed = json::parse(testing::AnalyzeThroughApi("{\"sparkPlanInfo\": [" + gluten_line));
  ASSERT_TRUE(malformed.contains("error")) << malformed.dump();
  EXPECT_NE(malformed["error"]["message"].get<std::string>().find("invalid event-log JSON"), std::string::npos);
}

// A command is not a query the engine accelerates: the logical plan printed below an
// ExecutedCommandExec, or a V2 command leaf, is not judged even when the engine is on.
TEST(CommandPlans, AreNotJudged) {
  int checked = 0;
  for (const std::string& path : testing::ListFiles(Dir() + "/commands")) {
    for (const char* engine : {"comet", "gluten", "rapids"}) {
      const json a = json::parse(testing::AnalyzeThroughApi(testing::ReadFile(path),
                                                            std::string(R"("engine": ")") + engine + "\""));
      ASSERT_FALSE(a.contains("error")) << path << ": " << a.dump();
      EXPECT_FALSE(a["has_fallback"].get<bool>()) << path << " under " << engine << ": " << a["fallbacks"].dump();
      EXPECT_EQ(a["verdict"]["kind"], "none") << path;
      EXPECT_NE(a["recommendation"].get<std::string>().find("command"), std::string::npos) << a["recommendation"];
    }
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

}  // namespace
}  // namespace clusop
