#include "report/engine_report_json.hpp"

#include "engine/engine_remedies.hpp"

namespace clusop {
namespace {

constexpr const char* kReportSchema = "clusop.engine_report/1";

const char* DisplayName(Engine engine) {
  switch (engine) {
    case Engine::kComet: return "Comet";
    case Engine::kGluten: return "Gluten";
    case Engine::kRapids: return "RAPIDS";
    case Engine::kPhoton: return "Photon";
    case Engine::kSpark: break;
  }
  return "Spark";
}

void OptionalText(JsonWriter& w, std::string_view s) {
  if (s.empty()) w.Null();
  else w.String(s);
}

std::string CountNote(const EngineReport& report, const Diagnosis& d) {
  const int32_t ours = d.native_ops + d.jvm_ops;
  if (report.accelerated == d.native_ops && report.eligible == ours) return {};
  return std::string(DisplayName(report.engine)) + " counts " + std::to_string(report.accelerated) + " of " +
         std::to_string(report.eligible) + " operators as accelerated; clusop counts " + std::to_string(d.native_ops) +
         " native of " + std::to_string(ours) +
         " operators that ran (clusop leaves out transitions, stage wrappers, commands and AQE parts that did not run; "
         "the engine counts the operators it considered).";
}

}  // namespace

void WriteEngineReport(JsonWriter& w, const EngineReport& report, const Diagnosis* d) {
  w.BeginObject();
  w.Key("engine").String(EngineName(report.engine));
  w.Key("entries").BeginArray();
  for (const EngineReportEntry& e : report.entries) {
    w.BeginObject();
    w.Key("operator");
    OptionalText(w, e.op);
    w.Key("engine_operator");
    OptionalText(w, e.engine_op);
    w.Key("subject");
    OptionalText(w, e.subject);
    w.Key("reason").String(e.reason);
    w.Key("execution_id");
    if (e.execution_id >= 0) w.Int(e.execution_id);
    else w.Null();
    w.Key("line").Int(e.line);
    const Remedy remedy = RemedyFor(report.engine, e.op, e.engine_op, e.subject, e.reason);
    w.Key("remedy");
    if (remedy.conf.empty()) {
      w.Null();
    } else {
      w.BeginObject().Key("conf").String(remedy.conf).Key("source").String(remedy.source).EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("engine_count");
  if (report.accelerated < 0) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("accelerated").Int(report.accelerated);
    w.Key("eligible").Int(report.eligible);
    w.Key("source").String(report.count_source);
    w.EndObject();
  }
  if (d) {
    w.Key("count_note");
    OptionalText(w, report.accelerated < 0 ? std::string() : CountNote(report, *d));
  }
  w.EndObject();
}

std::string Sentence(const EngineReport& report) {
  size_t with_remedy = 0;
  for (const EngineReportEntry& e : report.entries)
    with_remedy += RemedyFor(report.engine, e.op, e.engine_op, e.subject, e.reason).conf.empty() ? 0 : 1;
  std::string sentence = std::string(DisplayName(report.engine)) + " reports " + std::to_string(report.entries.size()) +
                         (report.entries.size() == 1 ? " reason" : " reasons") + " for work it left to Spark";
  sentence += with_remedy ? ", " + std::to_string(with_remedy) + " with a setting it names to run it natively." : ".";
  sentence += " No plan was found beside the report: paste the executed plan with it to weigh each fallback.";
  return sentence;
}

std::string EngineReportToText(const EngineReport& report) {
  std::string out = Sentence(report) + "\n";
  if (report.accelerated >= 0)
    out += std::string(DisplayName(report.engine)) + "'s own count: " + std::to_string(report.accelerated) + " of " +
           std::to_string(report.eligible) + " operators accelerated.\n";
  for (const EngineReportEntry& e : report.entries) {
    out += "\n- " + (e.op.empty() ? std::string("(operator not named)") : e.op);
    if (!e.subject.empty()) out += " / " + e.subject;
    out += ": " + e.reason + "\n";
    const Remedy remedy = RemedyFor(report.engine, e.op, e.engine_op, e.subject, e.reason);
    if (!remedy.conf.empty()) out += "  set " + remedy.conf + "\n";
  }
  return out;
}

std::string EngineReportToJson(const EngineReport& report, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kReportSchema);
  w.Key("report");
  WriteEngineReport(w, report, nullptr);
  w.Key("recommendation").String(Sentence(report));
  w.EndObject();
  return w.Take();
}

}  // namespace clusop
