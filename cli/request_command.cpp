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
  std::string input, error;
  if (file.empty() || !ReadWhole(file, &input, &error)) {
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
