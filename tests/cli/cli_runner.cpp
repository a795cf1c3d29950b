#include "cli_runner.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "support/test_files.hpp"

namespace clusop::testing {
namespace {

std::string TestTag() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  // with the process id: the same test run from two build trees at once never shares a file
  const std::string test = info == nullptr ? "clusop_cli" : std::string(info->test_suite_name()) + "." + info->name();
  return test + "." + std::to_string(getpid());
}

}  // namespace

CliResult RunClusop(const std::string& args, const std::string& stdin_text) {
  const std::string base = ::testing::TempDir() + TestTag();
  const std::string in = base + ".stdin", out = base + ".out", err = base + ".err";
  WriteFile(in, stdin_text);
  const std::string command = std::string(CLUSOP_CLI) + " " + args + " < " + in + " > " + out + " 2> " + err;
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(out), ReadFile(err)};
}

std::string FreshTempDir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + TestTag() + "." + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace clusop::testing
