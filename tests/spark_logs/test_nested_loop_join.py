"""A range (non-equi) join runs as a BroadcastNestedLoopJoin; the same bands by an equi join do not."""


def strategies(execution):
    return sorted(j["strategy"] for j in execution["joins"])


def test_band_join_is_a_nested_loop_join_with_both_sides_measured(scenario):
    s = scenario("nested_loop_join")
    p = s.facts["problem"]
    assert p["plan_has_broadcast_nested_loop_join"] and not p["plan_has_cartesian_product"], p
    execution = s.execution(p["label"])
    assert strategies(execution) == ["BroadcastNestedLoopJoin"], execution["joins"]
    (join,) = execution["joins"]
    assert sorted([join["left_rows"], join["right_rows"]]) == sorted([p["left_rows"], p["right_rows"]]), join


def test_equi_join_control_is_a_hash_join(scenario):
    s = scenario("nested_loop_join")
    p = s.facts["problem"]
    assert p["control_plan_has_broadcast_hash_join"] and not p["control_plan_has_nested_loop_join"], p
    assert strategies(s.execution(p["control_label"])) == ["BroadcastHashJoin"]


def test_no_other_application_joins_by_nested_loop(scenario, other_scenarios):
    for name in other_scenarios("nested_loop_join"):
        for e in scenario(name).app["sql_executions"]:
            found = [j["strategy"] for j in e["joins"]
                     if j["strategy"] in ("BroadcastNestedLoopJoin", "CartesianProduct")]
            assert not found, (name, e["description"], found)
