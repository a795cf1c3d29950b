#pragma once
// Databricks rotation, checked from the events: each part opens with a
// DBCEventLoggingListenerMetadata line whose "Rollover Number" counts from 0 (the part holding
// the application start and environment). A missing number means a missing part, which file
// names cannot show.
#include <cstdint>
#include <string>
#include <vector>

namespace clusop {

struct ScanError;

class RolloverCheck {
 public:
  void OnRollover(const std::string& part_path, int64_t number) { seen_.push_back({part_path, number}); }
  // Appends one error per gap (and for a missing part 0) to `errors`.
  void Report(std::vector<ScanError>* errors) const;

 private:
  struct Seen {
    std::string path;
    int64_t number;
  };
  std::vector<Seen> seen_;
};

}  // namespace clusop
