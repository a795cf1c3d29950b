"""A task that fails once and succeeds on retry: one failed task, a successful job."""


def test_one_failed_task_in_the_failing_stage(scenario):
    s = scenario("retry")
    p = s.facts["problem"]
    f = s.only_stage(p["label"], num_tasks=p["partitions"])
    assert f["num_failed_tasks"] == p["failed_attempts"] == 1
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["failed_tasks"] == 1
    assert got["succeeded_tasks"] == p["partitions"]
    assert got["tasks_seen"] == p["partitions"] + 1
    assert got["status"] == "completed"


def test_application_completes_without_other_failures(scenario):
    s = scenario("retry")
    assert s.app["complete"] is True
    assert s.app["failed_jobs"] == 0
    assert sum(x["failed_tasks"] for x in s.ran_scanned()) == 1
