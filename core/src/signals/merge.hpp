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
#include <cstddef>

#include "signals/signal_json.hpp"
#include "signals/signal_record.hpp"

namespace clusop::signals {

enum class MergeResult { kAdded, kUpdated, kDuplicate, kStale };
const char* MergeResultName(MergeResult r);

// A record holds at most this many sources; further new sources are refused (the caller says so).
constexpr size_t kMaxSourcesPerRecord = 10000;

// `record` is empty (no sources) for a signature not stored yet. False when the record is full.
bool MergeSignal(SignalRecord* record, Incoming incoming, MergeResult* result);

}  // namespace clusop::signals
