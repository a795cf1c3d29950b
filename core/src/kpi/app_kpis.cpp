#include "kpi/app_kpis.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace clusop {

StageKpis& AppKpis::Stage(int64_t stage_id, int64_t attempt) {
  if (last_stage_ && last_stage_->stage_id == stage_id && last_stage_->attempt == attempt) return *last_stage_;
  auto [it, inserted] = stages_.try_emplace({stage_id, attempt});
  if (inserted) {
    it->second.stage_id = stage_id;
    it->second.attempt = attempt;
  }
  last_stage_ = &it->second;
  return it->second;
}

void AppKpis::OnLogStart(const LogStartEvent& e) {
  if (!e.spark_version.empty()) {
    app_.spark_version.assign(e.spark_version);
    cluster_.OnSparkVersion(e.spark_version);
  }
  if (e.rollover_number >= 0) cluster_.OnDatabricksMetadata();
}

void AppKpis::OnApplicationStart(const ApplicationStartEvent& e) {
  app_.app_id.assign(e.app_id);
  app_.attempt.assign(e.attempt_id);
  app_.name.assign(e.app_name);
  app_.user.assign(e.user);
  app_.start_ms = e.time_ms;
}

void AppKpis::OnApplicationEnd(int64_t time_ms) {
  app_.ended = true;
  app_.end_ms = time_ms;
}

void AppKpis::OnSparkProperty(std::string_view key, std::string_view value) {
  cluster_.OnSparkProperty(key, value);
  if (key == "spark.app.id" && app_.app_id.empty()) app_.app_id.assign(value);
  else if (key == "spark.app.name" && app_.name.empty()) app_.name.assign(value);
}

void AppKpis::OnExecutorAdded(const ExecutorEvent& e) { executors_.Added(e.executor_id, e.host, e.cores, e.time_ms); }

void AppKpis::OnExecutorRemoved(const ExecutorEvent& e) { executors_.Removed(e.executor_id, e.reason, e.time_ms); }

void AppKpis::OnJobStart(const JobStartEvent&) { ++app_.jobs; }

void AppKpis::OnJobEnd(const JobEndEvent& e) {
  if (!e.succeeded) ++app_.failed_jobs;
}

void AppKpis::OnJobStage(const JobStartEvent& job, const StageInfoEvent& stage) {
  job_of_stage_.emplace(stage.stage_id, job.job_id);
  StageKpis& listed = listed_[stage.stage_id];
  listed.stage_id = stage.stage_id;
  listed.status = "skipped";
  listed.SetInfo(stage);
}

void AppKpis::OnStage(const StageInfoEvent& e) { Stage(e.stage_id, e.attempt).SetInfo(e); }

void AppKpis::OnTaskEnd(const TaskEndEvent& e) { Stage(e.stage_id, e.stage_attempt).AddTask(e); }

void AppKpis::OnEventTime(int64_t time_ms) {
  last_event_ms_ = std::max(last_event_ms_, time_ms);
  if (first_event_ms_ < 0 || time_ms < first_event_ms_) first_event_ms_ = time_ms;
}

void AppKpis::Finish(AppReport* report) {
  if (app_.end_ms < 0) app_.end_ms = last_event_ms_;
  if (app_.start_ms < 0) app_.start_ms = first_event_ms_;
  // A stage a job listed but that never ran in any attempt was skipped (its output was reused).
  for (auto& [id, listed] : listed_) {
    auto it = stages_.lower_bound({id, INT64_MIN});
    if (it == stages_.end() || it->first.first != id) {
      ++app_.skipped_stages;
      stages_.emplace(std::make_pair(id, int64_t{0}), std::move(listed));
    }
  }
  listed_.clear();
  last_stage_ = nullptr;

  report->cluster = cluster_.Shape();
  report->max_executors = executors_.max_concurrent();
  report->max_cores = executors_.max_concurrent_cores();
  report->executors = executors_.executors();
  Utilisation& u = report->utilisation;
  u.core_seconds_available = executors_.CoreSecondsAvailable(app_.end_ms);
  for (auto& [key, stage] : stages_) u.core_seconds_busy += static_cast<double>(stage.executor_run_ms) / 1000.0;
  u.ratio = u.core_seconds_available > 0 ? u.core_seconds_busy / u.core_seconds_available : -1;
  report->stages.reserve(stages_.size());
  for (auto& [key, stage] : stages_) {
    const auto job = job_of_stage_.find(stage.stage_id);
    if (job != job_of_stage_.end()) stage.job_id = job->second;
    report->stages.push_back(std::move(stage));
  }
  stages_.clear();
  report->totals = TotalStages(report->stages);
  report->app = std::move(app_);
}

}  // namespace clusop
