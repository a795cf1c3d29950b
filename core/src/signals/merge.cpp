#include "signals/merge.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

namespace clusop::signals {
namespace {

std::string SampleKey(const Source& s) { return s.source + "|" + s.app_id; }

bool SeenBefore(const Totals& a, const std::string& a_key, const Totals& b, const std::string& b_key) {
  return a.first_seen != b.first_seen ? a.first_seen < b.first_seen : a_key < b_key;
}

// Stored totals with one source's old snapshot (null: a new source) replaced by its new one;
// nothing when the result would not equal the sum over all sources.
std::optional<Totals> CorrectTotals(const Totals& stored, const Totals* old, const Totals& now) {
  Totals t = stored;
  if (old) {
    if (old->occurrences > t.occurrences || old->priced_runs > t.priced_runs ||
        RoundSeconds(t.runtime_seconds - old->runtime_seconds) < 0 ||
        (old->priced_runs > 0 && RoundUsd(t.waste_usd - old->waste_usd) < 0))
      return std::nullopt;
    // the old snapshot may have held the record's earliest or latest time alone
    if ((old->first_seen == t.first_seen && now.first_seen > old->first_seen) ||
        (old->last_seen == t.last_seen && now.last_seen < old->last_seen))
      return std::nullopt;
    t.occurrences -= old->occurrences;
    t.priced_runs -= old->priced_runs;
    t.runtime_seconds = RoundSeconds(t.runtime_seconds - old->runtime_seconds);
    if (old->priced_runs > 0) t.waste_usd = RoundUsd(t.waste_usd - old->waste_usd);
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  t.occurrences = now.occurrences > kMax - t.occurrences ? kMax : t.occurrences + now.occurrences;
  t.priced_runs = now.priced_runs > kMax - t.priced_runs ? kMax : t.priced_runs + now.priced_runs;
  t.runtime_seconds = RoundSeconds(t.runtime_seconds + now.runtime_seconds);
  if (t.priced_runs == 0) t.waste_usd = 0;
  else t.waste_usd = RoundUsd(t.waste_usd + (now.priced_runs > 0 ? now.waste_usd : 0));
  t.first_seen = std::min(t.first_seen, now.first_seen);
  t.last_seen = std::max(t.last_seen, now.last_seen);
  return t;
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

MergeStatus MergeSignal(SignalRecord* record, Incoming in, MergeResult* result) {
  const bool partial = IsPartial(*record);
  auto it = std::find_if(record->sources.begin(), record->sources.end(), [&](const Source& s) {
    return s.source == in.source.source && s.app_id == in.source.app_id;
  });
  // The sample's source, when the record holds it; else its first_seen as stored.
  const Source* current = nullptr;
  for (const Source& s : record->sources)
    if (SampleKey(s) == record->sample_from) current = &s;
  if (partial && !record->sample_from.empty() && current == nullptr && record->sample_first_seen == 0)
    return MergeStatus::kNeedWhole;
  Totals current_totals;
  current_totals.first_seen = current ? current->totals.first_seen : record->sample_first_seen;

  MergeResult r;
  if (it != record->sources.end()) {
    if (in.source.seq == it->seq) {
      *result = MergeResult::kDuplicate;
      return MergeStatus::kMerged;
    }
    if (in.source.seq < it->seq) {
      *result = MergeResult::kStale;
      return MergeStatus::kMerged;
    }
    r = MergeResult::kUpdated;
  } else {
    if (record->source_count >= kMaxSourcesPerRecord) return MergeStatus::kFull;
    r = MergeResult::kAdded;
  }
  if (partial) {
    const std::optional<Totals> t =
        CorrectTotals(record->totals, it != record->sources.end() ? &it->totals : nullptr, in.source.totals);
    if (!t) return MergeStatus::kNeedWhole;
    record->totals = *t;
  }
  *result = r;
  if (it != record->sources.end()) {
    *it = in.source;
  } else {
    ++record->source_count;
    record->sources.push_back(in.source);
    std::sort(record->sources.begin(), record->sources.end(), [](const Source& a, const Source& b) {
      return a.source != b.source ? a.source < b.source : a.app_id < b.app_id;
    });
  }
  record->signature = in.signature;
  if (!partial) record->totals = SumSources(record->sources);
  record->billing = nullptr;

  // The sample follows the source seen first, whichever order its batches came in.
  const std::string key = SampleKey(in.source);
  const bool take = record->sample.is_null() || record->sample_from.empty() || key == record->sample_from ||
                    (!partial && current == nullptr) || SeenBefore(in.source.totals, key, current_totals, record->sample_from);
  if (take && (!in.sample.is_null() || record->sample.is_null())) {
    record->sample_from = key;
    record->sample_first_seen = in.source.totals.first_seen;
    record->sample = std::move(in.sample);
    record->analysis = std::move(in.analysis);
    if (!in.cause.empty()) record->cause = in.cause;
  } else if (key == record->sample_from) {
    record->sample_first_seen = in.source.totals.first_seen;
  }
  if (record->cause.empty()) record->cause = in.cause;
  return MergeStatus::kMerged;
}

}  // namespace clusop::signals
