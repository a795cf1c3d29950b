"""~30 MB of rows collected to the driver: the collect stage's result size is what its tasks sent."""

MIB = 1 << 20


def test_job_really_sent_tens_of_mib(scenario):
    """Guards the generator: Spark's own status store counts the collect's result bytes."""
    s = scenario("large_collect")
    p = s.facts["problem"]
    f = s.only_stage(p["label"])
    assert f["store"]["result_size_bytes"] > 10 * MIB, f["store"]
    assert p["string_bytes_received"] > 10 * MIB, p


def test_collect_stage_result_size_is_sparks(scenario):
    s = scenario("large_collect")
    f = s.only_stage(s.facts["problem"]["label"])
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["result_size_bytes"] == f["store"]["result_size_bytes"]
    assert got["num_tasks"] == f["num_tasks"]


def test_control_stages_send_kilobytes(scenario):
    s = scenario("large_collect")
    control = s.ran_stages(s.facts["problem"]["control_label"])
    assert control, "the control step ran stages"
    for f in control:
        got = s.scanned_stage(f["stage_id"], f["attempt"])
        assert got["result_size_bytes"] == f["store"]["result_size_bytes"] < MIB, f["stage_id"]
