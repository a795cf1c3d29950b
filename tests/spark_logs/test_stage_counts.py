"""Every application reads back with the stages and task counts Spark itself recorded."""

import pytest

from spark_facts import SCENARIOS as ALL


@pytest.mark.parametrize("name", ALL)
def test_application_identity(scenario, name):
    s = scenario(name)
    assert s.app["app_id"] == s.facts["app_id"]
    assert s.app["spark_version"] == s.facts["spark_version"]
    assert s.app["complete"] is s.facts["complete"]


@pytest.mark.parametrize("name", ALL)
def test_stages_that_ran(scenario, name):
    s = scenario(name)
    expected = {(f["stage_id"], f["attempt"]) for f in s.ran_stages()}
    assert {(x["stage_id"], x["attempt"]) for x in s.ran_scanned()} == expected
    for f in s.ran_stages():
        got = s.scanned_stage(f["stage_id"], f["attempt"])
        assert got["num_tasks"] == f["num_tasks"], f
        assert got["succeeded_tasks"] == f["num_completed_tasks"], f
        assert got["failed_tasks"] == f["num_failed_tasks"], f


@pytest.mark.parametrize("name", ALL)
def test_skipped_stages(scenario, name):
    """A stage whose output an earlier job had already computed ran no task: Spark skipped it."""
    s = scenario(name)
    skipped = {f["stage_id"] for f in s.fact_stages() if not f["ran"]}
    assert {x["stage_id"] for x in s.scanned_stages() if x["status"] == "skipped"} == skipped
    assert s.app["skipped_stages"] == len(skipped)


@pytest.mark.parametrize("name", ALL)
def test_each_stage_names_the_first_job_that_listed_it(scenario, name):
    """The job of a stage (clusop_stage_metrics.job_id): the first job whose JobStart listed it."""
    s = scenario(name)
    jobs = [j for step in s.facts["steps"] for j in step["jobs"]] + s.facts["ungrouped"]
    first_job = {}
    for job in sorted(jobs, key=lambda j: j["job_id"]):
        for stage in job["stages"]:
            first_job.setdefault(stage["stage_id"], job["job_id"])
    assert first_job, "the job listed stages"
    for x in s.scanned_stages():
        assert x["job_id"] == first_job.get(x["stage_id"]), x["stage_id"]
