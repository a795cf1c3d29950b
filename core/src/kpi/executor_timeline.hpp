#pragma once
// Executors over time: when each was added and removed, with its cores, and the core-seconds
// the application had available (each executor's cores times its lifetime).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clusop {

struct ExecutorSpan {
  std::string id;
  std::string host;
  int64_t cores = 0;
  int64_t added_ms = -1;
  int64_t removed_ms = -1;  // -1: still there at the end
  std::string removed_reason;
};

class ExecutorTimeline {
 public:
  void Added(std::string_view id, std::string_view host, int64_t cores, int64_t time_ms);
  void Removed(std::string_view id, std::string_view reason, int64_t time_ms);

  const std::vector<ExecutorSpan>& executors() const { return executors_; }
  // The most executors alive at once and their cores.
  int max_concurrent() const;
  int64_t max_concurrent_cores() const;
  // Cores x lifetime, executors still alive counted until `end_ms`.
  double CoreSecondsAvailable(int64_t end_ms) const;

 private:
  std::vector<ExecutorSpan> executors_;
};

}  // namespace clusop
