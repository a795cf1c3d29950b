// Reads every log of the public event-log corpus (../shared/corpus/eventlogs) with the real
// `clusop scan --format json`, and holds what it reports against the CSVs NVIDIA
// spark-rapids-tools wrote for these logs. inputs.tsv says what each input must give;
// rapids_expectations.tsv which CSV belongs to which log; every value that differs from
// theirs must be listed, with its reason, in known_differences.tsv. A new difference fails,
// and so does a listed one that no longer occurs. Skips when the corpus is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "csv_table.hpp"
#include "rapids_comparison.hpp"
#include "scan_cli.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;
using testing::Comparison;

std::string EventLogs() {
  const std::string corpus = testing::CorpusDir();
  return corpus.empty() || !testing::Exists(corpus + "/eventlogs/README.md") ? "" : corpus + "/eventlogs";
}

std::vector<std::vector<std::string>> ReadTsv(const std::string& name) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(testing::ReadFile(testing::SourceDir() + "/tests/eventlog_corpus/" + name));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells(1);
    for (const char c : line) {
      if (c == '\t') cells.emplace_back();
      else cells.back() += c;
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string Cell(const std::vector<std::string>& row, size_t i) { return i < row.size() ? row[i] : ""; }

// One scan per input, shared by the tests of this file.
const testing::ScanRun& Scan(const std::string& input) {
  static std::map<std::string, testing::ScanRun> runs;
  auto at = runs.find(input);
  if (at == runs.end()) at = runs.emplace(input, testing::RunScan(EventLogs() + "/" + input)).first;
  return at->second;
}

const json& Array(const json& doc, const char* name) {
  static const json kEmpty = json::array();
  return doc.is_object() && doc.contains(name) && doc[name].is_array() ? doc[name] : kEmpty;
}

// Every error of the answer, "path: message": the document's, each application's, or the
// whole-run error.
std::string Errors(const json& doc) {
  std::string all;
  const auto add = [&all](const json& error) {
    all += error.value("path", "") + ": " + error.value("message", "") + " | ";
  };
  if (doc.is_object() && doc.contains("error") && doc["error"].is_object()) add(doc["error"]);
  for (const json& error : Array(doc, "errors")) add(error);
  for (const json& app : Array(doc, "applications"))
    for (const json& error : Array(app, "errors")) add(error);
  return all;
}

TEST(EventLogCorpus, EveryFileIsCoveredByAListedInput) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "../shared/corpus/eventlogs is absent";
  std::set<std::string> inputs;
  for (const auto& row : ReadTsv("inputs.tsv")) {
    EXPECT_TRUE(testing::Exists(logs + "/" + row[0])) << row[0] << " is listed in inputs.tsv but absent";
    inputs.insert(row[0]);
  }
  for (const std::string& file : testing::ListFiles(logs)) {
    const std::string relative = file.substr(logs.size() + 1);
    if (relative == "README.md" || relative.find("/expected/") != std::string::npos) continue;
    bool covered = false;
    for (std::string at = relative; !at.empty() && !covered; at = at.substr(0, at.rfind('/'))) {
      covered = inputs.count(at) > 0;
      if (at.find('/') == std::string::npos) break;
    }
    EXPECT_TRUE(covered) << relative << " is in the corpus but no input of inputs.tsv covers it";
  }
  std::set<std::string> listed_csvs;
  for (const auto& row : ReadTsv("rapids_expectations.tsv")) listed_csvs.insert(row[0]);
  for (const std::string& file : testing::ListFiles(logs + "/spark-rapids-tools/expected"))
    EXPECT_TRUE(listed_csvs.count(file.substr(logs.size() + std::string("/spark-rapids-tools/expected/").size())))
        << file << " is not in rapids_expectations.tsv";
}

TEST(EventLogCorpus, EveryInputIsReadOrClearlyRefused) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "../shared/corpus/eventlogs is absent";
  int read = 0, partial = 0, refused = 0;
  for (const auto& row : ReadTsv("inputs.tsv")) {
    const std::string& input = row[0];
    const std::string outcome = Cell(row, 1);
    const testing::ScanRun& run = Scan(input);
    SCOPED_TRACE(input);
    if (run.exit_code != 0 && run.exit_code != 2) {
      ADD_FAILURE() << "exit " << run.exit_code << " (-1: killed by a signal); stderr: " << run.err;
      continue;
    }
    if (run.doc.is_null()) {
      ADD_FAILURE() << "stdout is not JSON: " << run.out.substr(0, 300);
      continue;
    }
    EXPECT_EQ(run.doc.value("schema", ""), "clusop.scan/1");
    for (const json& error : Array(run.doc, "errors")) {
      const std::string message = error.value("message", "");
      EXPECT_FALSE(message.empty() || message.find('\n') != std::string::npos) << "an error is not one clear line: " << error;
      EXPECT_FALSE(error.value("path", "").empty()) << error;
    }
    const json& apps = Array(run.doc, "applications");
    const std::string errors = Errors(run.doc);
    const std::string words = outcome.substr(outcome.find(':') + 1);
    if (outcome == "read") {
      ++read;
      EXPECT_EQ(run.exit_code, 0);
      EXPECT_TRUE(errors.empty()) << errors;
    } else if (outcome.rfind("partial:", 0) == 0) {
      ++partial;
      EXPECT_EQ(run.exit_code, 0);
      EXPECT_NE(errors.find(words), std::string::npos) << "expected an error naming '" << words << "', got: " << errors;
    } else if (outcome.rfind("refused:", 0) == 0) {
      ++refused;
      EXPECT_EQ(run.exit_code, 2);
      EXPECT_TRUE(apps.empty());
      EXPECT_NE(errors.find(words), std::string::npos) << "expected an error naming '" << words << "', got: " << errors;
    } else {
      ADD_FAILURE() << "unknown outcome " << outcome;
    }
    if (Cell(row, 2) != "-") EXPECT_EQ(apps.size(), std::stoul(Cell(row, 2)));
    if (apps.size() != 1) continue;
    const json& app = apps[0];
    if (Cell(row, 3) != "-") EXPECT_EQ(app.value("complete", false), Cell(row, 3) == "yes") << "complete";
    if (Cell(row, 4) != "-") {
      double task_ends = 0;
      for (const json& stage : Array(app, "stages")) task_ends += stage.value("tasks_seen", 0.0);
      EXPECT_EQ(testing::FormatNumber(task_ends), Cell(row, 4)) << "task attempts over all stages";
    }
    if (Cell(row, 5) != "-") EXPECT_EQ(Array(app, "sql_executions").size(), std::stoul(Cell(row, 5)));
  }
  std::printf("\nevent-log corpus: %d inputs read, %d read with a listed error, %d refused with a clear error\n", read,
              partial, refused);
}

struct KnownDifference {
  std::string reason;
  bool seen = false;
};

TEST(EventLogCorpus, AgreesWithSparkRapidsToolsOrTheDifferenceIsExplained) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "../shared/corpus/eventlogs is absent";
  // (log, key, field, ours, theirs) -> reason
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, KnownDifference> known;
  for (const auto& row : ReadTsv("known_differences.tsv")) {
    ASSERT_GE(row.size(), 6u) << "known_differences.tsv: a row needs log, key, field, ours, theirs, reason";
    EXPECT_FALSE(row[5].empty()) << "no reason for " << row[0] << " " << row[1] << " " << row[2];
    known[{row[0], row[1], row[2], row[3], row[4]}] = {row[5]};
  }
  int compared = 0, agreed = 0, explained = 0, unexplained = 0, not_compared = 0;
  std::printf("\n%-75s %9s %7s %9s\n", "spark-rapids-tools CSV", "compared", "agree", "explained");
  for (const auto& row : ReadTsv("rapids_expectations.tsv")) {
    const std::string &csv = row[0], &kind = Cell(row, 1), &log = Cell(row, 2);
    if (kind == "not_compared") {
      ++not_compared;
      continue;
    }
    const auto theirs =
        testing::CsvTable::Parse(testing::ReadFile(logs + "/spark-rapids-tools/expected/" + csv));
    ASSERT_FALSE(theirs.header().empty()) << csv << " could not be read";
    const json& apps = Array(Scan(log).doc, "applications");
    ASSERT_EQ(apps.size(), 1u) << log << " should hold one application";
    int csv_agreed = 0, csv_explained = 0;
    const std::vector<Comparison> comparisons = testing::CompareWithRapidsCsv(kind, theirs, apps[0]);
    EXPECT_FALSE(comparisons.empty()) << csv << ": nothing could be compared";
    for (const Comparison& c : comparisons) {
      ++compared;
      if (c.ours == c.theirs) {
        ++agreed;
        ++csv_agreed;
        continue;
      }
      const auto at = known.find({log, c.key, c.field, c.ours, c.theirs});
      if (at != known.end()) {
        at->second.seen = true;
        ++explained;
        ++csv_explained;
        continue;
      }
      ++unexplained;
      ADD_FAILURE() << "new difference, not in known_differences.tsv:\n"
                    << log << '\t' << c.key << '\t' << c.field << '\t' << c.ours << '\t' << c.theirs << "\t<reason>";
    }
    std::printf("%-75s %9zu %7d %9d\n", csv.c_str(), comparisons.size(), csv_agreed, csv_explained);
  }
  for (const auto& [row, difference] : known)
    EXPECT_TRUE(difference.seen) << std::get<0>(row) << " " << std::get<1>(row) << " " << std::get<2>(row)
                                 << " is listed in known_differences.tsv but no longer differs: remove it";
  std::printf("values compared %d: agree %d, explained differences %d, unexplained %d; CSVs not compared %d\n", compared,
              agreed, explained, unexplained, not_compared);
}

}  // namespace
}  // namespace clusop
