#pragma once
// The listener's side of signals: one application's running totals per plan signature
// ("clusop.signal/1"), merged in the core so every face combines runs the same way. The listener
// holds each signature's latest answer as opaque bytes and hands it back with the next run.
//
// op "observe": {"signal": the signature's signal so far, or null for its first run,
//                "analysis": the run's clusop.analysis/1, "run": {"func_name", "seen_at",
//                "runtime_seconds"}, and for a first run only: "app": {"app_id", "app_name",
//                "spark_version", "clusop_version", "listener_version"}, "conf": {Spark conf},
//                "plan", "request" (the analysis request without its plan), "max_plan_chars"}
//   -> {"signal": the signal with this run counted}
// op "flush":   {"app_id", "signals": [signals], "seq", "final", "at", "dropped"}
//   -> {"batch": {"schema": "clusop.signal_batch/1", "app_id", "signals": [each with dropped and
//       flush {seq, final, at}]}}: what the listener writes (a JSON line per signal) and posts.
#include <string>

#include <nlohmann/json.hpp>

namespace clusop::signals {

std::string ObserveAnswer(const nlohmann::json& request, int indent);
std::string FlushAnswer(const nlohmann::json& request, int indent);

}  // namespace clusop::signals
