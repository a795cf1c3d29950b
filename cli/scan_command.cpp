#include "scan_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "common_options.hpp"
#include "file_reading.hpp"
#include "rules/rule_set.hpp"
#include "scan_output.hpp"
#include "scan_session.hpp"
#include "usage.hpp"

namespace clusop::cli {
namespace {

constexpr int kMaxJobs = 256;

struct ScanCommandOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  int jobs = 0;  // 0: the hardware threads
  bool help = false;
  std::string rules_file;
  rules::RuleOptions rules;
};

// --set RULE.THRESHOLD=VALUE; the value may carry a unit (60s, 10MiB) as in a rules file.
std::string ParseSet(const std::string& text, rules::RuleOptions* rules) {
  const size_t eq = text.find('=');
  const size_t dot = text.find('.');
  double value = 0;
  std::string number = eq == std::string::npos ? "" : text.substr(eq + 1);
  const bool negative = !number.empty() && number[0] == '-';
  if (negative) number.erase(0, 1);
  if (eq == std::string::npos || dot == std::string::npos || dot > eq || !rules::ParseNumberWithUnit(number, &value))
    return "--set takes RULE.THRESHOLD=VALUE, e.g. task_skew.min_excess_ms=30s";
  rules->thresholds[text.substr(0, eq)] = negative ? -value : value;
  return {};
}

std::string ParseScanArgs(int argc, char** argv, ScanCommandOptions* o) {
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string error;
    const Taken taken = TakeCommonOption(argc, argv, &i, &o->common, &error);
    if (taken == Taken::kError) return error;
    if (taken == Taken::kYes) continue;
    if (arg == "--help" || arg == "-h") {
      o->help = true;
    } else if (arg == "--jobs") {
      double jobs = 0;
      if (i + 1 >= argc || !ParseNumber(argv[i + 1], &jobs) || jobs < 1 || jobs > kMaxJobs ||
          jobs != static_cast<double>(static_cast<int>(jobs)))
        return "--jobs takes a whole number from 1 to 256";
      o->jobs = static_cast<int>(jobs);
      ++i;
    } else if (arg == "--rules" || arg == "--set" || arg == "--mute") {
      if (i + 1 >= argc) return arg + " takes a value (see clusop scan --help)";
      const std::string value = argv[++i];
      if (arg == "--rules") o->rules_file = value;
      else if (arg == "--mute") o->rules.mute.push_back(value);
      else if (std::string error = ParseSet(value, &o->rules); !error.empty()) return error;
    } else if (arg == "-") {
      return "scan reads paths, not standard input (expected files, folders or zip archives)";
    } else if (arg.size() > 1 && arg[0] == '-') {
      return "unknown option " + arg;
    } else {
      o->paths.push_back(arg);
    }
  }
  if (o->help) return {};
  if (std::string error = CheckCommonOptions(o->common); !error.empty()) return error;
  if (o->paths.empty()) return "expected event-log files, folders or zip archives to scan";
  return {};
}

int DefaultJobs() {
  const unsigned threads = std::thread::hardware_concurrency();
  return threads == 0 ? 1 : static_cast<int>(std::min<unsigned>(threads, kMaxJobs));
}

}  // namespace

int RunScanCommand(int argc, char** argv) {
  ScanCommandOptions options;
  const std::string usage_error = ParseScanArgs(argc, argv, &options);
  if (options.help) {
    std::fputs(kScanHelp, stdout);
    return 0;
  }
  const bool json = options.common.format == "json";
  if (!usage_error.empty()) {
    if (json) std::printf("%s\n", ScanErrorJson("usage", usage_error).c_str());
    std::fprintf(stderr, "clusop: %s\n%s", usage_error.c_str(), kShortUsage);
    return 2;
  }
  ScanOptions scan_options = MakeScanOptions(options.common);
  if (!options.rules_file.empty()) {
    std::string error;
    if (!ReadWhole(options.rules_file, &options.rules.user_rules, &error)) {
      if (json) std::printf("%s\n", ScanErrorJson("usage", "--rules: " + error).c_str());
      std::fprintf(stderr, "clusop: --rules: %s\n", error.c_str());
      return 2;
    }
  }
  if (!options.rules.empty()) scan_options.rules = rules::CompileRules(options.rules);
  // A rules file's faults are said once, whatever the number of applications.
  if (scan_options.rules && !json)
    for (const RuleError& e : scan_options.rules->errors) std::fprintf(stderr, "clusop: rule error: %s\n", e.message.c_str());
  ScanSession session;
  RunScan(options.paths, scan_options, options.jobs > 0 ? options.jobs : DefaultJobs(), isatty(STDERR_FILENO) != 0,
          &session);
  const std::string out = json ? ScanToJsonText(session, 2) + "\n" : ScanToText(session, isatty(STDOUT_FILENO) != 0);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (AnythingRead(session)) return 0;
  std::fprintf(stderr, "clusop: %s\n", NothingReadMessage(session).c_str());
  return 2;
}

}  // namespace clusop::cli
