#pragma once
// Runs the real `clusop scan --format json` on one input and keeps what it answered.
#include <nlohmann/json.hpp>
#include <string>

namespace clusop::testing {

struct ScanRun {
  int exit_code = -1;       // -1: killed by a signal (a crash)
  std::string out, err;
  nlohmann::json doc;       // null when stdout was not JSON
};

ScanRun RunScan(const std::string& path);

}  // namespace clusop::testing
