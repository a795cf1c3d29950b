// Stages (StageSubmitted, StageCompleted with its accumulables) and jobs (JobStart with its
// stage list, JobEnd).
#include "eventlog/event_family_readers.hpp"

namespace clusop::event_readers {
namespace {

using namespace event_json;

error_code ReadStageInfo(od::value v, StageInfoEvent* s, std::vector<StageAccumulable>* accumulables) {
  return VisitObject(v, [&](std::string_view key, od::value value) -> error_code {
    if (key == "Stage ID") s->stage_id = Int(value);
    else if (key == "Stage Attempt ID") s->attempt = Int(value);
    else if (key == "Stage Name") s->name = String(value);
    else if (key == "Number of Tasks") s->num_tasks = Int(value);
    else if (key == "Details") s->details = String(value);
    else if (key == "Submission Time") s->submission_ms = Int(value);
    else if (key == "Completion Time") s->completion_ms = Int(value);
    else if (key == "Failure Reason") s->failure_reason = String(value);
    else if (key == "Accumulables" && accumulables)
      return VisitArray(value, [&](od::value element) -> error_code {
        StageAccumulable a;
        const error_code e = VisitObject(element, [&](std::string_view k, od::value x) -> error_code {
          if (k == "ID") a.id = Int(x);
          else if (k == "Name") a.name = String(x);
          else if (k == "Value") a.value = Double(x);
          return SUCCESS;
        });
        if (!e && a.id >= 0) accumulables->push_back(a);
        return e;
      });
    return SUCCESS;
  });
}

}  // namespace

error_code ReadStage(RootFields& rest, bool completed, std::vector<StageAccumulable>* scratch, EventHandler* handler) {
  StageInfoEvent s;
  s.completed = completed;
  scratch->clear();
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
    if (key == "Stage Info") return ReadStageInfo(value, &s, completed ? scratch : nullptr);
    return SUCCESS;
  });
  if (e) return e;
  handler->OnStage(s);
  for (const StageAccumulable& a : *scratch) handler->OnStageAccumulable(s, a);
  if (s.completion_ms > 0) handler->OnEventTime(s.completion_ms);
  return SUCCESS;
}

error_code ReadJobStart(RootFields& rest, std::vector<StageInfoEvent>* scratch, EventHandler* handler) {
  JobStartEvent j;
  scratch->clear();
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
    if (key == "Job ID") j.job_id = Int(value);
    else if (key == "Submission Time") j.time_ms = Int(value);
    else if (key == "Stage IDs")
      return VisitArray(value, [&](od::value id) -> error_code {
        j.stage_ids.push_back(Int(id));
        return SUCCESS;
      });
    else if (key == "Stage Infos")
      return VisitArray(value, [&](od::value info) -> error_code {
        StageInfoEvent s;
        const error_code se = ReadStageInfo(info, &s, nullptr);
        if (!se) scratch->push_back(s);
        return se;
      });
    else if (key == "Properties")
      return VisitObject(value, [&](std::string_view k, od::value v) -> error_code {
        if (k == "spark.sql.execution.id") j.sql_execution_id = Int(v);
        return SUCCESS;
      });
    return SUCCESS;
  });
  if (e) return e;
  handler->OnJobStart(j);
  for (const StageInfoEvent& s : *scratch) handler->OnJobStage(j, s);
  if (j.time_ms > 0) handler->OnEventTime(j.time_ms);
  return SUCCESS;
}

error_code ReadJobEnd(RootFields& rest, EventHandler* handler) {
  JobEndEvent j;
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
    if (key == "Job ID") j.job_id = Int(value);
    else if (key == "Completion Time") j.time_ms = Int(value);
    else if (key == "Job Result")
      return VisitObject(value, [&](std::string_view k, od::value v) -> error_code {
        if (k == "Result") j.succeeded = String(v) == "JobSucceeded";
        return SUCCESS;
      });
    return SUCCESS;
  });
  if (e) return e;
  handler->OnJobEnd(j);
  if (j.time_ms > 0) handler->OnEventTime(j.time_ms);
  return SUCCESS;
}

}  // namespace clusop::event_readers
