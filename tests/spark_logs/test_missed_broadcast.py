"""A 200-row table joined by sort-merge because broadcast joins were switched off."""


def test_join_is_a_sort_merge_join_with_the_small_side_measured(scenario):
    s = scenario("broadcast")
    p = s.facts["problem"]
    assert p["executed_plan_has_sort_merge_join"] and not p["executed_plan_has_broadcast"], p
    joins = s.execution(p["label"]).get("joins")
    assert joins, "clusop reports no join for the execution"
    smj = [j for j in joins if j["strategy"] == "SortMergeJoin"]
    assert len(smj) == 1, joins
    sides = [smj[0]["left_rows"], smj[0]["right_rows"]]
    assert None not in sides, f"a side of the join has no measured row count: {smj[0]}"
    sides.sort()
    assert sides == [p["small_rows"], p["big_rows"]], smj[0]
