"""Per-stage totals equal the ones Spark's own status store kept while the job ran."""

import pytest

from spark_facts import PROBLEMS

SUMS = ["executor_run_time_ms", "memory_spilled_bytes", "disk_spilled_bytes",
        "shuffle_read_bytes", "shuffle_write_bytes", "shuffle_read_records",
        "result_size_bytes", "input_bytes", "input_records"]


@pytest.mark.parametrize("name", ["clean"] + PROBLEMS)
def test_stage_totals_match_sparks_status_store(scenario, name):
    s = scenario(name)
    compared = 0
    for f in s.ran_stages():
        store = f.get("store")
        if not store:
            continue
        got = s.scanned_stage(f["stage_id"], f["attempt"])
        for key in SUMS:
            assert got[key] == store[key], f"stage {f['stage_id']} {key}: clusop {got[key]}, Spark {store[key]}"
        compared += 1
    assert compared == len(s.ran_stages())
