// The event-log entry points of the C ABI (clusop.h): a stream per application, and the
// grouping of listed paths into applications. Like clusop_analyze, nothing here throws.
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/app_scan.hpp"
#include "api/c_string.hpp"
#include "api/request.hpp"
#include "clusop/clusop.h"
#include "io/log_layout.hpp"
#include "kpi/app_report.hpp"
#include "report/json_writer.hpp"
#include "rank/finding_json.hpp"
#include "report/scan_json.hpp"
#include "rules/rule_set.hpp"

struct clusop_stream {
  std::unique_ptr<clusop::Request> request;  // owns the price table the scan points to
  std::unique_ptr<clusop::AppScan> scan;
  std::string error_code;                    // set: finish answers this error
  std::string error_message;
  int indent = 0;
};

namespace clusop {
namespace {

using nlohmann::json;

// The stream request holds the same options as an analysis request plus the first file's name:
// the options are read by the analysis request parser, so both accept and reject alike.
bool ParseStreamRequest(std::string_view text, Request* request, std::string* name, rules::RuleOptions* rule_options,
                        std::string* error) {
  json object = text.empty() ? json::object() : json::parse(text.begin(), text.end(), nullptr, false);
  if (object.is_discarded() || !object.is_object()) {
    *error = "request: expected a JSON object such as {\"name\": \"events_1_app.zstd\"}";
    return false;
  }
  const auto it = object.find("name");
  if (it != object.end() && !it->is_null()) {
    if (!it->is_string()) {
      *error = "request: \"name\" must be a string";
      return false;
    }
    *name = it->get<std::string>();
  }
  if (it != object.end()) object.erase(it);
  object.erase("plan");
  object["plan"] = "";
  std::string rest = object.dump();
  return TakeRuleOptions(&rest, rule_options, error) && ParseRequest(rest, request, error);
}

void FailStream(clusop_stream* stream, const char* code, std::string message) {
  if (!stream->error_code.empty()) return;
  stream->error_code = code;
  stream->error_message = std::move(message);
}

template <class Body>
int Guarded(clusop_stream* stream, Body&& body) {
  if (!stream) return -1;
  try {
    if (!stream->error_code.empty() || !stream->scan) return -1;
    return body() ? 0 : -1;
  } catch (const std::bad_alloc&) {
    FailStream(stream, "out_of_memory", "the event log needs more memory than is available");
  } catch (const std::exception& e) {
    FailStream(stream, "internal", std::string("internal error: ") + e.what());
  } catch (...) {
    FailStream(stream, "internal", "internal error");
  }
  return -1;
}

std::string LayoutToJson(std::string_view text) {
  const json request = json::parse(text.begin(), text.end(), nullptr, false);
  const std::string expected = "request: expected {\"paths\": [\"dir/eventlog_v2_app/events_1_app\", ...]}";
  if (request.is_discarded() || !request.is_object()) return ScanErrorToJson("bad_request", expected);
  const auto it = request.find("paths");
  if (it == request.end() || !it->is_array()) return ScanErrorToJson("bad_request", expected);
  std::vector<std::string> paths;
  for (const json& path : *it) {
    if (!path.is_string()) return ScanErrorToJson("bad_request", "request: every element of \"paths\" must be a string");
    paths.push_back(path.get<std::string>());
  }
  int indent = 0;
  const auto indent_it = request.find("indent");
  if (indent_it != request.end() && indent_it->is_number() && indent_it->get<double>() > 0)
    indent = indent_it->get<double>() > 8 ? 8 : static_cast<int>(indent_it->get<double>());
  const LogLayout layout = GroupLogFiles(paths);
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String("clusop.layout/1");
  w.Key("applications").BeginArray();
  for (const AppLogFiles& app : layout.applications) {
    w.BeginObject();
    w.Key("app_key").String(app.app_key);
    w.Key("layout").String(app.layout);
    w.Key("parts").BeginArray();
    for (const std::string& part : app.parts) w.String(part);
    w.EndArray();
    w.Key("in_progress").Bool(app.in_progress);
    w.Key("warnings").BeginArray();
    for (const std::string& warning : app.warnings) w.String(warning);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("skipped").BeginArray();
  for (const SkippedFile& skipped : layout.skipped) {
    w.BeginObject();
    w.Key("path").String(skipped.path);
    w.Key("message").String(skipped.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace
}  // namespace clusop

extern "C" {

clusop_stream* clusop_stream_open(const char* request_json, size_t length) {
  clusop_stream* stream = new (std::nothrow) clusop_stream();
  if (!stream) return nullptr;
  try {
    auto request = std::make_unique<clusop::Request>();
    std::string name, error;
    clusop::rules::RuleOptions rule_options;
    const std::string_view text = request_json ? std::string_view(request_json, length) : std::string_view();
    if (!clusop::ParseStreamRequest(text, request.get(), &name, &rule_options, &error)) {
      clusop::FailStream(stream, "bad_request", error);
      return stream;
    }
    clusop::ScanOptions options;
    options.engine = request->input.engine;
    options.photon_enabled = request->input.photon_enabled;
    options.cluster = request->input.cluster;
    options.prices = request->input.prices;
    if (!rule_options.empty()) options.rules = clusop::rules::CompileRules(rule_options);
    stream->indent = request->indent;
    stream->request = std::move(request);
    stream->scan = std::make_unique<clusop::AppScan>(std::move(options));
    stream->scan->BeginPart(name);
  } catch (const std::bad_alloc&) {
    clusop::FailStream(stream, "out_of_memory", "out of memory opening the stream");
  } catch (...) {
    clusop::FailStream(stream, "internal", "internal error opening the stream");
  }
  return stream;
}

int clusop_stream_next_file(clusop_stream* stream, const char* name, size_t length) {
  return clusop::Guarded(stream, [&] {
    return stream->scan->BeginPart(name ? std::string_view(name, length) : std::string_view());
  });
}

int clusop_stream_feed(clusop_stream* stream, const char* bytes, size_t length) {
  if (!bytes && length > 0) return -1;
  return clusop::Guarded(stream, [&] { return stream->scan->Feed(std::string_view(bytes ? bytes : "", length)); });
}

char* clusop_stream_finish(clusop_stream* stream) {
  if (!stream) return clusop::CopyToCString(clusop::ScanErrorToJson("bad_request", "clusop_stream_finish: expected a stream, got NULL"));
  std::string answer;
  try {
    if (stream->error_code.empty() && stream->scan) {
      const clusop::AppReport& report = stream->scan->Finish();
      answer = clusop::ScanToJson({&report}, {}, stream->indent);
    }
  } catch (const std::bad_alloc&) {
    clusop::FailStream(stream, "out_of_memory", "the event log needs more memory than is available");
  } catch (const std::exception& e) {
    clusop::FailStream(stream, "internal", std::string("internal error: ") + e.what());
  } catch (...) {
    clusop::FailStream(stream, "internal", "internal error");
  }
  char* out = nullptr;
  try {
    if (!stream->error_code.empty()) answer = clusop::ScanErrorToJson(stream->error_code, stream->error_message, stream->indent);
    out = clusop::CopyToCString(answer);
  } catch (...) {
  }
  delete stream;
  return out;
}

char* clusop_rank(const char* request_json, size_t length) {
  try {
    return clusop::CopyToCString(request_json ? clusop::RankRequestToJson(std::string_view(request_json, length))
                                     : clusop::ScanErrorToJson("bad_request", "request: expected a JSON object, got NULL"));
  } catch (const std::bad_alloc&) {
    return clusop::CopyToCString(clusop::ScanErrorToJson("out_of_memory", "the recommendations need more memory than is available"));
  } catch (...) {
    return nullptr;
  }
}

char* clusop_layout(const char* request_json, size_t length) {
  try {
    return clusop::CopyToCString(request_json ? clusop::LayoutToJson(std::string_view(request_json, length))
                                     : clusop::ScanErrorToJson("bad_request", "request: expected a JSON object, got NULL"));
  } catch (...) {
    return nullptr;
  }
}

}
