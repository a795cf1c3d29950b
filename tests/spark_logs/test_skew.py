"""A shuffle partition holding most rows makes its stage the skewed one; balanced data does not."""

# the rule: max / median task duration above 5 is skewed
SKEWED = 5.0


def skew_stage(s):
    p = s.facts["problem"]
    return s.only_stage(p["label"], num_tasks=p["partitions"])


def test_job_really_was_skewed(scenario):
    """Guards the generator: Spark's own run times show the hot partition's task as the outlier."""
    t = skew_stage(scenario("skew"))["store"]["task_run_time_ms"]
    assert t["count"] == scenario("skew").facts["problem"]["partitions"]
    assert t["max"] > SKEWED * max(t["median"], 1), t


def test_skewed_stage_has_the_highest_ratio(scenario):
    s = scenario("skew")
    f = skew_stage(s)
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["num_tasks"] == s.facts["problem"]["partitions"]
    assert got["skew_ratio"] > SKEWED, got
    others = [x for x in s.ran_scanned() if x["stage_id"] != f["stage_id"]]
    assert others, "the skew app also has its control step's stages"
    assert all(x["skew_ratio"] is None or x["skew_ratio"] < got["skew_ratio"] for x in others), \
        [(x["stage_id"], x["skew_ratio"]) for x in others]


def test_straggler_is_a_task_of_the_skewed_stage(scenario):
    s = scenario("skew")
    f = skew_stage(s)
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["straggler"] is not None
    assert got["straggler"]["duration_ms"] == got["task_duration_ms"]["max"]


def test_balanced_stages_are_not_skewed(scenario):
    s = scenario("clean")
    ratios = [(x["stage_id"], x["skew_ratio"]) for x in s.ran_scanned()]
    assert ratios
    assert all(r is None or r < SKEWED for _, r in ratios), ratios


def test_straggler_is_the_hot_keys_partition(scenario):
    s = scenario("skew")
    f = skew_stage(s)
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["straggler"]["index"] == s.facts["problem"]["hot_partition"]
