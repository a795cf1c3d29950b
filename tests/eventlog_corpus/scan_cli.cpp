#include "scan_cli.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "support/test_files.hpp"

namespace clusop::testing {

ScanRun RunScan(const std::string& path) {
  // named by process: tests run side by side (ctest -j, several build trees) never share a file
  const std::string stem = ::testing::TempDir() + "clusop_eventlog_corpus_" + std::to_string(getpid());
  const std::string out = stem + "_out.json", err = stem + "_err.txt";
  // CLUSOP_SCAN_CLI sweeps another build of the binary (a sanitizer build, say).
  const char* cli = std::getenv("CLUSOP_SCAN_CLI");
  const std::string command =
      std::string(cli && *cli ? cli : CLUSOP_CLI) + " scan --format json '" + path + "' > " + out + " 2> " + err + " < /dev/null";
  const int status = std::system(command.c_str());
  ScanRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(out);
  run.err = ReadFile(err);
  run.doc = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  if (run.doc.is_discarded()) run.doc = nullptr;
  std::remove(out.c_str());
  std::remove(err.c_str());
  return run;
}

}  // namespace clusop::testing
