#pragma once
// What the listener knows of its cluster, read from the Spark conf by the core (the one reader,
// price/cluster_from_conf): the pricing part of every analysis request, and the "cluster" object
// and identity (cluster id, job id, job run id) every signal carries so billing rows can match.
#include <string>

#include <nlohmann/json.hpp>

#include "price/cluster_from_conf.hpp"
#include "report/json_writer.hpp"

namespace clusop::signals {

// Reads request["conf"] (an object of string values); false with *error when it is not one.
bool ReadConf(const nlohmann::json& request, const std::string& where, ConfCluster* out, std::string* error);

// {"engine"?, "photon_enabled"?, "cluster": {only what the conf named}}: a clusop_analyze request
// without its plan (the listener adds plan and cluster.runtime_seconds).
void WriteAnalysisRequest(JsonWriter* w, const ConfCluster& c);

// The signal's "cluster" object: every field, null when the conf did not say.
void WriteSignalCluster(JsonWriter* w, const ConfCluster& c);

// op "context": {"op": "context", "conf": {...}} -> {"request", "cluster", "cluster_id", "job_id",
// "job_run_id", "problems"}.
std::string ContextAnswer(const nlohmann::json& request, int indent);

}  // namespace clusop::signals
