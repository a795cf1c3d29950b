#pragma once
// The one dollar figure and confidence a record is judged and shown by: billed when a
// reconciliation of exactly the record's current sources says so, modeled otherwise.
#include <optional>
#include <string>
#include <vector>

#include "confidence/confidence.hpp"
#include "signals/signal_record.hpp"

namespace clusop::signals {

struct Figure {
  std::optional<double> usd_per_month;
  std::optional<double> total_usd;
  std::optional<double> spend_usd;  // billed: what the matched usage records cost in all
  std::string basis = "modeled";  // "billed" only from a reconciliation that matched every source
  Level confidence = Level::kLow; // the lowest of the analysis' legs, cost HIGH when billed
  std::vector<std::string> reasons;
};

Figure RecordFigure(const SignalRecord& record);

// The dedup keys of the record's sources, joined: what a reconciliation priced.
std::string PricedSourcesKey(const SignalRecord& record);

}  // namespace clusop::signals
