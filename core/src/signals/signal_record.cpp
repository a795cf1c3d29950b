#include "signals/signal_record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace clusop::signals {

std::string RecordKey(const std::string& workspace_id, const std::string& signature) {
  return workspace_id + "|" + signature;
}

std::string DedupKey(const std::string& workspace_id, const Source& source, const std::string& signature) {
  return workspace_id + "|" + source.source + "|" + signature + "|" + source.app_id + "#" + std::to_string(source.seq);
}

double RoundSeconds(double seconds) { return std::round(seconds * 1e3) / 1e3; }
double RoundUsd(double usd) { return std::round(usd * 1e6) / 1e6; }

bool IsPartial(const SignalRecord& record) { return record.source_count > record.sources.size(); }

Totals SumSources(const std::vector<Source>& sources) {
  Totals t;
  bool first = true;
  for (const Source& s : sources) {
    // each source is at most 1e15; saturate rather than overflow on absurd numbers of them
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    t.occurrences = s.totals.occurrences > kMax - t.occurrences ? kMax : t.occurrences + s.totals.occurrences;
    t.runtime_seconds += s.totals.runtime_seconds;
    t.waste_usd += s.totals.priced_runs > 0 ? s.totals.waste_usd : 0;
    t.priced_runs = s.totals.priced_runs > kMax - t.priced_runs ? kMax : t.priced_runs + s.totals.priced_runs;
    t.first_seen = first ? s.totals.first_seen : std::min(t.first_seen, s.totals.first_seen);
    t.last_seen = first ? s.totals.last_seen : std::max(t.last_seen, s.totals.last_seen);
    first = false;
  }
  t.runtime_seconds = RoundSeconds(t.runtime_seconds);
  t.waste_usd = RoundUsd(t.waste_usd);
  return t;
}

}  // namespace clusop::signals
