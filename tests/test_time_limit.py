"""A time limit too short for any search still gives a plan object, never a crash."""

from planner.planning import make_plan

from tests.conftest import BASE_CONFIG


def test_a_limit_that_leaves_no_time_to_search_says_so():
    plan = make_plan(BASE_CONFIG, time_limit=1e-6)
    assert plan.status == "infeasible"
    assert plan.day_list == []
    assert any("infeasibility was not proven" in warning for warning in plan.warnings)
    assert plan.explanation.conflicts == []  # nothing was proven, so no rule is blamed
