#include "report/engine_report_json.hpp"

#include "report/engine_report_words.hpp"
#include "report/markdown_report.hpp"

namespace clusop {
namespace {

constexpr const char* kReportSchema = "clusop.engine_report/1";

void OptionalText(JsonWriter& w, std::string_view s) {
  if (s.empty()) w.Null();
  else w.String(s);
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
    const Remedy remedy = EntryRemedy(report, e);
    w.Key("remedy");
    if (remedy.conf.empty()) {
      w.Null();
    } else {
      w.BeginObject().Key("conf").String(remedy.conf).Key("source").String(remedy.source);
      w.Key("source_text").String(RemedySourceWords(report.engine, remedy.source)).EndObject();
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
    w.Key("counts_in_log").Int(report.counts_read);
    w.EndObject();
  }
  w.Key("count_text");
  OptionalText(w, d ? CountBesideOurs(report, *d) : EngineCountWords(report));
  if (d) {
    w.Key("count_note");
    OptionalText(w, CountNote(report, *d));
  }
  w.EndObject();
}

std::string EngineReportEntriesText(const EngineReport& report, std::string_view pad, bool spaced) {
  std::string out;
  for (const EngineReportEntry& e : report.entries) {
    if (spaced) out += "\n";
    out += std::string(pad) + "- " + (e.op.empty() ? std::string("(operator not named)") : e.op);
    if (!e.subject.empty()) out += " / " + e.subject;
    out += ": " + e.reason + "\n";
    const Remedy remedy = EntryRemedy(report, e);
    if (!remedy.conf.empty()) out += std::string(pad) + "  set " + remedy.conf + "\n";
  }
  return out;
}

std::string EngineReportToText(const EngineReport& report) {
  std::string out = ReportAloneSentence(report) + "\n";
  if (report.accelerated >= 0) out += EngineCountWords(report) + ".\n";
  return out + EngineReportEntriesText(report, "", /*spaced=*/true);
}

std::string EngineReportToJson(const EngineReport& report, int indent, bool markdown) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kReportSchema);
  w.Key("report");
  WriteEngineReport(w, report, nullptr);
  w.Key("recommendation").String(ReportAloneSentence(report));
  if (markdown) w.Key("markdown").String(EngineReportToMarkdown(report));
  w.EndObject();
  return w.Take();
}

}  // namespace clusop
