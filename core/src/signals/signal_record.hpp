#pragma once
// What the service keeps per (workspace, signature): the latest snapshot of every source that
// reported it, and the totals over those snapshots. Listener signals are cumulative per
// application (each flush repeats the running totals), so a source's newer snapshot replaces
// its older one and totals are sums over sources, never over batches.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace clusop::signals {

struct Totals {
  int64_t occurrences = 0;
  double runtime_seconds = 0;
  double waste_usd = 0;  // meaningful only when priced_runs > 0
  int64_t priced_runs = 0;
  int64_t first_seen = 0;  // ms since epoch
  int64_t last_seen = 0;
};

// One application on one cluster or job run: its latest flush.
struct Source {
  std::string source;      // "cluster:<id>", "job_run:<id>", "job:<id>" or "app:<app id>"
  std::string app_id;
  std::string app_name;
  std::string cluster_id;  // empty when the signal did not say
  std::string job_id;
  std::string job_run_id;
  int64_t seq = 0;         // the listener's flush sequence: higher replaces lower
  bool final = false;
  Totals totals;
  nlohmann::json cluster = nullptr;  // the signal's cluster object, as sent
};

struct SignalRecord {
  std::string workspace_id;
  std::string signature;
  std::string cause;
  std::vector<Source> sources;  // sorted by (source, app_id); a partial record: some of them
  Totals totals;                // sums over all sources (a partial record: as stored)
  // How many sources the record has in all. A partial record (source_count > sources.size())
  // holds only the sources a batch touches, its totals as stored: the merge then costs what the
  // batch holds, not what the record has gathered (see README, "Partial records").
  size_t source_count = 0;
  std::string sample_from;            // "<source>|<app id>" of the sample kept
  int64_t sample_first_seen = 0;      // that source's first_seen (ms): compared without the source
  nlohmann::json sample = nullptr;    // of the source seen first
  nlohmann::json analysis = nullptr;  // the analysis that came with that sample
  nlohmann::json billing = nullptr;   // a reconciliation of these very totals, or null
};

std::string RecordKey(const std::string& workspace_id, const std::string& signature);
// "<workspace>|<source>|<signature>|<app id>#<seq>": one flush of one application, counted once.
std::string DedupKey(const std::string& workspace_id, const Source& source, const std::string& signature);

// Totals over the record's sources (first seen: earliest, last seen: latest).
Totals SumSources(const std::vector<Source>& sources);

// Amounts are kept at the precision they are written with (seconds to 3 decimals, dollars to 6),
// so a total kept and corrected by one source equals the sum over all sources, to the digit.
double RoundSeconds(double seconds);
double RoundUsd(double usd);

bool IsPartial(const SignalRecord& record);

}  // namespace clusop::signals
