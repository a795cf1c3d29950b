#include "kpi/executor_timeline.hpp"

#include <algorithm>
#include <utility>

namespace clusop {

void ExecutorTimeline::Added(std::string_view id, std::string_view host, int64_t cores, int64_t time_ms) {
  ExecutorSpan span;
  span.id.assign(id);
  span.host.assign(host);
  span.cores = std::max<int64_t>(cores, 0);
  span.added_ms = time_ms;
  executors_.push_back(std::move(span));
}

void ExecutorTimeline::Removed(std::string_view id, std::string_view reason, int64_t time_ms) {
  // the latest executor of that id still alive (ids are not reused within an application, but be safe)
  for (auto it = executors_.rbegin(); it != executors_.rend(); ++it) {
    if (it->id == id && it->removed_ms < 0) {
      it->removed_ms = time_ms;
      it->removed_reason.assign(reason.substr(0, reason.find('\n')));
      return;
    }
  }
}

namespace {

// (time, +cores / -cores) sweep over the executors' lifetimes.
template <class Visit>
void Sweep(const std::vector<ExecutorSpan>& executors, Visit&& visit) {
  std::vector<std::pair<int64_t, std::pair<int, int64_t>>> events;
  for (const ExecutorSpan& e : executors) {
    events.push_back({e.added_ms, {1, e.cores}});
    if (e.removed_ms >= 0) events.push_back({e.removed_ms, {-1, -e.cores}});
  }
  // removals before additions at the same instant
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.first < b.second.first;
  });
  int alive = 0;
  int64_t cores = 0;
  for (const auto& [time, delta] : events) {
    alive += delta.first;
    cores += delta.second;
    visit(alive, cores);
  }
}

}  // namespace

int ExecutorTimeline::max_concurrent() const {
  int best = 0;
  Sweep(executors_, [&best](int alive, int64_t) { best = std::max(best, alive); });
  return best;
}

int64_t ExecutorTimeline::max_concurrent_cores() const {
  int64_t best = 0;
  Sweep(executors_, [&best](int, int64_t cores) { best = std::max(best, cores); });
  return best;
}

double ExecutorTimeline::CoreSecondsAvailable(int64_t end_ms) const {
  double total = 0;
  for (const ExecutorSpan& e : executors_) {
    if (e.added_ms < 0) continue;
    const int64_t until = e.removed_ms >= 0 ? e.removed_ms : end_ms;
    if (until > e.added_ms) total += static_cast<double>(e.cores) * static_cast<double>(until - e.added_ms) / 1000.0;
  }
  return total;
}

}  // namespace clusop
