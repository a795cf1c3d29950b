"""2,000 partitions of five rows each: one stage of 2,000 tasks."""


def test_many_tiny_tasks(scenario):
    s = scenario("tiny")
    p = s.facts["problem"]
    f = s.only_stage(p["label"])
    assert f["num_tasks"] == p["partitions"]
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert (got["num_tasks"], got["succeeded_tasks"], got["tasks_seen"]) == (p["partitions"],) * 3
    assert got["task_duration_ms"] is not None
    assert got["shuffle_read_bytes"] == got["shuffle_write_bytes"] == 0
