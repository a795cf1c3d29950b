"""Spill shows where Spark was forced to spill, and nowhere else."""

import pytest

from spark_facts import PROBLEMS


def test_forced_sort_spills(scenario):
    s = scenario("spill")
    f = s.only_stage(s.facts["problem"]["label"], num_tasks=s.facts["problem"]["sort_partitions"])
    assert f["store"]["memory_spilled_bytes"] > 0, "Spark itself saw no spill: the generator failed"
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert got["memory_spilled_bytes"] > 0
    assert got["disk_spilled_bytes"] > 0


def test_nothing_else_in_that_application_spills(scenario):
    s = scenario("spill")
    f = s.only_stage(s.facts["problem"]["label"], num_tasks=s.facts["problem"]["sort_partitions"])
    control = {x["stage_id"] for x in s.ran_stages(s.facts["problem"]["control_label"])}
    assert control, "the control step ran stages"
    for x in s.ran_scanned():
        if x["stage_id"] != f["stage_id"]:
            assert (x["memory_spilled_bytes"], x["disk_spilled_bytes"]) == (0, 0), x["stage_id"]


@pytest.mark.parametrize("name", ["clean"] + [n for n in PROBLEMS if n not in ("spill", "comet_udf")])
def test_applications_without_forced_spill_do_not_spill(scenario, name):
    for x in scenario(name).ran_scanned():
        assert (x["memory_spilled_bytes"], x["disk_spilled_bytes"]) == (0, 0), x["stage_id"]
