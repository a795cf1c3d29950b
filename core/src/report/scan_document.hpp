#pragma once
// One clusop.scan/1 document from the one-application documents a face's streams answered
// (api/stream.cpp) and the errors the core assembled (analysis/scan_errors): each application
// is kept byte for byte as the stream wrote it, so a face that read its applications one stream
// at a time prints what `clusop scan --format json` prints.
#include <string>
#include <string_view>
#include <vector>

#include "kpi/app_report.hpp"

namespace clusop {

// The raw text of each element of the top-level "applications" array of a document this core
// wrote with `indent` (>= 1: every raw newline is layout, never inside a string). False when
// the text is not such a document.
bool RawApplications(std::string_view document, int indent, std::vector<std::string_view>* applications);

// The document-level members a stream's answer holds after "errors" (",\n  \"key\": ..."), the
// same in every answer of one request (they come from the request, not the log); empty if none.
std::string_view MembersAfterErrors(std::string_view document, int indent);

// {"schema", "applications": [raw...], "errors": [...], <after_errors>} laid out as ScanToJson
// lays it out.
std::string ScanDocumentJson(const std::vector<std::string_view>& applications, const std::vector<ScanError>& errors,
                             int indent, std::string_view after_errors = {});

}  // namespace clusop
