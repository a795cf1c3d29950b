#pragma once
// A scan session in the core's words: the clusop.scan/1 document or the text for people.
// Applications that gave no event are not listed; what they said is among the errors.
#include <string>
#include <string_view>
#include <vector>

#include "kpi/app_report.hpp"
#include "scan_session.hpp"

namespace clusop::cli {

// The applications with events in them, in input order.
std::vector<const AppReport*> ReadApplications(const ScanSession& session);

// What could not be read: unreadable paths, skipped files, damaged layouts, applications that
// gave nothing (their own errors, or why they were refused). Errors of applications that were
// read stay with them.
std::vector<ScanError> SessionErrors(const ScanSession& session);

std::string ScanToJsonText(const ScanSession& session, int indent);
std::string ScanErrorJson(std::string_view code, std::string_view message);
std::string ScanToText(const ScanSession& session, bool colour);

// `analyze` on an event log: each application's SQL executions, fallbacks first.
std::string ExecutionsToText(const ScanSession& session, bool colour);
bool AnyFallback(const ScanSession& session);

// One line on why nothing could be read (exit 2).
std::string NothingReadMessage(const ScanSession& session);

}  // namespace clusop::cli
