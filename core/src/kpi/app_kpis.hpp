#pragma once
// Accumulates an application's KPIs from its events: the application summary, cluster shape,
// executors and every stage attempt. Memory grows with stages and executors, not tasks.
#include <cstdint>
#include <map>
#include <utility>

#include "eventlog/events.hpp"
#include "kpi/app_report.hpp"

namespace clusop {

class AppKpis : public EventHandler {
 public:
  void OnLogStart(const LogStartEvent& e) override;
  void OnApplicationStart(const ApplicationStartEvent& e) override;
  void OnApplicationEnd(int64_t time_ms) override;
  void OnSparkProperty(std::string_view key, std::string_view value) override;
  void OnExecutorAdded(const ExecutorEvent& e) override;
  void OnExecutorRemoved(const ExecutorEvent& e) override;
  void OnJobStart(const JobStartEvent& e) override;
  void OnJobEnd(const JobEndEvent& e) override;
  void OnJobStage(const JobStartEvent& job, const StageInfoEvent& stage) override;
  void OnStage(const StageInfoEvent& e) override;
  void OnTaskEnd(const TaskEndEvent& e) override;
  void OnEventTime(int64_t time_ms) override;

  int64_t last_event_ms() const { return last_event_ms_; }
  // Moves what was accumulated into `report` (app, cluster, executors, utilisation, stages).
  void Finish(AppReport* report);

 private:
  StageKpis& Stage(int64_t stage_id, int64_t attempt);

  AppSummary app_;
  ClusterShapeReader cluster_;
  ExecutorTimeline executors_;
  std::map<std::pair<int64_t, int64_t>, StageKpis> stages_;
  std::map<int64_t, StageKpis> listed_;  // stages a JobStart listed (never submitted: skipped)
  std::map<int64_t, int64_t> job_of_stage_;  // stage id -> the first job listing it
  StageKpis* last_stage_ = nullptr;
  int64_t last_event_ms_ = -1;
  int64_t first_event_ms_ = -1;
};

}  // namespace clusop
