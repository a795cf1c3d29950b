"""Two short jobs with the driver alone between them while both executors (standalone cluster,
one core each) stay allocated: no stage runs in the gap, and the idle core-seconds show."""


def test_executors_and_cores_are_sparks(scenario):
    s = scenario("idle_executors")
    spark = sorted((e["id"], e["host"], e["cores"]) for e in s.facts["executors"] if e["id"] != "driver")
    assert sorted((e["id"], e["host"], e["cores"]) for e in s.app["executors"]) == spark
    assert s.app["cluster"]["max_cores"] == sum(c for _, _, c in spark) == s.facts["problem"]["executor_cores"]


def test_no_stage_runs_in_the_driver_only_gap(scenario):
    s = scenario("idle_executors")
    p = s.facts["problem"]
    assert p["gap_ms"] >= p["driver_only_seconds"] * 1000 * 0.99, p
    before = max(j["completion_ms"] for st in s.facts["steps"] if st["label"] == p["before_label"] for j in st["jobs"])
    after = min(j["submission_ms"] for st in s.facts["steps"] if st["label"] == p["after_label"] for j in st["jobs"])
    for x in s.ran_scanned():
        assert x["completion_ms"] <= before or x["submission_ms"] >= after, x["stage_id"]


def test_idle_core_seconds_show_in_utilisation(scenario):
    s = scenario("idle_executors")
    u = s.app["utilisation"]
    busy = sum(f["store"]["executor_run_time_ms"] for f in s.ran_stages()) / 1000
    assert abs(u["core_seconds_busy"] - busy) < 0.001, (u, busy)
    assert u["core_seconds_available"] - u["core_seconds_busy"] >= s.facts["problem"]["idle_core_seconds"], u
