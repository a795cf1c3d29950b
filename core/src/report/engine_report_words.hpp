#pragma once
// The sentences about an engine's own fallback report, shared by its JSON, text and Markdown:
// what the report says alone, its count beside ours, and the setting each entry names.
#include <string>

#include "diagnose/diagnosis.hpp"
#include "engine/engine_remedies.hpp"
#include "engine_log/engine_report.hpp"

namespace clusop {

// The engine as it names itself in its reports: "Comet", "Gluten", "RAPIDS", "Photon".
const char* ReportingEngineName(Engine engine);

// The conf line the engine names for this entry (empty conf when it names none).
Remedy EntryRemedy(const EngineReport& report, const EngineReportEntry& entry);

// The answer's recommendation when the input held the report but no plan.
std::string ReportAloneSentence(const EngineReport& report);

// "the last of 12 counts in the log" when the input printed several counts, else empty.
std::string LastOfCounts(const EngineReport& report);

// "Comet's own count: 1 of 3 operators accelerated" ("Comet's own count (the last of 12 counts in
// the log): ..." when the log printed several), or empty when the engine printed no count.
std::string EngineCountWords(const EngineReport& report);

// The engine's count and ours in one line ("Comet's own count: 1 of 3 operators accelerated;
// clusop counts 1 native of 3 operators that ran"), or empty when the engine printed no count.
std::string CountBesideOurs(const EngineReport& report, const Diagnosis& diagnosis);

// Empty when the engine's count is ours, else why the two differ; when the log printed several
// counts, it also says the one shown is the last and may be another query's. Empty without a count.
std::string CountNote(const EngineReport& report, const Diagnosis& diagnosis);

// Where a remedy's conf line comes from, in words: "engine_reason" (the engine's own words) or
// "engine_flag" (its documented per-operator or per-expression flag).
std::string RemedySourceWords(Engine engine, std::string_view source);

}  // namespace clusop
