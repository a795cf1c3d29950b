#pragma once
// Holds one CSV that NVIDIA spark-rapids-tools wrote for a log against our clusop.scan/1
// application from the same log: which of their columns means which of our fields.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "csv_table.hpp"

namespace clusop::testing {

// One value held against theirs, equal or not.
struct Comparison {
  std::string key;     // "stage 12", "sql 3", "stage 238 attempt 0", "app"
  std::string field;   // their column name
  std::string ours;    // "absent" when we do not report it
  std::string theirs;
};

// `kind` is the second column of rapids_expectations.tsv. An unknown kind is one comparison
// that cannot agree, so a typo in the table fails the test.
std::vector<Comparison> CompareWithRapidsCsv(const std::string& kind, const CsvTable& theirs,
                                             const nlohmann::json& application);

// 12 for 12.0, 0.25 otherwise: how numbers are written in comparisons and known_differences.tsv.
std::string FormatNumber(double value);

}  // namespace clusop::testing
