#pragma once
// The event-log pipeline for one application, fed as a stream:
//   bytes -> decode (io/) -> lines -> events (eventlog/) -> KPIs (kpi/) -> SQL plans -> analysis
//   -> price -> rules -> ranked recommendations -> AppReport
// Memory grows with stages, executors and SQL executions, never with tasks or bytes.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "price/cluster_context.hpp"
#include "price/price_table.hpp"

namespace clusop {

struct AppReport;  // kpi/app_report.hpp
namespace rules {
struct RuleSet;  // rules/rule_set.hpp
}

struct ScanOptions {
  std::string engine = "auto";          // as in AnalyzeInput
  std::optional<bool> photon_enabled;   // as in AnalyzeInput
  ClusterContext cluster;               // fields the caller set win over what the log says
  const PriceTable* prices = nullptr;   // null: the embedded table
  size_t max_line_bytes = size_t{512} << 20;
  std::shared_ptr<const rules::RuleSet> rules;  // null: the built-in rules
};

class AppScan {
 public:
  explicit AppScan(ScanOptions options);
  ~AppScan();
  AppScan(const AppScan&) = delete;
  AppScan& operator=(const AppScan&) = delete;

  // Starts the next file of this application, in the order GroupLogFiles gave; its codec is
  // decided from its first bytes and its name. False once the application failed.
  bool BeginPart(std::string_view name);
  // The next bytes of the current part, any chunk size. False once the application failed.
  bool Feed(std::string_view bytes);
  // Ends the input, analyses each SQL execution's final plan and computes the KPIs.
  // The report holds what was read even when a part failed (then `error()` is set).
  const AppReport& Finish();
  const std::string& error() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace clusop
