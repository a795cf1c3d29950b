// clusop analyze [options] FILE...|-   plans (or whole event logs) analysed
// clusop scan [options] PATH...        event logs read: stages, skew, spill, GC, SQL fallbacks
// clusop request [--jsonl] FILE|-      raw requests to the core's entry point, for programs
// Each command lives in its own file; `clusop COMMAND --help` prints its usage.
#include "cli_main.hpp"

#include <cstdio>
#include <cstring>
#include <iostream>

#include "analyze_command.hpp"
#include "clusop/clusop.h"
#include "request_command.hpp"
#include "scan_command.hpp"
#include "usage.hpp"

namespace {

int Dispatch(int argc, char** argv) {
  using namespace clusop::cli;
  const char* command = argc >= 2 ? argv[1] : "";
  if (std::strcmp(command, "--help") == 0 || std::strcmp(command, "-h") == 0 || std::strcmp(command, "help") == 0) {
    std::fputs(kToolHelp, stdout);
    return 0;
  }
  if (std::strcmp(command, "--version") == 0) {
    std::printf("clusop %s\n", clusop_version());
    return 0;
  }
  if (std::strcmp(command, "analyze") == 0) return RunAnalyze(argc, argv);
  if (std::strcmp(command, "scan") == 0) return RunScanCommand(argc, argv);
  if (std::strcmp(command, "request") == 0) return RunRequest(argc, argv);
  std::fprintf(stderr, "clusop: expected the command 'analyze', 'scan' or 'request'\n%s", kShortUsage);
  return 2;
}

}  // namespace

int clusop_cli_main(int argc, char** argv) {
  const int rc = Dispatch(argc, argv);
  // in a host process (Python) the output must be out before the host writes its own
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  return rc;
}
