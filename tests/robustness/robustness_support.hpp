#pragma once
// Helpers shared by the robustness tests: request building, calls through the C entry point,
// checks of the two response shapes, CPU-time and peak-RSS measurement.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "clusop/clusop.h"

#if defined(__SANITIZE_ADDRESS__)
#define CLUSOP_ROBUSTNESS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLUSOP_ROBUSTNESS_SANITIZED 1
#endif
#endif
#ifndef CLUSOP_ROBUSTNESS_SANITIZED
#define CLUSOP_ROBUSTNESS_SANITIZED 0
#endif

namespace clusop::robustness {

using nlohmann::json;

inline constexpr bool kSanitized = CLUSOP_ROBUSTNESS_SANITIZED != 0;

// CPU-time bounds are stated for an optimised build; ASan+UBSan (and Debug) builds get 10x.
inline double TimeBound(double release_seconds) {
#if defined(NDEBUG)
  return kSanitized ? release_seconds * 10 : release_seconds;
#else
  return release_seconds * 10;
#endif
}

// CPU time of this process, not wall time: the bounds are about the work a call does, which a
// loaded machine does not stretch (a test must not fail because the machine is busy).
class CpuStopwatch {
 public:
  CpuStopwatch() : start_(Now()) {}
  double Seconds() const { return Now() - start_; }
  static double Now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  }

 private:
  double start_;
};

// Peak resident set size of this process so far, in KiB (Linux reports ru_maxrss in KiB).
inline long MaxRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Lowers the peak-RSS high-water mark to the current RSS (Linux >= 4.0, "5" > clear_refs), so a
// measurement does not depend on what earlier tests in the process allocated. False if refused.
inline bool ResetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  if (!clear) return false;
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// Prints a figure so a run shows it, and attaches it to the XML report.
inline void Report(const std::string& key, double value, const char* unit) {
  std::cout << "[  figure  ] " << key << " = " << value << ' ' << unit << std::endl;
  ::testing::Test::RecordProperty(key, std::to_string(value) + " " + unit);
}

inline void AppendJsonEscaped(std::string* out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(hex[c >> 4]);
          out->push_back(hex[c & 0xF]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

// {"plan": <plan>, <extra_fields>}
inline std::string MakeRequest(std::string_view plan, std::string_view extra_fields = "") {
  std::string request;
  request.reserve(plan.size() + plan.size() / 8 + extra_fields.size() + 32);
  request.append("{\"plan\":");
  AppendJsonEscaped(&request, plan);
  if (!extra_fields.empty()) {
    request.push_back(',');
    request.append(extra_fields);
  }
  request.push_back('}');
  return request;
}

// Calls the C entry point. The response must never be NULL and must always be valid JSON;
// a test failure is recorded otherwise and a discarded value returned.
inline json CallApi(const char* request, size_t length, double* seconds = nullptr) {
  const CpuStopwatch watch;
  char* response = clusop_analyze(request, length);
  if (seconds) *seconds = watch.Seconds();
  if (response == nullptr) {
    ADD_FAILURE() << "clusop_analyze returned NULL";
    return json(json::value_t::discarded);
  }
  json doc = json::parse(response, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ADD_FAILURE() << "the response is not valid JSON: " << std::string(response).substr(0, 300);
  }
  clusop_free(response);
  return doc;
}

inline json CallApi(std::string_view request, double* seconds = nullptr) {
  return CallApi(request.data(), request.size(), seconds);
}

inline std::string SchemaOf(const json& doc) {
  return doc.is_object() && doc.contains("schema") && doc["schema"].is_string() ? doc["schema"].get<std::string>() : "";
}

inline std::string Brief(const json& doc) {
  if (doc.is_discarded()) return "<not JSON>";
  std::string s = doc.dump();
  if (s.size() > 400) s = s.substr(0, 400) + "...";
  return s;
}

// {"schema": "clusop.analysis/1", "error": {"code": <code>, "message": <contains every part>}}
inline ::testing::AssertionResult IsError(const json& doc, std::string_view code,
                                          std::initializer_list<std::string_view> message_parts = {}) {
  if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object())
    return ::testing::AssertionFailure() << "expected an error response, got " << Brief(doc);
  const json& error = doc["error"];
  if (!error.contains("code") || !error["code"].is_string() || !error.contains("message") ||
      !error["message"].is_string())
    return ::testing::AssertionFailure() << "error without string code and message: " << Brief(doc);
  if (SchemaOf(doc) != "clusop.analysis/1")
    return ::testing::AssertionFailure() << "error without the analysis schema: " << Brief(doc);
  const std::string actual_code = error["code"];
  const std::string message = error["message"];
  if (actual_code != code)
    return ::testing::AssertionFailure() << "error code " << actual_code << ", expected " << code << ": " << Brief(doc);
  if (message.empty()) return ::testing::AssertionFailure() << "empty error message";
  for (std::string_view part : message_parts)
    if (message.find(part) == std::string::npos)
      return ::testing::AssertionFailure() << "error message \"" << message << "\" does not mention \"" << part << "\"";
  return ::testing::AssertionSuccess();
}

// A full analysis: schema, parse.node_count, has_fallback, fallbacks, nodes, no "error".
inline ::testing::AssertionResult IsAnalysis(const json& doc) {
  if (!doc.is_object()) return ::testing::AssertionFailure() << "not a JSON object: " << Brief(doc);
  if (doc.contains("error")) return ::testing::AssertionFailure() << "expected an analysis, got " << Brief(doc);
  if (SchemaOf(doc) != "clusop.analysis/1")
    return ::testing::AssertionFailure() << "missing schema clusop.analysis/1: " << Brief(doc);
  if (!doc.contains("parse") || !doc["parse"].contains("node_count") || !doc["parse"]["node_count"].is_number_integer())
    return ::testing::AssertionFailure() << "missing parse.node_count: " << Brief(doc);
  if (!doc.contains("has_fallback") || !doc["has_fallback"].is_boolean() || !doc.contains("fallbacks") ||
      !doc["fallbacks"].is_array() || !doc.contains("nodes") || !doc["nodes"].is_array())
    return ::testing::AssertionFailure() << "missing has_fallback/fallbacks/nodes: " << Brief(doc);
  if (doc["nodes"].size() != doc["parse"]["node_count"].get<size_t>())
    return ::testing::AssertionFailure() << "nodes[] and parse.node_count disagree";
  return ::testing::AssertionSuccess();
}

// Either of the two well-formed shapes.
inline ::testing::AssertionResult IsAnalysisOrError(const json& doc) {
  if (doc.is_object() && doc.contains("error")) {
    const json& e = doc["error"];
    const bool has_code = e.is_object() && e.contains("code") && e["code"].is_string();
    return IsError(doc, has_code ? e["code"].get<std::string>() : std::string("?"));
  }
  return IsAnalysis(doc);
}


// ---- isolation: a call that may crash runs in a child process (a gtest death test), so that
// a stack overflow or a sanitizer abort fails only its own test, with the child's report.

using Check = std::function<::testing::AssertionResult(const json&)>;

// In the child: call the entry point, check the response, exit 0 only when all is well. A call
// that spins past its CPU bound + 2 s gets SIGXCPU (RLIMIT_CPU), and a generous wall-clock
// watchdog (SIGALRM) ends one that blocks, so a hang fails in bounded time on any machine.
[[noreturn]] inline void RunInChild(const std::string& request, const Check& check, double bound_seconds) {
  const CpuStopwatch watch;
  rlimit cpu{};
  getrlimit(RLIMIT_CPU, &cpu);
  cpu.rlim_cur = static_cast<rlim_t>(watch.Now() + bound_seconds) + 2;
  setrlimit(RLIMIT_CPU, &cpu);
  alarm(static_cast<unsigned>(bound_seconds) * 10 + 60);
  char* response = clusop_analyze(request.data(), request.size());
  const double seconds = watch.Seconds();
  if (response == nullptr) {
    std::fprintf(stderr, "clusop_analyze returned NULL\n");
    _exit(3);
  }
  const json doc = json::parse(response, nullptr, /*allow_exceptions=*/false);
  clusop_free(response);
  const ::testing::AssertionResult ok = check(doc);
  if (!ok) {
    std::fprintf(stderr, "unexpected response: %s\n", ok.message());
    _exit(4);
  }
  if (seconds > bound_seconds) {
    std::fprintf(stderr, "took %.2f s, more than the bound of %.1f s\n", seconds, bound_seconds);
    _exit(5);
  }
  _exit(0);
}

// Exit code 0: a well-formed, expected response within the bound. "Terminated by signal 24"
// (SIGXCPU): the call spun past the bound + 2 s of CPU and was stopped; signal 14 (SIGALRM): it
// blocked.
inline void ExpectSurvives(const std::string& what, const std::string& request, const Check& check,
                           double bound_seconds = TimeBound(5)) {
  const CpuStopwatch watch;
  EXPECT_EXIT(RunInChild(request, check, bound_seconds), ::testing::ExitedWithCode(0), "")
      << what << " (" << request.size() << " bytes, bound " << bound_seconds
      << " s): the child crashed, hung or answered wrongly; its stderr is above";
  Report("isolated_" + what + "_seconds", watch.Seconds(), "s");
}

inline Check IsBadRequest(std::string_view part) {
  return [part](const json& r) { return IsError(r, "bad_request", {part}); };
}

inline Check IsAnAnalysis() {
  return [](const json& r) { return IsAnalysis(r); };
}

}  // namespace clusop::robustness
