"""spark.sql.adaptive.enabled=false: shuffles run from plans that are not adaptive, and Spark
posts no adaptive re-plan; the clean job of the same kind runs adaptive plans."""


def plan_nodes(execution):
    assert execution["analysis"] is not None, execution.get("analysis_error")
    return [n["name"] for n in execution["analysis"]["nodes"]]


def test_shuffles_ran_from_plans_that_are_not_adaptive(scenario):
    s = scenario("aqe_off")
    p = s.facts["problem"]
    assert p["adaptive_enabled"] == "false", p
    for label in p["labels"]:
        assert p["plans_have_exchange"][label] and not p["plans_adaptive"][label], (label, p)
        e = s.execution(label)
        names = plan_nodes(e)
        assert "Exchange" in names and "AdaptiveSparkPlan" not in names, (label, names)
        assert e["aqe_updates"] == 0, label


def test_reduce_stages_keep_the_planned_partition_count(scenario):
    s = scenario("aqe_off")
    p = s.facts["problem"]
    reduce = [f for label in p["labels"] for f in s.ran_stages(label) if f["store"]["shuffle_read_records"] > 0]
    assert reduce, "the shuffles were read"
    for f in reduce:
        got = s.scanned_stage(f["stage_id"], f["attempt"])
        assert got["num_tasks"] == f["num_tasks"] == p["shuffle_partitions"], f["stage_id"]


def test_clean_job_runs_adaptive_plans(scenario):
    s = scenario("clean")
    assert s.app["sql_executions"]
    for e in s.app["sql_executions"]:
        assert plan_nodes(e)[0] == "AdaptiveSparkPlan", e["description"]
        assert e["aqe_updates"] > 0, e["description"]
