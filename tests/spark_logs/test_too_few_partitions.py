"""coalesce(1) before CPU-heavy work: one task on a two-core executor; the control uses both cores."""


def executor_cores(s):
    return sum(e["cores"] for e in s.facts["executors"])


def test_coalesced_stage_has_one_task_for_two_cores(scenario):
    s = scenario("too_few_partitions")
    p = s.facts["problem"]
    f = s.only_stage(p["label"])
    assert f["num_tasks"] == p["tasks"] == 1
    assert executor_cores(s) == 2, s.facts["executors"]
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["num_tasks"] == 1 < s.app["cluster"]["max_cores"] == executor_cores(s)
    assert got["executor_run_time_ms"] == f["store"]["executor_run_time_ms"]


def test_control_stage_has_a_task_per_core(scenario):
    s = scenario("too_few_partitions")
    p = s.facts["problem"]
    f = s.only_stage(p["control_label"])
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["num_tasks"] == f["num_tasks"] == p["control_tasks"] == executor_cores(s)
