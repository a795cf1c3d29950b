// The SQL executions of a real Databricks Photon log (DBR 13.3, NDS q88, from NVIDIA
// spark-rapids-tools' test resources), held against facts read here independently with
// nlohmann/json: the execution list, the final plan, the cluster the log states, and the
// measured size of every join side.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "sql_log_feed.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

constexpr const char* kLog = "/eventlogs/spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd";

// What the tests compare against: read from the log without the core's SQL code.
struct Independent {
  std::map<int64_t, int64_t> start_ms, end_ms;
  std::map<int64_t, std::string> description, details;
  std::map<int64_t, int> updates;
  std::map<int64_t, std::set<int64_t>> jobs;
  json final_plan_26;                              // sparkPlanInfo of the last AQE update of execution 26
  std::unordered_map<int64_t, double> stage_last;  // last StageCompleted value per accumulator
  std::unordered_map<int64_t, double> driver_last;
};

struct Loaded {
  bool ok = false;
  std::string error;
  std::vector<SqlExecutionReport> executions;
  SqlTotals totals;
  Independent facts;
};

void Observe(std::string_view line, Independent* f) {
  const std::string event = testing::EventName(line);
  const bool sql = event.rfind("org.apache.spark.sql.execution.ui.", 0) == 0;
  if (!sql && event != "SparkListenerJobStart" && event != "SparkListenerStageCompleted") return;
  const json j = json::parse(line);
  if (event == "SparkListenerJobStart") {
    const json& p = j["Properties"];
    if (p.contains("spark.sql.execution.id"))
      f->jobs[testing::JsonInt(p["spark.sql.execution.id"])].insert(j["Job ID"].get<int64_t>());
  } else if (event == "SparkListenerStageCompleted") {
    for (const json& a : j["Stage Info"]["Accumulables"])
      if (a.contains("Value")) f->stage_last[a["ID"].get<int64_t>()] = testing::JsonNumber(a["Value"]);
  } else if (testing::EventName(line).find("SQLExecutionStart") != std::string::npos) {
    const int64_t id = j["executionId"];
    f->start_ms[id] = j["time"];
    f->description[id] = j["description"];
    f->details[id] = j["details"];
  } else if (event.find("SQLExecutionEnd") != std::string::npos) {
    f->end_ms[j["executionId"].get<int64_t>()] = j["time"];
  } else if (event.find("SQLAdaptiveExecutionUpdate") != std::string::npos) {
    const int64_t id = j["executionId"];
    ++f->updates[id];
    if (id == 26) f->final_plan_26 = j["sparkPlanInfo"];
  } else if (event.find("DriverAccumUpdates") != std::string::npos) {
    for (const json& u : j["accumUpdates"]) f->driver_last[u[0].get<int64_t>()] = testing::JsonNumber(u[1]);
  }
}

const Loaded& Load() {
  static const Loaded loaded = [] {
    Loaded l;
    SqlExecutions sql(ScanOptions{});
    testing::SqlFeed feed(&sql);
    l.ok = testing::ForEachLogLine(
        testing::CorpusDir() + kLog,
        [&](std::string_view line) {
          feed.Line(line);
          Observe(line, &l.facts);
        },
        &l.error);
    feed.End();
    sql.Finish(&l.executions, &l.totals);
    return l;
  }();
  return loaded;
}

class PhotonLog : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::CorpusDir().empty() || !testing::Exists(testing::CorpusDir() + kLog)) GTEST_SKIP() << "corpus absent";
    ASSERT_TRUE(Load().ok) << Load().error;
  }
  const SqlExecutionReport& Execution(int64_t id) {
    for (const SqlExecutionReport& e : Load().executions)
      if (e.execution_id == id) return e;
    ADD_FAILURE() << "no execution " << id;
    static SqlExecutionReport none;
    return none;
  }
};

TEST_F(PhotonLog, EveryExecutionWithItsTimesDescriptionAndJobs) {
  const Independent& f = Load().facts;
  ASSERT_EQ(Load().executions.size(), f.start_ms.size());
  EXPECT_EQ(Load().executions.size(), 27u);
  for (const SqlExecutionReport& e : Load().executions) {
    SCOPED_TRACE(e.execution_id);
    EXPECT_EQ(e.start_ms, f.start_ms.at(e.execution_id));
    EXPECT_EQ(e.end_ms, f.end_ms.at(e.execution_id));
    EXPECT_EQ(e.status, "succeeded");
    EXPECT_EQ(e.error_message, "");
    EXPECT_EQ(e.description, f.description.at(e.execution_id));
    const std::string& details = f.details.at(e.execution_id);
    EXPECT_EQ(e.call_site, details.substr(0, details.find('\n')));
    const auto jobs = f.jobs.find(e.execution_id);
    const std::set<int64_t> expected_jobs = jobs == f.jobs.end() ? std::set<int64_t>{} : jobs->second;
    EXPECT_EQ(std::set<int64_t>(e.job_ids.begin(), e.job_ids.end()), expected_jobs);
    const auto updates = f.updates.find(e.execution_id);
    EXPECT_EQ(e.aqe_updates, updates == f.updates.end() ? 0 : updates->second);
    EXPECT_TRUE(e.analysis_error.empty()) << e.analysis_error;
  }
  const SqlExecutionReport& q88 = Execution(26);
  EXPECT_EQ(q88.description, "query88");
  EXPECT_EQ(q88.call_site, "org.apache.spark.sql.Dataset.collectToPython(Dataset.scala:4311)");
  EXPECT_EQ(q88.aqe_updates, 11);
  EXPECT_EQ(q88.end_ms - q88.start_ms, 1726763597294 - 1726763346752);
}

TEST_F(PhotonLog, FinalPlanIsTheLastAdaptiveUpdateWithPhotonOperators) {
  const json a = json::parse(Execution(26).analysis_json);
  EXPECT_EQ(a["engine"], "photon");
  EXPECT_EQ(a["engine_on"], true);
  EXPECT_EQ(a["parse"]["format"], "event_log_json");
  EXPECT_EQ(a["parse"]["plan_state"], "final");
  // The same node count as the last update's sparkPlanInfo, counted here.
  size_t nodes = 0;
  std::vector<const json*> stack{&Load().facts.final_plan_26};
  while (!stack.empty()) {
    const json* n = stack.back();
    stack.pop_back();
    ++nodes;
    for (const json& c : (*n)["children"]) stack.push_back(&c);
  }
  EXPECT_EQ(a["parse"]["node_count"].get<size_t>(), nodes);
  // "The query is fully supported by Photon." says the log's own Photon Explanation.
  EXPECT_EQ(a["has_fallback"], false);
  EXPECT_EQ(a["verdict"]["kind"], "none");
}

TEST_F(PhotonLog, ClusterComesFromTheUsageTags) {
  // spark.databricks.clusterUsageTags: cloudProvider AWS, clusterNodeType m6gd.2xlarge,
  // driverNodeType m6gd.xlarge, clusterWorkers 2, runtimeEngine PHOTON.
  const SqlExecutionReport& e = Execution(26);
  const json inputs = json::parse(e.analysis_json)["waste"]["inputs"];
  EXPECT_EQ(inputs["cloud"], "aws");
  EXPECT_EQ(inputs["node_type"], "m6gd.2xlarge");
  EXPECT_EQ(inputs["driver_node_type"], "m6gd.xlarge");
  EXPECT_EQ(inputs["workers"], 2);
  EXPECT_DOUBLE_EQ(inputs["runtime_seconds"].get<double>(), (e.end_ms - e.start_ms) / 1000.0);
  EXPECT_EQ(e.waste_usd, 0);  // priced, and nothing fell back
  EXPECT_TRUE(Load().totals.waste_priced);
}

TEST_F(PhotonLog, TotalsOverExecutions) {
  const SqlTotals& t = Load().totals;
  EXPECT_EQ(t.executions, 27);
  EXPECT_EQ(t.with_fallback, 0);
  EXPECT_EQ(t.fallback_time_share, 0);
  EXPECT_EQ(t.waste_usd, 0);
}

// The nearest measured size below a join input, found here with this plan's own node names.
void MeasureHere(const json& side, const std::unordered_map<int64_t, double>& values, int64_t* bytes,
                 int64_t* rows) {
  static const std::set<std::string> kThrough = {"PhotonShuffleExchangeSource", "ShuffleQueryStage", "ReusedExchange",
                                                 "PhotonShuffleMapStage",       "PhotonShuffleExchangeSink",
                                                 "PhotonProject",               "PhotonFilter",
                                                 "BroadcastQueryStage",         "PhotonBroadcastExchange"};
  static const std::vector<std::string> kSizes = {"data size", "shuffle bytes written", "partition data size",
                                                  "num bytes read", "num bytes written", "size of files read"};
  const json* n = &side;
  for (;;) {
    auto value = [&](const std::string& name, double* v) {
      for (const json& m : (*n)["metrics"])
        if (m["name"] == name) {
          const auto it = values.find(m["accumulatorId"].get<int64_t>());
          if (it != values.end()) {
            *v = it->second;
            return true;
          }
        }
      return false;
    };
    double v = 0;
    if (*rows < 0 && value("number of output rows", &v)) *rows = static_cast<int64_t>(v);
    for (const std::string& s : kSizes)
      if (value(s, &v)) {
        *bytes = static_cast<int64_t>(v);
        return;
      }
    std::string name = (*n)["nodeName"];
    if (!kThrough.count(name) || (*n)["children"].size() != 1) return;
    n = &(*n)["children"][0];
  }
}

TEST_F(PhotonLog, JoinSidesCarryTheMeasuredSizes) {
  const Independent& f = Load().facts;
  std::unordered_map<int64_t, double> values = f.stage_last;
  for (const auto& [id, v] : f.driver_last) values[id] += v;
  // Joins of the final plan in pre-order, the order the plan reader numbers nodes.
  struct Expected {
    int32_t node;
    std::string name;
    int64_t left_bytes = -1, right_bytes = -1, left_rows = -1, right_rows = -1;
  };
  std::vector<Expected> expected;
  std::vector<const json*> stack{&f.final_plan_26};
  int32_t id = 0;
  while (!stack.empty()) {
    const json* n = stack.back();
    stack.pop_back();
    const std::string name = (*n)["nodeName"];
    if (name.find("Join") != std::string::npos) {
      Expected e{id, name};
      MeasureHere((*n)["children"][0], values, &e.left_bytes, &e.left_rows);
      MeasureHere((*n)["children"][1], values, &e.right_bytes, &e.right_rows);
      expected.push_back(e);
    }
    ++id;
    const json& children = (*n)["children"];
    for (size_t i = children.size(); i-- > 0;) stack.push_back(&children[i]);
  }
  const std::vector<JoinFacts>& joins = Execution(26).joins;
  ASSERT_EQ(joins.size(), expected.size());
  EXPECT_EQ(joins.size(), 31u);  // 24 PhotonBroadcastHashJoin + 7 PhotonBroadcastNestedLoopJoin
  int measured_build_sides = 0;
  for (size_t i = 0; i < joins.size(); ++i) {
    SCOPED_TRACE(expected[i].name + " at node " + std::to_string(expected[i].node));
    EXPECT_EQ(joins[i].node, expected[i].node);
    EXPECT_EQ(joins[i].operator_name, expected[i].name);
    EXPECT_EQ(joins[i].strategy, expected[i].name == "PhotonBroadcastHashJoin" ? "BroadcastHashJoin"
                                                                                : "BroadcastNestedLoopJoin");
    EXPECT_EQ(joins[i].join_type, "Inner");
    EXPECT_EQ(joins[i].build_side, "BuildRight");
    EXPECT_EQ(joins[i].left_bytes, expected[i].left_bytes);
    EXPECT_EQ(joins[i].right_bytes, expected[i].right_bytes);
    EXPECT_EQ(joins[i].left_rows, expected[i].left_rows);
    EXPECT_EQ(joins[i].right_rows, expected[i].right_rows);
    if (joins[i].right_bytes >= 0) ++measured_build_sides;
  }
  EXPECT_EQ(measured_build_sides, 31);
}

}  // namespace
}  // namespace clusop
