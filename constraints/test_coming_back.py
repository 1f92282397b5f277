"""coming_back: after 3 or more days without a run right before the planning day, the first two
planned runs are easy and no longer than the last logged run before the gap.

A 4-week plan is run as planned up to a run, then three days with planned runs are not run and
the plan is re-planned from the fourth: the re-plan's model is the one these tests build."""

import datetime as dt
import json

import pytest
from ortools.sat.python import cp_model

import constraints
import planner
from constraints import coming_back
from constraints.conftest import ALL_DAYS, make_config, solve, solve_ok
from planner.config import load_config
from planner.model import PlanModel
from planner.planning import prepare
from planner.replanning import previous_days
from tests.replan_helpers import as_run, with_log

CFG = make_config(ALL_DAYS, quality_sessions_per_week=1, plan={"weeks": 4})
LAPSE = 3  # days without a run before the planning day


_PLANS: dict[str, planner.schema.Plan] = {}


def _planned(cfg) -> "planner.schema.Plan":
    """The plan of `cfg`, solved once for all the tests (each builds several models from it)."""
    key = json.dumps(cfg, sort_keys=True)
    if key not in _PLANS:
        _PLANS[key] = planner.plan(cfg)
    return _PLANS[key]


def _lapse(cfg=CFG):
    """(config with the log, planning day index, previous plan, the last logged run's distance in
    tenths): the plan run as planned through a run in week 1, then LAPSE days not run, at least
    one of which the plan had a run on."""
    plan = _planned(cfg)
    runs = [i for i, d in enumerate(plan.day_list) if d.run_kind != "rest"]
    last = next(i for i in runs[1:] if any(j in runs for j in range(i + 1, i + 1 + LAPSE)))
    logged = load_config(with_log(cfg, as_run(plan, last + 1)))
    return logged, last + 1 + LAPSE, plan, round(plan.day_list[last].distance * 10)


def _model(skip=(), keep_to_previous=True, cfg=CFG):
    """The re-plan's whole model, the cap and the days of the planning week the previous plan
    had runs on (with the previous plan, no_make_up allows runs there only; without it, every
    day from the planning day on)."""
    config, first, plan, cap = _lapse(cfg)
    previous = previous_days(config, plan) if keep_to_previous else None
    instance = prepare(config, config.plan.start + dt.timedelta(days=first), previous)
    assert instance.coming_back == cap
    m = PlanModel(instance)
    constraints.build_all(m, skip=skip)
    week_end = 7 * (first // 7 + 1)
    run_days = [i for i in range(first, week_end) if plan.day_list[i].run_kind != "rest" or not keep_to_previous]
    return m, cap, run_days


def _first_runs(m, solver) -> list[tuple[str, int]]:
    days = []
    for index in m.free_days:
        v = m.day(index)
        if solver.value(v.run):
            kind = "long" if solver.value(v.long) else "quality" if solver.value(v.quality) else "easy"
            days.append((kind, solver.value(v.distance)))
    return days[:2]


def test_the_first_two_runs_after_a_lapse_are_easy_and_no_longer_than_the_last_one():
    m, cap, _ = _model()
    volume = sum(m.week_distance(w) for w in m.free_weeks)
    hard = sum(m.day(i).quality + m.day(i).long for i in m.free_days)
    m.cp.maximize(volume + 100 * hard)  # every reason to put hard or long runs right away
    runs = _first_runs(m, solve_ok(m))
    assert len(runs) == 2
    assert all(kind == "easy" and distance <= cap for kind, distance in runs), runs


def _runs(m, run_days, first: tuple[str, int], second: tuple[str, int | None]) -> None:
    """Rest up to the planning week's first run day, then the two runs given (kind, tenths or
    None for any distance) on its first two run days."""
    for index in range(m.free_days[0], run_days[0]):
        m.cp.add(m.day(index).rest == 1)
    for index, (kind, distance) in zip(run_days, (first, second)):
        m.cp.add(getattr(m.day(index), kind) == 1)
        if distance is not None:
            m.cp.add(m.day(index).distance == distance)


SHORT = 50  # tenths: a 5 km easy run, well under the cap


@pytest.mark.parametrize("second", ["quality", "longer"])
def test_forced_hard_or_longer_second_run_after_a_lapse_is_infeasible(second):
    for skip, expected in (((), {cp_model.INFEASIBLE}), ((coming_back,), {cp_model.OPTIMAL, cp_model.FEASIBLE})):
        m, cap, run_days = _model(skip)
        _runs(m, run_days, ("easy", SHORT), ("quality", None) if second == "quality" else ("easy", cap + 5))
        assert solve(m)[0] in expected, f"without {skip or 'nothing'}: another rule decides it"


# two hours on every day, so a run on the planning day may be longer than the cap
ROOMY = make_config(CFG, availability={day: 120 for day in ("mon", "tue", "wed", "thu", "fri")})


@pytest.mark.parametrize("kind, cfg", [("quality", CFG), ("longer", ROOMY)], ids=["quality", "longer"])
def test_forced_hard_or_longer_run_on_the_planning_day_is_infeasible(kind, cfg):
    """The planning day's own run (every day before it fixed) is the first after the lapse
    (no previous plan, so no_make_up leaves the planning day free)."""
    for skip, expected in (((), {cp_model.INFEASIBLE}), ((coming_back,), {cp_model.OPTIMAL, cp_model.FEASIBLE})):
        m, cap, run_days = _model(skip, keep_to_previous=False, cfg=cfg)
        day = m.day(run_days[0])
        assert run_days[0] == m.free_days[0]
        if kind == "longer":
            m.cp.add(day.easy == 1)
            m.cp.add(day.distance == cap + 1)
        else:
            m.cp.add(getattr(day, kind) == 1)
        assert solve(m)[0] in expected, f"without {skip or 'nothing'}: another rule decides it"


def test_the_third_run_after_a_lapse_is_free_of_the_rule():
    m, cap, run_days = _model()
    assert len(run_days) >= 3
    _runs(m, run_days, ("easy", SHORT), ("easy", SHORT))
    third = run_days[2]
    m.cp.add(m.day(third).quality + m.day(third).long == 1)
    assert solve(m)[0] in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_validator_rejects_a_re_plan_whose_first_run_after_a_lapse_is_longer_than_the_last_one():
    config, first, plan, cap = _lapse()
    start = config.plan.start + dt.timedelta(days=first)
    again = planner.replan(config, start=start, previous=plan, today=start)
    assert planner.validate(config, again, plan) == []
    broken = again.to_dict()
    day = next(d for d in broken["days"][first:] if d["run_kind"] == "easy")
    day["distance"] = round(cap / 10 + 0.5, 1)  # a little longer than the last run before the gap
    day["run_minutes"] = round(day["distance"] * 6)
    found = [v for v in planner.validate(config, broken, plan) if v.rule == "coming_back"]
    assert found, [v.rule for v in planner.validate(config, broken, plan)]
