"""A partition slow on any host, with speculation on (standalone cluster, two one-core executors
on two loopback hosts): Spark runs a copy, the original finishes first, the copy is killed."""


def slow_stage(s):
    return s.only_stage(s.facts["problem"]["label"])


def test_job_really_ran_and_killed_a_copy(scenario):
    """Guards the generator: the status store lists the speculative attempt, killed."""
    s = scenario("speculation")
    tasks = slow_stage(s)["store"]["tasks"]
    assert [c["status"] for c in tasks["speculative"]] == ["KILLED"], tasks
    assert tasks["speculative"][0]["index"] == s.facts["problem"]["slow_partition"]


def test_stage_counts_the_copy(scenario):
    s = scenario("speculation")
    f = slow_stage(s)
    copies = f["store"]["tasks"]["speculative"]
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["speculative_tasks"] == len(copies) == 1
    assert got["killed_tasks"] == f["store"]["num_killed_tasks"] == 1
    assert got["succeeded_tasks"] == s.facts["problem"]["partitions"]
    assert got["tasks_seen"] == s.facts["problem"]["partitions"] + len(copies)
    assert got["executor_run_time_ms"] == f["store"]["executor_run_time_ms"]


def test_executors_are_on_two_hosts(scenario):
    s = scenario("speculation")
    hosts = sorted(e["host"] for e in s.app["executors"])
    assert hosts == sorted(e["host"] for e in s.facts["executors"] if e["id"] != "driver")
    assert len(set(hosts)) == 2, hosts


def test_no_other_application_speculates(scenario, other_scenarios):
    for name in other_scenarios("speculation"):
        for x in scenario(name).scanned_stages():
            assert x["speculative_tasks"] == 0, (name, x["stage_id"])
