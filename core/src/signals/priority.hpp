#pragma once
// The priority score: dollars per month (billed when reconciled, else modeled) weighted by how
// sure we are, so a certain $100 outranks a doubtful $150:
//   priority = usd_per_month x {HIGH: 1.0, MEDIUM: 0.6, LOW: 0.3};  unpriced: 0.
// Ties: more dollars per month, then more occurrences, then the record key (a stable order).
#include "signals/figure.hpp"

namespace clusop::signals {

double ConfidenceWeight(Level level);
double Priority(const Figure& figure);

}  // namespace clusop::signals
