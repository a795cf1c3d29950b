#pragma once
// The scan contract "clusop.scan/1": applications read from event logs (KPIs per stage,
// SQL executions and their analyses) and what could not be read. Documented in README.md.
#include <string>
#include <string_view>
#include <vector>

#include "kpi/app_report.hpp"

namespace clusop {

class JsonWriter;

inline constexpr const char* kScanSchema = "clusop.scan/1";

// One application as an element of "applications".
void WriteAppReport(JsonWriter* out, const AppReport& app);

// A whole document: {"schema", "applications": [...], "errors": [...]}. `errors` are files that
// were not read at all (layout skips, unreadable files); each application's own errors are
// listed there too, after them.
std::string ScanToJson(const std::vector<const AppReport*>& applications, const std::vector<ScanError>& errors,
                       int indent = 0);

// {"schema": "clusop.scan/1", "error": {"code", "message"}}: the request itself failed.
std::string ScanErrorToJson(std::string_view code, std::string_view message, int indent = 0);

}  // namespace clusop
