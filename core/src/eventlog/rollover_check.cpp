#include "eventlog/rollover_check.hpp"

#include "kpi/app_report.hpp"

namespace clusop {
namespace {

std::string Range(int64_t first, int64_t last) {
  return first == last ? "part " + std::to_string(first) : "parts " + std::to_string(first) + " to " + std::to_string(last);
}

}  // namespace

void RolloverCheck::Report(std::vector<ScanError>* errors) const {
  int64_t expected = 0;
  for (size_t i = 0; i < seen_.size(); ++i) {
    const Seen& s = seen_[i];
    for (size_t j = 0; j < i; ++j) {
      if (seen_[j].number != s.number) continue;
      // a copy of a part under another name (a re-delivered file): its events were read twice
      errors->push_back({s.path, "Databricks rollover part " + std::to_string(s.number) + " appears twice: " +
                                     seen_[j].path + " holds the same Rollover Number (a duplicated part; its events are counted twice)"});
      break;
    }
    if (s.number > expected) {
      errors->push_back({s.path, "Databricks rollover " + Range(expected, s.number - 1) +
                                     " missing: this part holds Rollover Number " + std::to_string(s.number) +
                                     (expected == 0 ? " (part 0 holds the application start and environment)" : "")});
    }
    if (s.number >= expected) expected = s.number + 1;
  }
}

}  // namespace clusop
