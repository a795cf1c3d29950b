#pragma once
// The files an execution's final plan read: "number of files read" and "size of files read"
// summed over its file scans (what a small-files rule needs). -1 when no scan measured them.
#include <cstdint>

#include "parse/plan_tree.hpp"

namespace clusop {

struct ScanFiles {
  int64_t files = -1;
  int64_t bytes = -1;
};

// The metric values must already be set.
ScanFiles FindScanFiles(const PlanTree& tree);

}  // namespace clusop
