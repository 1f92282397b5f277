"""no_make_up: in a re-plan, the planning day's week plans no day longer than the previous plan
had it, and the week (done and planned) stays within the previous plan's distance for it.

A 4-week plan is run as planned for its first days but for one missed run, then re-planned from
the day after: the re-plan's model is the one these tests build."""

import datetime as dt

import pytest
from ortools.sat.python import cp_model

import constraints
import planner
from constraints import max_weekly_increase, no_make_up
from constraints.conftest import ALL_DAYS, make_config, solve, solve_ok
from planner.config import load_config
from planner.model import PlanModel
from planner.planning import prepare
from planner.replanning import previous_days
from tests.replan_helpers import as_run, with_log

CFG = make_config(ALL_DAYS, plan={"weeks": 4})


def _missed():
    """(config with the log, planning day index, previous plan): the plan's first week run as
    planned up to its first easy or quality run, which was missed; re-planned from the day after."""
    plan = planner.plan(CFG)
    runs = [i for i, d in enumerate(plan.day_list[:7]) if d.run_kind in ("easy", "quality")]
    missed = runs[0]
    logged = load_config(with_log(CFG, as_run(plan, missed + 1, skip={str(plan.day_list[missed].date)})))
    return logged, missed + 1, plan


def _model(skip=()):
    config, first, plan = _missed()
    instance = prepare(config, config.plan.start + dt.timedelta(days=first), previous_days(config, plan))
    m = PlanModel(instance)
    constraints.build_all(m, skip=skip)
    return m, first, plan


def _tenths(plan, index: int) -> int:
    return round(plan.day_list[index].distance * 10)


def test_the_week_of_a_missed_run_plans_no_day_and_no_week_longer_than_before():
    m, first, plan = _model()
    m.cp.maximize(sum(m.week_distance(w) for w in m.free_weeks))  # every reason to make the run up
    solver = solve_ok(m)
    for index in range(first, 7):
        assert solver.value(m.day(index).distance) <= _tenths(plan, index)
    assert solver.value(m.week_distance(1)) <= sum(_tenths(plan, i) for i in range(7))


def _longer_later_run(m, first: int, plan) -> None:
    """The planning week's last easy run of the previous plan lengthened by 1 km."""
    later = max(i for i in range(first, 7) if plan.day_list[i].run_kind == "easy")
    m.cp.add(m.day(later).distance == _tenths(plan, later) + 10)


@pytest.mark.parametrize("skip, expected", [((), {cp_model.INFEASIBLE}),
                                            ((no_make_up,), {cp_model.OPTIMAL, cp_model.FEASIBLE})],
                         ids=["with the rule", "without it"])
def test_forced_make_up_run_is_infeasible_only_with_the_rule(skip, expected):
    m, first, plan = _model(skip)
    _longer_later_run(m, first, plan)
    assert solve(m)[0] in expected


def test_a_week_begun_longer_than_planned_keeps_the_rest_of_it_below_the_previous_plan():
    """The week's first run logged 3 km longer: its other days kept exactly as the previous plan
    had them obey the per-day caps, but the week would then exceed the previous plan's week.
    The week cap rules that out (so does the weekly increase, as the previous plan's week was
    at the ramp's cap: the model without that rule still refuses it, without both accepts it)."""
    plan = planner.plan(CFG)
    first_run = next(i for i, d in enumerate(plan.day_list[:7]) if d.run_kind == "easy")
    longer = {str(plan.day_list[first_run].date): round(plan.day_list[first_run].distance + 3, 1)}
    config = load_config(with_log(CFG, as_run(plan, first_run + 1, change=longer)))
    start = config.plan.start + dt.timedelta(days=first_run + 1)
    cases = (((), {cp_model.INFEASIBLE}), ((max_weekly_increase,), {cp_model.INFEASIBLE}),
             ((no_make_up, max_weekly_increase), {cp_model.OPTIMAL, cp_model.FEASIBLE}))
    for skip, expected in cases:
        m = PlanModel(prepare(config, start, previous_days(config, plan)))
        constraints.build_all(m, skip=skip)
        for index in range(first_run + 1, 7):
            day, was = m.day(index), plan.day_list[index]
            m.cp.add(day.distance == _tenths(plan, index))
            if was.run_kind != "rest":
                m.cp.add(getattr(day, was.run_kind) == 1)
        assert solve(m)[0] in expected, f"without {skip or 'nothing'}: another rule decides it"


def test_validator_rejects_a_missed_run_added_to_a_later_day():
    config, first, plan = _missed()
    start = config.plan.start + dt.timedelta(days=first)
    again = planner.replan(config, start=start, previous=plan, today=start)
    assert planner.validate(config, again, plan) == []
    broken = again.to_dict()
    later = max(i for i in range(first, 7) if broken["days"][i]["run_kind"] == "easy")
    broken["days"][later]["distance"] = round(broken["days"][later]["distance"] + plan.day_list[first - 1].distance, 1)
    broken["days"][later]["run_minutes"] = round(broken["days"][later]["distance"] * 6)
    assert "no_make_up" in {v.rule for v in planner.validate(config, broken, plan)}
