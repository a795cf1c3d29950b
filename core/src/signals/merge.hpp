#pragma once
// How one listener signal combines with what is stored for its (workspace, signature):
//   - a source (cluster or job run, and application) not seen before is added;
//   - a newer flush of a known source (higher seq) replaces that source's snapshot, because the
//     listener's figures are running totals of the application;
//   - the same flush again is a duplicate and an older flush is stale: nothing changes, so a
//     batch sent twice or retried after a timeout counts once;
//   - totals are sums over sources; the sample kept is the one of the source seen first (ties:
//     the smaller "<source>|<app id>"), so the order batches arrive in does not matter;
//   - any change drops a billing reconciliation (it priced the old totals).
// A partial record (signal_record.hpp) is corrected by the one source that changes: its old
// snapshot taken out of the stored totals, the new one put in. When that cannot be exact (the
// old snapshot held the earliest first_seen or the latest last_seen and the new one moves it
// inward, or the stored totals are smaller than the snapshot), the whole record is needed.
#include <cstddef>

#include "signals/signal_json.hpp"
#include "signals/signal_record.hpp"

namespace clusop::signals {

enum class MergeResult { kAdded, kUpdated, kDuplicate, kStale };
const char* MergeResultName(MergeResult r);

// A record holds at most this many sources; further new sources are refused (the caller says so).
constexpr size_t kMaxSourcesPerRecord = 10000;

enum class MergeStatus { kMerged, kFull, kNeedWhole };

// `record` is empty (no sources) for a signature not stored yet. kFull: the record holds
// kMaxSourcesPerRecord sources and this one is new; kNeedWhole: a partial record cannot take
// this signal exactly (nothing changed). Either way *result is not set.
MergeStatus MergeSignal(SignalRecord* record, Incoming incoming, MergeResult* result);

}  // namespace clusop::signals
