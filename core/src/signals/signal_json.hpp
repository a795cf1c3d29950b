#pragma once
// The two shapes signals travel in: the listener's "clusop.signal/1" (one application's running
// totals at one flush) and the stored record of "clusop.signals/1" (what the service keeps per
// workspace and signature, written back exactly as read).
#include <string>

#include <nlohmann/json.hpp>

#include "report/json_writer.hpp"
#include "signals/signal_record.hpp"

namespace clusop::signals {

// One listener signal, as the listener's SignalBatcher writes it.
struct Incoming {
  std::string signature;
  std::string cause;
  Source source;
  nlohmann::json sample = nullptr;
  nlohmann::json analysis = nullptr;
};

// `batch_app_id` is the batch's app_id, used when the signal lacks its own.
bool ReadListenerSignal(const nlohmann::json& signal, const std::string& batch_app_id, const std::string& where,
                        Incoming* out, std::string* error);

// allow_partial: the merge takes partial records (source_count above the sources given); rank and
// reconcile need whole ones.
bool ReadRecord(const nlohmann::json& record, const std::string& where, bool allow_partial, SignalRecord* out,
                std::string* error);

// The record with its derived figures (totals, waste per month) so a face needs no arithmetic.
void WriteRecord(JsonWriter* w, const SignalRecord& record);

// Null, or the value serialised (a value read from a request: its nesting is already bounded).
void WriteValue(JsonWriter* w, const nlohmann::json& value);

}  // namespace clusop::signals
