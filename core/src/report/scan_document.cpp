#include "report/scan_document.hpp"

#include <algorithm>

#include "report/json_writer.hpp"
#include "report/scan_json.hpp"

namespace clusop {

bool RawApplications(std::string_view document, int indent, std::vector<std::string_view>* applications) {
  applications->clear();
  if (indent < 1) return false;
  const std::string one(static_cast<size_t>(indent), ' ');
  const std::string item_start = ",\n" + one + one;
  const std::string opener = "\n" + one + "\"applications\": [";
  const size_t open = document.find(opener);
  if (open == std::string_view::npos) return false;
  size_t pos = open + opener.size();
  if (document.substr(pos, 1) == "]") return true;
  const size_t end = document.find("\n" + one + "]", pos);
  if (end == std::string_view::npos) return false;
  const std::string_view body = document.substr(pos, end - pos);
  // an element starts on a line indented twice; its own lines are indented deeper
  const std::string first = "\n" + one + one;
  if (body.substr(0, first.size()) != first) return false;
  size_t start = first.size();
  for (size_t at = body.find(item_start, start); at != std::string_view::npos; at = body.find(item_start, at + 1)) {
    const size_t next = at + item_start.size();
    if (next < body.size() && body[next] == ' ') continue;
    applications->push_back(body.substr(start, at - start));
    start = next;
  }
  applications->push_back(body.substr(start));
  return true;
}

std::string_view MembersAfterErrors(std::string_view document, int indent) {
  const std::string one(static_cast<size_t>(std::max(indent, 1)), ' ');
  const std::string opener = "\n" + one + "\"errors\": [";
  const size_t open = document.rfind(opener);
  const size_t last = document.rfind("\n}");
  if (open == std::string_view::npos || last == std::string_view::npos || last < open) return {};
  size_t end = open + opener.size();
  if (document.substr(end, 1) == "]") {
    ++end;
  } else {
    const size_t close = document.find("\n" + one + "]", end);
    if (close == std::string_view::npos || close > last) return {};
    end = close + 1 + one.size() + 1;
  }
  return document.substr(end, last - end);
}

std::string ScanDocumentJson(const std::vector<std::string_view>& applications, const std::vector<ScanError>& errors,
                             int indent, std::string_view after_errors) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kScanSchema);
  w.Key("applications").BeginArray();
  for (std::string_view app : applications) w.Raw(app);
  w.EndArray();
  w.Key("errors").BeginArray();
  for (const ScanError& e : errors) {
    w.BeginObject();
    w.Key("path").String(e.path);
    w.Key("message").String(e.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::string out = w.Take();
  if (after_errors.empty()) return out;
  const size_t last = out.rfind("\n}");
  return out.substr(0, last) + std::string(after_errors) + out.substr(last);
}

}  // namespace clusop
