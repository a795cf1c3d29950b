#include "request_command.hpp"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

#include "clusop/clusop.hpp"
#include "file_reading.hpp"
#include "usage.hpp"

namespace clusop::cli {
namespace {

bool ReadWhole(const std::string& file, std::string* out) {
  if (file == "-") {
    *out = ReadStandardInput();
    return true;
  }
  std::string error;
  out->clear();
  return ReadInChunks(file, [&](std::string_view chunk) { out->append(chunk); return true; }, &error);
}

}  // namespace

int RunRequest(int argc, char** argv) {
  bool jsonl = false;
  std::string file;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0) {
      std::fputs(kRequestHelp, stdout);
      return 0;
    }
    if (std::strcmp(argv[i], "--jsonl") == 0) jsonl = true;
    else if (file.empty()) file = argv[i];
    else {
      std::fprintf(stderr, "clusop: more than one input file given\n%s", kShortUsage);
      return 2;
    }
  }
  std::string input;
  if (file.empty() || !ReadWhole(file, &input)) {
    std::fprintf(stderr, "clusop: expected a readable request file, or - for standard input\n");
    return 2;
  }
  if (!jsonl) {
    std::cout << AnalyzeRequest(input) << "\n";
    return 0;
  }
  std::istringstream lines(input);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty()) std::cout << AnalyzeRequest(line) << "\n";
  return 0;
}

}  // namespace clusop::cli
