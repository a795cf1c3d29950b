#include "report/engine_report_words.hpp"

namespace clusop {

const char* ReportingEngineName(Engine engine) {
  switch (engine) {
    case Engine::kComet: return "Comet";
    case Engine::kGluten: return "Gluten";
    case Engine::kRapids: return "RAPIDS";
    case Engine::kPhoton: return "Photon";
    case Engine::kSpark: break;
  }
  return "Spark";
}

Remedy EntryRemedy(const EngineReport& report, const EngineReportEntry& e) {
  return RemedyFor(report.engine, e.op, e.engine_op, e.subject, e.reason);
}

std::string ReportAloneSentence(const EngineReport& report) {
  size_t with_remedy = 0;
  for (const EngineReportEntry& e : report.entries) with_remedy += EntryRemedy(report, e).conf.empty() ? 0 : 1;
  std::string sentence = std::string(ReportingEngineName(report.engine)) + " reports " +
                         std::to_string(report.entries.size()) +
                         (report.entries.size() == 1 ? " reason" : " reasons") + " for work it left to Spark";
  sentence += with_remedy ? ", " + std::to_string(with_remedy) + " with a setting it names to run it natively." : ".";
  sentence += " No plan was found beside the report: paste the executed plan with it to weigh each fallback.";
  return sentence;
}

std::string LastOfCounts(const EngineReport& report) {
  if (report.counts_read <= 1) return {};
  return "the last of " + std::to_string(report.counts_read) + " counts in the log";
}

std::string EngineCountWords(const EngineReport& report) {
  if (report.accelerated < 0) return {};
  const std::string last = LastOfCounts(report);
  return std::string(ReportingEngineName(report.engine)) + "'s own count" + (last.empty() ? "" : " (" + last + ")") +
         ": " + std::to_string(report.accelerated) + " of " + std::to_string(report.eligible) + " operators accelerated";
}

std::string CountBesideOurs(const EngineReport& report, const Diagnosis& d) {
  if (report.accelerated < 0) return {};
  return EngineCountWords(report) + "; clusop counts " + std::to_string(d.native_ops) + " native of " +
         std::to_string(d.native_ops + d.jvm_ops) + " operators that ran";
}

std::string CountNote(const EngineReport& report, const Diagnosis& d) {
  if (report.accelerated < 0) return {};
  const int32_t ours = d.native_ops + d.jvm_ops;
  const std::string name = ReportingEngineName(report.engine);
  // several counts: the last may be another query's (or an earlier AQE pass's), said even when it agrees
  const std::string several =
      report.counts_read <= 1
          ? std::string()
          : "The log holds " + std::to_string(report.counts_read) + " counts of " + name +
                " (one per plan it wrote: each query, and each AQE pass of one); the last is set beside this plan and "
                "may belong to another query.";
  if (report.accelerated == d.native_ops && report.eligible == ours) return several;
  return name + " counts " + std::to_string(report.accelerated) + " of " + std::to_string(report.eligible) +
         " operators as accelerated; clusop counts " + std::to_string(d.native_ops) + " native of " +
         std::to_string(ours) +
         " operators that ran (clusop leaves out transitions, stage wrappers, commands and AQE parts that did not run; "
         "the engine counts the operators it considered)." + (several.empty() ? "" : " " + several);
}

std::string RemedySourceWords(Engine engine, std::string_view source) {
  const std::string name = ReportingEngineName(engine);
  if (source == "engine_flag") return name + "'s documented flag for it (its reason says disabled or not fully compatible)";
  return "named by " + name + " in its reason";
}

}  // namespace clusop
