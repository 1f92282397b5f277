"""Property tests of re-planning: for generated athletes, a re-plan from any day with a log that
matches the plan (and the same pain level, as docs/replanning.md asks) gives back the same
planned days, and a re-plan from a log that does not (runs missed, shortened or lengthened) still obeys every rule, checked by the independent validator."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import planner
from tests.test_properties import START, athletes
from tests.test_replan import as_run, with_log

REPLAN_SETTINGS = settings(max_examples=int(__import__("os").environ.get("REPLAN_EXAMPLES", "10")), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@REPLAN_SETTINGS
@given(athletes(), st.floats(0.0, 1.0))
def test_a_matching_log_gives_back_the_same_planned_days(data, where):
    plan = planner.plan(data)
    assume(plan.status in ("optimal", "feasible"))
    days = 1 + int(where * (len(plan.day_list) - 2))
    day = START + dt.timedelta(days=days)
    logged = with_log(data, as_run(plan, days))
    again = planner.replan(logged, start=day, previous=plan, today=day)
    assume(again.pain.level == plan.pain.level)  # docs/replanning.md: a changed pain level may change the plan
    assert [(d.run_kind, d.distance, d.strength) for d in again.day_list[days:]] == \
        [(d.run_kind, d.distance, d.strength) for d in plan.day_list[days:]]
    assert again.changes == []
    assert planner.validate(logged, again, plan) == []


@REPLAN_SETTINGS
@given(athletes(), st.floats(0.05, 0.95), st.lists(st.sampled_from(["missed", "short", "long"]), min_size=1, max_size=4),
       st.randoms(use_true_random=False))
def test_a_log_that_strays_from_the_plan_still_gets_a_valid_re_plan(data, where, strays, random):
    plan = planner.plan(data)
    assume(plan.status in ("optimal", "feasible"))
    days = 1 + int(where * (len(plan.day_list) - 2))
    runs = [d for d in plan.day_list[:days] if d.run_kind not in ("rest", "race")]
    assume(runs)
    skip, change = set(), {}
    for stray in strays:
        day = random.choice(runs)
        if stray == "missed":
            skip.add(str(day.date))
        else:
            change[str(day.date)] = round(day.distance * (0.6 if stray == "short" else 1.4), 1)
    logged = with_log(data, as_run(plan, days, skip=skip, change=change))
    start = START + dt.timedelta(days=days)
    again = planner.replan(logged, start=start, previous=plan, today=start)
    assert again.status in ("optimal", "feasible", "halted"), again.warnings
    assert planner.validate(logged, again, plan) == []
