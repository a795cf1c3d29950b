// Malformed plans and requests through the public entry point: each must give a clear error
// ({"error": {"code", "message"}} whose message names what was expected) or a valid analysis.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyze.hpp"
#include "clusop/clusop.hpp"
#include "robustness_support.hpp"
#include "support/plan_builder.hpp"

namespace clusop::robustness {
namespace {

using clusop::testing::Node;

constexpr std::string_view kTreePlan =
    "== Physical Plan ==\n"
    "AdaptiveSparkPlan isFinalPlan=true\n"
    "+- == Final Plan ==\n"
    "   PhotonResultStage\n"
    "   +- PhotonProject [a#1]\n"
    "      +- PhotonRowToColumnar\n"
    "         +- Project [a#1, pythonUDF0#9 AS b#2]\n"
    "            +- BatchEvalPython [f(a#1)#8], [pythonUDF0#9]\n"
    "               +- ColumnarToRow\n"
    "                  +- PhotonScan parquet db.t[a#1]\n";

clusop::testing::PlanSpec SmallPlan() {
  return Node("PhotonProject [a#1]",
              {Node("PhotonRowToColumnar",
                    {Node("Project [a#1, pythonUDF0#9 AS b#2]",
                          {Node("BatchEvalPython [f(a#1)#8], [pythonUDF0#9]",
                                {Node("ColumnarToRow", {Node("PhotonScan parquet db.t[a#1]")})})})})});
}

json Analyze(std::string_view plan) { return CallApi(MakeRequest(plan)); }

// Errors of the plan reader, seen through the internal pipeline (for inputs a JSON request
// cannot carry, such as bytes that are not UTF-8).
std::string InternalError(std::string_view plan) {
  AnalyzeInput input;
  input.plan = plan;
  clusop::Analysis analysis;
  std::string error;
  if (clusop::Analyze(input, &analysis, &error)) return "<analysed>";
  return error;
}

TEST(RobustnessMalformed, ControlPlansAreAnalysed) {
  const json tree = Analyze(kTreePlan);
  ASSERT_TRUE(IsAnalysis(tree));
  EXPECT_TRUE(tree["has_fallback"].get<bool>());
  const json event = Analyze(clusop::testing::RenderEventLine(
      SmallPlan(), "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart", "== Physical Plan ==\n"));
  ASSERT_TRUE(IsAnalysis(event));
  EXPECT_EQ(event["parse"]["node_count"], 6);
  EXPECT_TRUE(event["has_fallback"].get<bool>());
}

// ---- empty, blank, not UTF-8 ----

TEST(RobustnessMalformed, EmptyPlan) {
  EXPECT_TRUE(IsError(Analyze(""), "no_plan", {"empty input", "expected"}));
}

TEST(RobustnessMalformed, WhitespaceOnlyPlan) {
  for (std::string_view blank : {" ", "\n", "\r\n\r\n", " \t \n\t\f\v ", "\xEF\xBB\xBF  \n"})
    EXPECT_TRUE(IsError(Analyze(blank), "no_plan", {"empty input", "expected"})) << ::testing::PrintToString(blank);
}

TEST(RobustnessMalformed, InvalidUtf8InRequest) {
  // Raw bytes that are not UTF-8 inside the plan string: rejected either by the request parser
  // (bad_request) or by the plan reader (no_plan, "not UTF-8"); never analysed, never echoed.
  for (std::string_view bytes : {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "Project [\xE2\x82]"}) {
    std::string request = "{\"plan\":\"== Physical Plan ==\\nProject [a#1] ";
    request += bytes;
    request += "\"}";
    const json r = CallApi(request);
    EXPECT_TRUE(IsError(r, "bad_request", {"expected"}) || IsError(r, "no_plan", {"not UTF-8", "expected"}))
        << ::testing::PrintToString(bytes) << " -> " << Brief(r);
  }
  // the same bytes outside the plan: in a key, in another string, between tokens
  for (std::string_view request : {"{\"pl\xFF\":1,\"plan\":\"Project [a#1]\"}", "{\"plan\":\"Project [a#1]\",\"engine\":\"\xFF\"}",
                                   "{\"plan\":\"Project [a#1]\",\xFF}"}) {
    const json r = CallApi(request);
    EXPECT_TRUE(IsAnalysisOrError(r)) << ::testing::PrintToString(request);
    EXPECT_TRUE(r.contains("error") || r["parse"]["node_count"] == 1) << Brief(r);
  }
}

TEST(RobustnessMalformed, InvalidUtf8PlanThroughInternalApi) {
  const std::vector<std::string> plans = {
      "\xFF",
      "== Physical Plan ==\nProject [a#1]\n+- Scan parquet t[\xC0\xAF]\n",  // overlong '/'
      "Project [\xED\xA0\x80]",                                             // a UTF-16 surrogate
      "Project [\xF4\x90\x80\x80]",                                         // above U+10FFFF
      "Project [a#1] \xE2\x82",                                             // truncated sequence at the end
      "{\"nodeName\":\"Pro\xFFject\",\"children\":[]}",
  };
  for (const std::string& plan : plans) {
    const std::string error = InternalError(plan);
    EXPECT_NE(error.find("not UTF-8"), std::string::npos) << ::testing::PrintToString(plan) << " -> " << error;
    EXPECT_NE(error.find("expected"), std::string::npos) << error;
  }
  // valid multi-byte text stays accepted
  EXPECT_EQ(InternalError("== Physical Plan ==\nProject [caf\xC3\xA9#1, \xF0\x9F\x98\x80#2]\n"), "<analysed>");
}

// ---- broken JSON plans ----

TEST(RobustnessMalformed, LoneBrace) {
  for (std::string_view plan : {"{", " {", "{\n", "{{", "{[", "{\"", "{\"nodeName\"", "{\"nodeName\":"})
    EXPECT_TRUE(IsError(Analyze(plan), "no_plan", {"invalid event-log JSON"})) << plan;
}

TEST(RobustnessMalformed, TruncatedEventLineAtEveryByte) {
  const std::string line = clusop::testing::RenderEventLine(
      SmallPlan(), "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart", std::string(kTreePlan));
  size_t errors = 0;
  for (size_t n = 0; n < line.size(); ++n) {
    const json r = Analyze(std::string_view(line).substr(0, n));
    if (n == 0) {
      EXPECT_TRUE(IsError(r, "no_plan", {"empty input"}));
    } else {
      EXPECT_TRUE(IsError(r, "no_plan", {"invalid event-log JSON: "})) << "cut at byte " << n;
    }
    ++errors;
  }
  EXPECT_EQ(errors, line.size());
}

TEST(RobustnessMalformed, TruncatedRequestAtEveryByte) {
  const std::string request = MakeRequest(kTreePlan, "\"engine\":\"photon\",\"cluster\":{\"workers\":4}");
  ASSERT_TRUE(IsAnalysis(CallApi(request)));
  for (size_t n = 0; n < request.size(); ++n)
    EXPECT_TRUE(IsError(CallApi(request.data(), n), "bad_request", {"expected a JSON object"})) << "cut at " << n;
}

struct WrongTypeCase {
  const char* what;
  std::string plan;
  std::vector<std::string_view> message;  // parts the error message must contain
};

TEST(RobustnessMalformed, JsonPlanWithWrongTypes) {
  const std::string event = "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\",";
  const std::vector<WrongTypeCase> cases = {
      {"children an object (bare node)",
       R"({"nodeName":"Project","simpleString":"Project [a#1]","children":{}})", {"expected an array"}},
      {"children a string (event line)",
       event + R"("sparkPlanInfo":{"nodeName":"Project","simpleString":"Project [a#1]","children":"none"}})",
       {"children is not an array"}},
      {"children null", event + R"("sparkPlanInfo":{"nodeName":"Project","children":null}})",
       {"children is not an array"}},
      {"a child a number", event + R"("sparkPlanInfo":{"nodeName":"Project","children":[1]}})",
       {"a child is not an object"}},
      {"a child of a bare node a string", R"({"nodeName":"Project","children":["Scan"]})",
       {"a child is not an object"}},
      {"nodeName a number (bare node)", R"({"nodeName":42,"simpleString":"Project [a#1]","children":[]})",
       {"expected a string for nodeName"}},
      {"nodeName a number (event line)", event + R"("sparkPlanInfo":{"nodeName":42,"children":[]}})",
       {"expected a string for nodeName"}},
      {"nodeName an array (deep child)",
       event + R"("sparkPlanInfo":{"nodeName":"Project","children":[{"nodeName":["Scan"],"children":[]}]}})",
       {"expected a string for nodeName"}},
      {"simpleString an object", event + R"("sparkPlanInfo":{"nodeName":"Project","simpleString":{},"children":[]}})",
       {"expected a string for simpleString"}},
      {"metrics an object", event + R"("sparkPlanInfo":{"nodeName":"Project","children":[],"metrics":{}}})",
       {"metrics is not an array"}},
      {"a metric a string", event + R"("sparkPlanInfo":{"nodeName":"Project","children":[],"metrics":["x"]}})",
       {"a metric is not an object"}},
      {"sparkPlanInfo an array", event + R"("sparkPlanInfo":[]})", {"sparkPlanInfo is not an object"}},
      {"sparkPlanInfo a string", event + R"("sparkPlanInfo":"Project"})", {"sparkPlanInfo is not an object"}},
      {"Event a number", R"({"Event":5,"sparkPlanInfo":{"nodeName":"Project","children":[]}})",
       {"Event is not a string"}},
      {"physicalPlanDescription a number", event + R"("physicalPlanDescription":1})",
       {"physicalPlanDescription is not a string"}},
      {"no plan in the object", event + R"("executionId":1})", {"no plan found", "expected a sparkPlanInfo"}},
      {"an empty object", "{}", {"no plan found", "expected a sparkPlanInfo"}},
      {"trailing data", R"({"nodeName":"Project","children":[]} {"nodeName":"Filter"})",
       {"invalid event-log JSON"}},
      {"bad escape", R"({"nodeName":"Pro\qject","children":[]})", {"invalid event-log JSON"}},
      {"bad \\u escape", R"({"nodeName":"Pro\u12","children":[]})", {"invalid event-log JSON"}},
      {"bad number", R"({"nodeName":"Project","explainId":1x2,"children":[]})", {"invalid event-log JSON"}},
      {"bare word value", R"({"nodeName":"Project","explainId":yes,"children":[]})", {"invalid event-log JSON"}},
      {"unbalanced", R"({"nodeName":"Project","children":[}]})", {"invalid event-log JSON"}},
      {"missing colon", R"({"nodeName" "Project"})", {"invalid event-log JSON"}},
      {"missing comma", R"({"nodeName":"Project" "children":[]})", {"invalid event-log JSON"}},
      {"key not a string", R"({nodeName:"Project"})", {"invalid event-log JSON"}},
  };
  for (const WrongTypeCase& c : cases) {
    SCOPED_TRACE(c.what);
    const json r = Analyze(c.plan);
    ASSERT_TRUE(IsError(r, "no_plan", {"invalid event-log JSON"})) << c.plan;
    const std::string message = r["error"]["message"];
    for (std::string_view part : c.message)
      EXPECT_NE(message.find(part), std::string::npos) << "message: " << message;
  }
}

// Valid JSON, but not an object at the top: read as explain text, which finds no plan.
TEST(RobustnessMalformed, JsonPlanNotAnObject) {
  for (std::string_view plan : {"[]", "[{\"nodeName\":\"Project\"}]", "42", "\"Project\"", "null", "true"})
    EXPECT_TRUE(IsError(Analyze(plan), "no_plan", {"no physical plan found", "expected"})) << plan;
}

// ---- NUL bytes ----

TEST(RobustnessMalformed, NulBytesInsideTextPlan) {
  std::string plan(kTreePlan);
  plan.insert(plan.find("PhotonProject") + 6, std::string("\0", 1));     // inside an operator name
  plan.insert(plan.find("BatchEvalPython") + 15, std::string("\0\0", 2));  // after an operator name
  const json r = Analyze(plan);
  ASSERT_TRUE(IsAnalysisOrError(r));
  if (!r.contains("error")) {
    EXPECT_GE(r["parse"]["node_count"].get<int>(), 1);
  }

  EXPECT_TRUE(IsError(Analyze(std::string("\0\0\0", 3)), "no_plan", {"no physical plan found"}));
  EXPECT_TRUE(IsError(Analyze(std::string("== Physical Plan ==\n\0", 21)), "no_plan", {"expected"}));
  // the whole plan after a NUL still counts: the API takes lengths, not C strings
  const std::string after_nul = std::string("\0\n", 2) + std::string(kTreePlan);
  const json r2 = Analyze(after_nul);
  ASSERT_TRUE(IsAnalysis(r2));
  EXPECT_TRUE(r2["has_fallback"].get<bool>());
}

TEST(RobustnessMalformed, NulBytesInsideJsonPlan) {
  // raw control characters are not allowed inside JSON strings
  const std::string in_string = std::string(R"({"nodeName":"Pro)") + '\0' + R"(ject","children":[]})";
  EXPECT_TRUE(IsError(Analyze(in_string), "no_plan", {"invalid event-log JSON", "control character"}));
  const std::string between_tokens = std::string(R"({"nodeName":"Project",)") + '\0' + R"("children":[]})";
  EXPECT_TRUE(IsError(Analyze(between_tokens), "no_plan", {"invalid event-log JSON"}));
  // an escaped NUL is a legal character: the plan is read, the response stays valid JSON
  const json escaped = Analyze(R"({"nodeName":"Pro\u0000ject","simpleString":"Pro\u0000ject","children":[]})");
  ASSERT_TRUE(IsAnalysis(escaped));
  EXPECT_EQ(escaped["parse"]["node_count"], 1);
  EXPECT_EQ(escaped["nodes"][0]["name"].get<std::string>().rfind("Pro", 0), 0u);
}

TEST(RobustnessMalformed, NulBytesInsideRequest) {
  const std::string ok = MakeRequest(kTreePlan);
  // Bytes after a NUL that follows the object: a parser that stops at a NUL as at the end of
  // input (nlohmann/json does) ignores them; a length-driven one rejects them. Either is a clear
  // outcome; what must not happen is a crash or a different analysis.
  const json with_junk = CallApi(ok + std::string("\0junk", 5));
  if (with_junk.contains("error")) {
    EXPECT_TRUE(IsError(with_junk, "bad_request", {"expected a JSON object"}));
  } else {
    EXPECT_EQ(with_junk, CallApi(ok));
  }
  EXPECT_TRUE(IsError(CallApi(std::string("\0", 1) + ok), "bad_request", {"expected a JSON object"}));
  // a raw NUL inside the plan string of the request
  std::string raw = ok;
  raw.insert(raw.find("Physical"), std::string("\0", 1));
  EXPECT_TRUE(IsError(CallApi(raw), "bad_request", {"expected a JSON object"}));
  // the length is what counts: a shorter length cuts the request
  EXPECT_TRUE(IsError(CallApi(ok.c_str(), ok.size() - 1), "bad_request", {"expected a JSON object"}));
  EXPECT_TRUE(IsAnalysis(CallApi(ok.c_str(), ok.size())));
}

// ---- requests that are not JSON, or lack "plan" ----

TEST(RobustnessMalformed, RequestNotJson) {
  for (std::string_view request :
       {"", " ", "hello", "== Physical Plan ==\nProject [a#1]", "{", "}", "{\"plan\":", "{\"plan\":\"Project",
        "{plan: \"Project\"}", "{'plan': 'Project'}", "{\"plan\":\"Project\"}}", "{\"plan\":\"Project\",}",
        "[\"plan\"]", "[]", "null", "42", "\"{\\\"plan\\\":1}\"", "true"})
    EXPECT_TRUE(IsError(CallApi(request), "bad_request", {"expected a JSON object"})) << request;
}

TEST(RobustnessMalformed, RequestWithoutPlan) {
  for (std::string_view request :
       {"{}", R"({"engine":"photon"})", R"({"Plan":"Project [a#1]"})", R"({"plan":null})", R"({"plan":42})",
        R"({"plan":["Project [a#1]"]})", R"({"plan":{"nodeName":"Project"}})", R"({"plan":true})"})
    EXPECT_TRUE(IsError(CallApi(request), "bad_request", {"expected \"plan\""})) << request;
}

TEST(RobustnessMalformed, RequestFieldsWithWrongTypes) {
  const std::string plan = std::string(kTreePlan);
  struct Case {
    std::string extra;
    std::string_view message;
  };
  const std::vector<Case> cases = {
      {R"("engine":5)", "\"engine\" must be a string"},
      {R"("engine":"velox")", "\"engine\" must be one of"},
      {R"("photon_enabled":"yes")", "\"photon_enabled\" must be true or false"},
      {R"("cluster":[])", "\"cluster\" must be an object"},
      {R"("cluster":{"cloud":1})", "\"cloud\" must be a string"},
      {R"("cluster":{"workers":"8"})", "\"workers\" must be"},
      {R"("cluster":{"workers":-1})", "\"workers\" must be"},
      {R"("cluster":{"runtime_seconds":[600]})", "\"runtime_seconds\" must be"},
      {R"("indent":"2")", "\"indent\" must be"},
      {R"("price_table":5)", "price table"},
      {R"("price_table":{})", "price table: expected schema"},
      {R"("price_table":{"schema":"clusop.price_table/1"})", "price table: expected an array"},
  };
  for (const Case& c : cases) EXPECT_TRUE(IsError(CallApi(MakeRequest(plan, c.extra)), "bad_request", {c.message})) << c.extra;
}

// The optional fields accept null as "not given", as the header documents them optional.
TEST(RobustnessMalformed, NullMeansNotGiven) {
  const std::string plan = std::string(kTreePlan);
  for (std::string_view field : {"engine", "photon_enabled", "cluster", "price_table", "indent"}) {
    std::string extra = "\"";
    extra.append(field).append("\":null");
    EXPECT_TRUE(IsAnalysis(CallApi(MakeRequest(plan, extra)))) << field;
  }
}

TEST(RobustnessMalformed, NullPointerRequest) {
  for (size_t length : {size_t{0}, size_t{1}, size_t{1} << 40}) {
    char* response = clusop_analyze(nullptr, length);
    ASSERT_NE(response, nullptr);
    const json r = json::parse(response, nullptr, false);
    clusop_free(response);
    EXPECT_TRUE(IsError(r, "bad_request", {"expected a JSON object", "NULL"})) << length;
  }
  clusop_free(nullptr);  // a no-op, like free()
}

TEST(RobustnessMalformed, EmptyButNonNullRequest) {
  const char empty[1] = {'\0'};
  EXPECT_TRUE(IsError(CallApi(empty, 0), "bad_request", {"expected a JSON object"}));
}

}  // namespace
}  // namespace clusop::robustness
