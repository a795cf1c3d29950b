"""The same job logged with each codec, rolled over parts, or copied while running reads the same."""

import pytest

from spark_facts import stage_shape


@pytest.mark.parametrize("codec", ["zstd", "lz4", "snappy", "lzf"])
def test_codec_reads_like_the_plain_log(scenario, codec):
    s, plain = scenario(codec), scenario("clean")
    assert s.facts["log"].endswith("." + codec), s.facts["log"]
    assert [p["codec"] for p in s.app["read"]["parts"]] == [codec]
    assert stage_shape(s.scanned_stages()) == stage_shape(plain.scanned_stages())
    assert sorted(e["description"] for e in s.app["sql_executions"]) == \
        sorted(e["description"] for e in plain.app["sql_executions"])


def test_rolling_log_is_one_application(scenario):
    s, plain = scenario("rolling"), scenario("clean")
    events = [p for p in s.facts["log_parts"] if p.startswith("events_")]
    assert len(events) >= 2, f"Spark wrote {s.facts['log_parts']}: the log did not roll"
    assert len(s.app["read"]["parts"]) == len(events)
    assert s.app["complete"] is True
    assert stage_shape(s.scanned_stages()) == stage_shape(plain.scanned_stages())


def test_inprogress_log_has_the_finished_stages(scenario):
    s, plain = scenario("inprogress"), scenario("clean")
    p = s.facts["problem"]
    assert s.facts["log"].endswith(".inprogress")
    assert s.app["complete"] is False
    finished = {(f["stage_id"], f["num_tasks"]) for f in s.ran_stages(p["copied_after"])}
    assert finished
    assert {(x["stage_id"], x["num_tasks"]) for x in s.ran_scanned()} == finished
    later = {f["stage_id"] for f in plain.fact_stages(p["not_in_copy"])}
    assert later and not later & {x["stage_id"] for x in s.scanned_stages()}
    assert [e["description"] for e in s.app["sql_executions"]] == [p["copied_after"]]
