#include "signals/merge.hpp"

#include <algorithm>
#include <utility>

namespace clusop::signals {
namespace {

std::string SampleKey(const Source& s) { return s.source + "|" + s.app_id; }

bool SeenBefore(const Totals& a, const std::string& a_key, const Totals& b, const std::string& b_key) {
  return a.first_seen != b.first_seen ? a.first_seen < b.first_seen : a_key < b_key;
}

}  // namespace

const char* MergeResultName(MergeResult r) {
  switch (r) {
    case MergeResult::kAdded: return "added";
    case MergeResult::kUpdated: return "updated";
    case MergeResult::kDuplicate: return "duplicate";
    case MergeResult::kStale: return "stale";
  }
  return "stale";
}

bool MergeSignal(SignalRecord* record, Incoming in, MergeResult* result) {
  auto it = std::find_if(record->sources.begin(), record->sources.end(), [&](const Source& s) {
    return s.source == in.source.source && s.app_id == in.source.app_id;
  });
  if (it != record->sources.end()) {
    if (in.source.seq == it->seq) {
      *result = MergeResult::kDuplicate;
      return true;
    }
    if (in.source.seq < it->seq) {
      *result = MergeResult::kStale;
      return true;
    }
    *result = MergeResult::kUpdated;
    *it = in.source;
  } else {
    if (record->sources.size() >= kMaxSourcesPerRecord) return false;
    *result = MergeResult::kAdded;
    record->sources.push_back(in.source);
    std::sort(record->sources.begin(), record->sources.end(), [](const Source& a, const Source& b) {
      return a.source != b.source ? a.source < b.source : a.app_id < b.app_id;
    });
  }
  record->signature = in.signature;
  record->totals = SumSources(record->sources);
  record->billing = nullptr;

  // The sample follows the source seen first, whichever order its batches came in.
  const std::string key = SampleKey(in.source);
  const Source* current = nullptr;
  for (const Source& s : record->sources)
    if (SampleKey(s) == record->sample_from) current = &s;
  const bool take = record->sample.is_null() || current == nullptr || key == record->sample_from ||
                    SeenBefore(in.source.totals, key, current->totals, record->sample_from);
  if (take && (!in.sample.is_null() || record->sample.is_null())) {
    record->sample_from = key;
    record->sample = std::move(in.sample);
    record->analysis = std::move(in.analysis);
    if (!in.cause.empty()) record->cause = in.cause;
  }
  if (record->cause.empty()) record->cause = in.cause;
  return true;
}

}  // namespace clusop::signals
