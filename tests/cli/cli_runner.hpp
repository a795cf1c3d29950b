#pragma once
// Runs the real clusop binary with arguments and standard input; captures exit code and output.
#include <string>

namespace clusop::testing {

struct CliResult {
  int exit_code;
  std::string out;
  std::string err;
};

// `args` is passed through the shell as written. Files are named after the running test, so
// tests run in parallel processes do not share them.
CliResult RunClusop(const std::string& args, const std::string& stdin_text = "");

// A fresh, empty folder for the running test.
std::string FreshTempDir(const std::string& name);

}  // namespace clusop::testing
