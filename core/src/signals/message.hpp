#pragma once
// The sentences a person reads about one signal (a notification, the page): worded here once, so
// Teams cards, webhooks and the page show the same words.
#include <string>

#include "signals/figure.hpp"
#include "signals/signal_record.hpp"

namespace clusop::signals {

struct Message {
  std::string title;       // "Photon fell back to the JVM: Project (scala_udf), $34.20 per month (modeled)"
  std::string what;        // the fallbacks: operators and the engine's reason
  std::string where;       // application(s), cluster or job, how often, when
  std::string dollars;     // the figure with its basis and how it was made
  std::string confidence;  // the level and why it is not higher
  std::string fix;         // the analysis' recommendation, verbatim
};

Message Describe(const SignalRecord& record, const Figure& figure);

}  // namespace clusop::signals
