#pragma once
// The labels of the public corpus (../shared/corpus): the machine-labelled golden set
// (golden/labels.csv) and the hand-labelled set (MANIFEST.md).
#include <string>
#include <vector>

namespace clusop::testing {

struct LabelledPlan {
  std::string file;    // relative to the corpus root
  std::string source;  // engine folder
  bool expected_fallback = false;
  bool on_accelerator = false;  // a vanilla plan labelled as if it ran on an engine that is on
  std::string cause;   // MANIFEST.md's cause cell ("" for the golden set, which labels no cause)
};

// Rows labelled yes or no (partial / unsure / n/a are not scored).
std::vector<LabelledPlan> GoldenLabels(const std::string& corpus);
std::vector<LabelledPlan> ManifestLabels(const std::string& corpus);

}  // namespace clusop::testing
