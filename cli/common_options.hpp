#pragma once
// The options `analyze` and `scan` share: engine, cluster and price inputs, output format.
#include <optional>
#include <string>

#include "price/cluster_context.hpp"

namespace clusop::cli {

struct CommonOptions {
  std::string engine = "auto";
  std::optional<bool> photon_enabled;
  ClusterContext cluster;
  std::string format = "text";
};

enum class Taken { kNo, kYes, kError };

// Takes argv[*i] (and its value, advancing *i) when it is a shared option.
// kError sets `error` to one line naming what the option expects.
Taken TakeCommonOption(int argc, char** argv, int* i, CommonOptions* options, std::string* error);

// Checks the options as a whole after parsing; empty when fine, else the complaint.
std::string CheckCommonOptions(const CommonOptions& options);

// A non-negative number; false when the text is not one.
bool ParseNumber(const char* text, double* out);

}  // namespace clusop::cli
