// clusop analyze [options] FILE|-
//   Exit 0 when analysed; 1 with --fail-on-fallback and a fallback; 2 on unreadable input or no plan.
// clusop request [--jsonl] FILE|-
//   Passes raw request JSON to the core's entry point and prints its answer unchanged: the same
//   bytes every face gets (with --jsonl, one request per line in, one answer per line out).
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "analysis/analyze.hpp"
#include "clusop/clusop.hpp"
#include "report/analysis_json.hpp"
#include "report/text_report.hpp"

namespace {

constexpr const char* kUsage =
    "usage: clusop analyze [--engine auto|photon|comet|gluten|rapids|spark] [--photon-enabled true|false]\n"
    "                      [--cloud aws|azure|gcp] [--sku jobs|all_purpose|...] [--tier premium|enterprise|standard]\n"
    "                      [--node-type T] [--driver-node-type T] [--workers N] [--runtime-seconds S]\n"
    "                      [--runs-per-day N] [--format json|text] [--fail-on-fallback] FILE|-\n"
    "       clusop request [--jsonl] FILE|-\n";

struct Options {
  clusop::AnalyzeInput input;
  std::string file;
  std::string format = "text";
  bool fail_on_fallback = false;
};

bool ParseNumber(const char* text, double* out) {
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (end == text || *end != '\0' || v < 0) return false;
  *out = v;
  return true;
}

// Returns an error message, or empty on success.
std::string ParseArgs(int argc, char** argv, Options* o) {
  if (argc < 2 || std::strcmp(argv[1], "analyze") != 0) return "expected the command 'analyze'";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)name;
      return argv[++i];
    };
    const bool takes_value = arg.rfind("--", 0) == 0 && arg != "--fail-on-fallback";
    const char* v = takes_value ? value(arg.c_str()) : nullptr;
    if (takes_value && !v) return arg + " needs a value";
    double number = 0;
    if (arg == "--engine") o->input.engine = v;
    else if (arg == "--photon-enabled") {
      if (std::strcmp(v, "true") && std::strcmp(v, "false")) return "--photon-enabled takes true or false";
      o->input.photon_enabled = std::strcmp(v, "true") == 0;
    } else if (arg == "--cloud") o->input.cluster.cloud = v;
    else if (arg == "--sku") o->input.cluster.sku = v;
    else if (arg == "--tier") o->input.cluster.tier = v;
    else if (arg == "--node-type") o->input.cluster.node_type = v;
    else if (arg == "--driver-node-type") o->input.cluster.driver_node_type = v;
    else if (arg == "--workers") {
      if (!ParseNumber(v, &number)) return "--workers takes a whole number";
      o->input.cluster.workers = static_cast<int>(number);
    } else if (arg == "--runtime-seconds") {
      if (!ParseNumber(v, &o->input.cluster.runtime_seconds)) return "--runtime-seconds takes a number";
    } else if (arg == "--runs-per-day") {
      if (!ParseNumber(v, &o->input.cluster.runs_per_day)) return "--runs-per-day takes a number";
    } else if (arg == "--format") {
      o->format = v;
      if (o->format != "json" && o->format != "text") return "--format takes json or text";
    } else if (arg == "--fail-on-fallback") o->fail_on_fallback = true;
    else if (takes_value) return "unknown option " + arg;
    else if (o->file.empty()) o->file = arg;
    else return "more than one input file given";
  }
  const std::string& e = o->input.engine;
  if (e != "auto" && e != "spark" && e != "photon" && e != "comet" && e != "gluten" && e != "rapids")
    return "--engine takes auto, photon, comet, gluten, rapids or spark";
  if (o->file.empty()) return "expected a plan file, or - for standard input";
  return {};
}

bool ReadInput(const std::string& file, std::string* out) {
  std::ostringstream buffer;
  if (file == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    buffer << in.rdbuf();
  }
  *out = buffer.str();
  return true;
}

int RunRequests(int argc, char** argv) {
  bool jsonl = false;
  std::string file;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--jsonl") == 0) jsonl = true;
    else if (file.empty()) file = argv[i];
    else {
      std::fprintf(stderr, "clusop: more than one input file given\n%s", kUsage);
      return 2;
    }
  }
  std::string input;
  if (file.empty() || !ReadInput(file, &input)) {
    std::fprintf(stderr, "clusop: expected a readable request file, or - for standard input\n");
    return 2;
  }
  if (!jsonl) {
    std::cout << clusop::AnalyzeRequest(input) << "\n";
    return 0;
  }
  std::istringstream lines(input);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty()) std::cout << clusop::AnalyzeRequest(line) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "request") == 0) return RunRequests(argc, argv);
  Options options;
  const std::string usage_error = ParseArgs(argc, argv, &options);
  if (!usage_error.empty()) {
    std::fprintf(stderr, "clusop: %s\n%s", usage_error.c_str(), kUsage);
    return 2;
  }
  std::string plan;
  if (!ReadInput(options.file, &plan)) {
    std::fprintf(stderr, "clusop: cannot read %s: expected a readable file holding an executed plan\n",
                 options.file.c_str());
    return 2;
  }
  options.input.plan = plan;
  clusop::Analysis analysis;
  std::string error;
  try {
    if (!clusop::Analyze(options.input, &analysis, &error)) {
      std::fprintf(stderr, "clusop: %s\n", error.c_str());
      return 2;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clusop: internal error: %s\n", e.what());
    return 2;
  }
  const std::string out = options.format == "json" ? clusop::AnalysisToJson(analysis, 2) + "\n"
                                                   : clusop::AnalysisToText(analysis, isatty(STDOUT_FILENO) != 0);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return options.fail_on_fallback && !analysis.diagnosis.fallbacks.empty() ? 1 : 0;
}
