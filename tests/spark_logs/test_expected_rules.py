"""Each scenario's facts["expected_rules"] (what its one problem must produce) point at a stage or
SQL execution the log really has, as the job itself numbered them; the clean jobs expect nothing."""

import pytest

from spark_facts import CLEAN_LAYOUTS, SCENARIOS


@pytest.mark.parametrize("name", SCENARIOS)
def test_expected_rules_point_at_what_the_log_has(scenario, name):
    s = scenario(name)
    expected = s.facts["expected_rules"]
    for e in expected:
        where = set(e) - {"rule"}
        assert where in ({"stage_id"}, {"execution_id"}, {"scope"}), e
        if "stage_id" in e:
            ran = {x["stage_id"] for x in s.ran_scanned()}
            assert e["stage_id"] in ran, (e, sorted(ran))
        elif "execution_id" in e:
            (fact,) = [x for x in s.facts["sql_executions"] if x["execution_id"] == e["execution_id"]]
            assert s.execution(fact["description"])["execution_id"] == e["execution_id"]
        else:
            assert e["scope"] == "application", e
    assert len({tuple(sorted(e.items())) for e in expected}) == len(expected), expected


@pytest.mark.parametrize("name", SCENARIOS)
def test_problem_scenarios_expect_a_finding(scenario, name):
    expected = scenario(name).facts["expected_rules"]
    if name in CLEAN_LAYOUTS:
        assert expected == []
    else:
        assert expected, f"{name} has a problem but expects no finding"


@pytest.mark.parametrize("name", SCENARIOS)
def test_sql_executions_are_the_jobs(scenario, name):
    """Ids and descriptions of the SQL executions as Spark's SQL status store had them."""
    s = scenario(name)
    fact = sorted((e["execution_id"], e["description"]) for e in s.facts["sql_executions"])
    assert sorted((e["execution_id"], e["description"]) for e in s.app["sql_executions"]) == fact
    by_id = {e["execution_id"]: e for e in s.app["sql_executions"]}
    for f in s.facts["sql_executions"]:
        assert sorted(by_id[f["execution_id"]]["job_ids"]) == f["job_ids"], f
