#pragma once
// The labels of the public corpus (../shared/corpus): the machine-labelled golden set
// (golden/labels.csv) and the hand-labelled set (MANIFEST.md).
#include <map>
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

// file -> reason, from one of tests/corpus/known_*.tsv (tab-separated, '#' comments)
std::map<std::string, std::string> KnownDifferences(const std::string& tsv_name);

}  // namespace clusop::testing
