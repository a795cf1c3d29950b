// `clusop scan` text and `clusop scan --format json` on the same real logs (the public corpus;
// skipped when absent): every figure the text prints for a stage, a recommendation, an SQL
// execution and the application is the *_text the JSON carries for it, so the CLI, the page
// and the widget (which print the JSON's *_text) never differ. Each text line is rebuilt from
// the JSON's words and must be the line the text printed.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

std::string Words(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string("unknown");
}

struct Checked {
  std::set<std::string> kinds;
  int lines = 0;
};

bool StartsWith(const std::string& line, const std::string& prefix) { return line.compare(0, prefix.size(), prefix) == 0; }

// One application's text block against its JSON object.
void Compare(const std::vector<std::string>& block, const json& app, Checked* checked) {
  std::map<std::string, const json*> stages;
  for (const json& s : app["stages"]) stages[std::to_string(s["stage_id"].get<int64_t>()) + "." + std::to_string(s["attempt"].get<int64_t>())] = &s;
  const std::regex stage_line(R"(^    stage (\d+)(?: \(attempt (\d+)\))?: )");
  const std::regex rec_line(R"(^    (\d+)\. \[)");
  std::string section;
  const auto expect = [&](const std::string& line, const std::string& wanted, const char* kind) {
    EXPECT_TRUE(StartsWith(line, wanted)) << kind << "\n text: " << line << "\n json: " << wanted;
    checked->kinds.insert(kind);
    ++checked->lines;
  };
  for (size_t i = 0; i < block.size(); ++i) {
    const std::string& line = block[i];
    if (StartsWith(line, "  duration ")) expect(line, "  duration " + Words(app, "duration_ms_text") + ", ", "application duration");
    if (StartsWith(line, "  utilisation ")) {
      const json& u = app["utilisation"];
      expect(line, "  utilisation " + Words(u, "ratio_text") + " of " + Words(u, "core_seconds_available_text") + " core-seconds", "utilisation");
    }
    if (StartsWith(line, "  ") && !StartsWith(line, "   ")) section = line;
    std::smatch m;
    if (std::regex_search(line, m, stage_line)) {
      const auto it = stages.find(m[1].str() + "." + (m[2].matched ? m[2].str() : "0"));
      ASSERT_NE(it, stages.end()) << line;
      const json& s = *it->second;
      const std::string head = m[0].str();
      const json& d = s["task_duration_ms"];
      if (StartsWith(section, "  Top stages")) {
        expect(line, head + Words(s, "executor_run_time_ms_text") + " in ", "top stage run time");
        EXPECT_NE(line.find(", wall " + Words(s, "duration_ms_text") + ", task p50 " + Words(d, "p50_text") + " p95 " +
                            Words(d, "p95_text") + " max " + Words(d, "max_text")),
                  std::string::npos)
            << line;
      } else if (StartsWith(section, "  Skewed")) {
        expect(line, head + Words(s, "skew_ratio_text") + ", median " + Words(d, "p50_text") + ", straggler " + Words(d, "max_text"), "skew");
      } else if (StartsWith(section, "  Spilling")) {
        expect(line, head + Words(s, "memory_spilled_bytes_text") + " spilled from memory, " + Words(s, "disk_spilled_bytes_text") + " to disk", "spill");
      } else if (StartsWith(section, "  GC-heavy")) {
        expect(line, head + Words(s, "gc_share_text") + " of " + Words(s, "executor_run_time_ms_text"), "gc");
      }
    }
    if (StartsWith(section, "  Recommendations") && std::regex_search(line, m, rec_line) && i + 1 < block.size()) {
      const json& r = app["recommendations"][std::stoul(m[1].str()) - 1];
      expect(block[i + 1], "       saves ~" + Words(r["saving"], "time_ms_text") + ", " + Words(r["saving"], "usd_text") + ", confidence ", "recommendation saving");
    }
    if (StartsWith(line, "    SQL execution ") && i + 1 < block.size()) {
      const int64_t id = std::stoll(line.substr(18));
      for (const json& e : app["sql_executions"]) {
        if (e["execution_id"].get<int64_t>() != id) continue;
        EXPECT_NE(line.find(", " + Words(e, "duration_ms_text")), std::string::npos) << line;
        expect(block[i + 1], "      fallback " + Words(e, "fallback_weight_text") + " of the plan's work, ", "execution share");
        if (e["waste_usd"].is_number()) {
          const std::string waste = ": " + Words(e, "waste_usd_text");
          EXPECT_EQ(block[i + 1].substr(block[i + 1].size() - std::min(block[i + 1].size(), waste.size())), waste) << block[i + 1];
          checked->kinds.insert("execution dollars");
        }
      }
    }
    if (StartsWith(line, "    total: fallback ")) {
      const json& t = app["sql_totals"];
      std::string wanted = "    total: fallback " + Words(t, "fallback_time_share_text") + " of SQL time, ";
      if (t["waste_priced"].get<bool>()) wanted += Words(t, "waste_usd_text");
      expect(line, wanted, "sql total");
    }
  }
}

void Agree(const std::string& args, Checked* checked) {
  const testing::CliResult text = testing::RunClusop("scan " + args);
  const testing::CliResult doc = testing::RunClusop("scan --format json " + args);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  ASSERT_EQ(doc.exit_code, 0) << doc.err;
  const json scan = json::parse(doc.out);
  std::map<std::string, const json*> apps;
  for (const json& a : scan["applications"])
    if (a["app_id"].is_string()) apps[a["app_id"].get<std::string>()] = &a;
  std::istringstream lines(text.out);
  std::vector<std::string> block;
  const json* app = nullptr;
  const auto flush = [&] {
    if (app != nullptr) Compare(block, *app, checked);
    block.clear();
  };
  for (std::string line; std::getline(lines, line);) {
    if (StartsWith(line, "Application ")) {
      flush();
      const std::string id = line.substr(12, line.find(' ', 12) - 12);
      app = apps.count(id) ? apps[id] : nullptr;
      EXPECT_NE(app, nullptr) << line;
    }
    block.push_back(line);
  }
  flush();
}

TEST(ScanTextAgreement, EveryFigureOfTheTextIsTheJsonsText) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "corpus absent";
  const std::string logs = corpus + "/eventlogs/";
  Checked checked;
  // skew and GC on EMR; spill, failures and priced recommendations; a Photon fallback priced
  Agree(logs + "spark_log_parser/emr.zip", &checked);
  Agree("--cloud aws --node-type m5.xlarge --driver-node-type m5.xlarge --workers 2 " + logs +
            "spark-rapids-tools/spark-events-profiling/gpu_oom_eventlog.zstd",
        &checked);
  Agree("--cloud azure --node-type Standard_DS3_v2 --driver-node-type Standard_DS3_v2 --workers 2 " + logs +
            "spark-rapids-tools/event_logs/photon_eventlog.zstd",
        &checked);
  for (const char* kind : {"application duration", "utilisation", "top stage run time", "skew", "spill", "gc",
                           "recommendation saving", "execution share", "execution dollars", "sql total"})
    EXPECT_TRUE(checked.kinds.count(kind)) << "no line of kind " << kind << " was compared";
  EXPECT_GT(checked.lines, 20);
}

}  // namespace
}  // namespace clusop
