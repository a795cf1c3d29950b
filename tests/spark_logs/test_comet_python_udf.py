"""A Python row UDF under Comet runs on the JVM: the execution's analysis says python_udf."""


def causes(execution):
    analysis = execution["analysis"]
    assert analysis is not None, execution.get("analysis_error")
    return analysis, [f["cause"] for f in analysis["fallbacks"]]


def test_python_udf_fallback(scenario):
    s = scenario("comet_udf")
    p = s.facts["problem"]
    assert p["udf_plan_has_batch_eval_python"] and p["udf_plan_has_comet_operator"], p
    analysis, found = causes(s.execution(p["label"]))
    assert analysis["engine"] == "comet"
    assert "python_udf" in found


def test_native_query_has_no_python_udf_fallback(scenario):
    s = scenario("comet_udf")
    p = s.facts["problem"]
    assert p["native_plan_has_comet_operator"] and not p["native_plan_has_batch_eval_python"], p
    analysis, found = causes(s.execution(p["control_label"]))
    assert analysis["engine"] == "comet"
    assert "python_udf" not in found
