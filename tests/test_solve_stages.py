"""The solver's stages one by one (planner.solve): the weekly bound, the forward pass, the proof
of a forward plan just short of the bound, and the whole-plan search only where it is needed."""

from __future__ import annotations

import copy
import time

import pytest
import yaml

import planner
from planner.planning import prepare
from planner.solve import solve_schedule
from planner.solve.bound import weekly_bound
from planner.solve.forward import forward_pass
from planner.solve.prove import proven_short, short_weeks
from planner.solve import week
from planner.solve.week import solve_span, span_model
from planner.lean_import import cp_model
from planner.solve.settings import new_solver
from tests.conftest import BASE_CONFIG, ROOT

# A 16-week athlete whose second week stays 0.3 km under its closed-form bound so that the third
# week can reach its own: the forward plan is the best, and only a proof can say so.
SHORT_SECOND_WEEK = {
    "athlete": {"name": "Short Second Week", "units": "km", "easy_pace": "7:08"},
    "history": {"weekly_distance": [50.4, 52.4, 50.2, 47.9, 47.6], "longest_recent_run": 16.5},
    "goal": {"target_weekly_distance": 59.8},
    "plan": {"start": "2026-11-30", "weeks": 16},
    "availability": {"tue": 60, "wed": 45, "thu": 60, "sat": 120, "sun": 150, "long_run_days": ["sat", "sun"]},
    "strength": {"sessions_per_week": 1, "minutes": 25},
    "quality_sessions_per_week": 0,
}


def _instance(config):
    return prepare(planner.load_config(config))


def _far() -> float:
    return time.perf_counter() + 30


def _most_in_week(instance, week: int) -> int:
    """The most one week can carry with every week up to it free: the whole plan's model cut
    after that week, solved to optimality."""
    m = span_model(instance, range(instance.first_week, week + 1), {})
    m.cp.maximize(m.week_distance(week))
    solver = new_solver(30)
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    return int(solver.objective_value)


@pytest.mark.parametrize("config", [BASE_CONFIG, SHORT_SECOND_WEEK, ROOT / "examples" / "beginner_5k.yaml"],
                         ids=["base", "short second week", "beginner"])
def test_the_weekly_bound_is_never_below_what_a_week_can_carry(config):
    instance = _instance(config)
    bound = weekly_bound(instance, _far())
    for week in range(instance.first_week, min(instance.weeks, 4) + 1):
        assert bound.value(week) >= _most_in_week(instance, week)


def test_a_forward_pass_that_reaches_the_bound_is_optimal_with_no_search():
    schedule = solve_schedule(_instance(BASE_CONFIG))
    assert schedule.status == "optimal" and schedule.stages == ["bound", "forward"]


def test_a_week_just_short_of_its_bound_is_proven_without_a_whole_plan_search():
    instance = _instance(SHORT_SECOND_WEEK)
    bound = weekly_bound(instance, _far())
    forward = forward_pass(instance, {w: b.value for w, b in bound.weeks.items()}, _far())
    assert short_weeks(instance, bound, forward.distances) == [2]
    assert proven_short(instance, bound, forward.distances, _far())
    schedule = solve_schedule(instance)
    assert schedule.status == "optimal" and schedule.stages == ["bound", "forward", "prove"]


def test_the_proof_is_right_the_first_weeks_cannot_carry_more():
    """What the proof claims, checked with one model over the first three weeks maximized."""
    instance = _instance(SHORT_SECOND_WEEK)
    bound = weekly_bound(instance, _far())
    forward = forward_pass(instance, {w: b.value for w, b in bound.weeks.items()}, _far())
    m = span_model(instance, range(1, 4), {})
    m.cp.maximize(sum(m.week_distance(w) for w in range(1, 4)))
    solver = new_solver(30)
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    assert solver.objective_value == sum(forward.distances[w] for w in range(1, 4))


def test_a_forward_plan_that_is_truly_short_is_not_proven():
    """The proof never says optimal for a plan that can be beaten: raise the forward plan's
    second week by pretending it carried less, and the same proof must fail."""
    instance = _instance(SHORT_SECOND_WEEK)
    bound = weekly_bound(instance, _far())
    forward = forward_pass(instance, {w: b.value for w, b in bound.weeks.items()}, _far())
    worse = dict(forward.distances)
    worse[2] -= 10
    assert not proven_short(instance, bound, worse, _far())


def test_the_same_config_gives_the_same_days():
    first = solve_schedule(_instance(SHORT_SECOND_WEEK))
    again = solve_schedule(_instance(copy.deepcopy(SHORT_SECOND_WEEK)))
    assert first.days == again.days and first.status == again.status == "optimal"


def _second_week_short():
    """The half marathon under a load-ratio cap of 1.1: its first week as the forward pass plans
    it, and its second week's goal (the closed-form bound, which no plan of that week reaches
    with that first week: the cap binds on every week)."""
    config = yaml.safe_load((ROOT / "examples" / "half_marathon.yaml").read_text())
    config.setdefault("rules", {})["acwr_max"] = 1.1
    instance = _instance(config)
    bound = weekly_bound(instance, _far())
    forward = forward_pass(instance, {w: b.value for w, b in bound.weeks.items()}, _far())
    first_week = {i: d for i, d in forward.days.items() if i < 7}
    return instance, first_week, bound.value(2)


def _most_in_second_week(instance, first_week) -> int:
    m = span_model(instance, range(2, 3), first_week)
    m.cp.maximize(m.week_distance(2))
    solver = new_solver(30)
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    return int(solver.objective_value)


def test_a_week_short_of_its_goal_is_planned_at_the_most_it_can_carry():
    instance, first_week, goal = _second_week_short()
    most = _most_in_second_week(instance, first_week)
    assert most < goal
    plan = solve_span(instance, range(2, 3), first_week, {2: goal}, instance.history_peak, _far())
    assert plan.distances[2] == most


def test_a_short_week_whose_shaping_finds_nothing_keeps_the_days_that_found_its_distance(monkeypatch):
    instance, first_week, goal = _second_week_short()
    real_solve = week._solve

    def shaping_finds_nothing(m, effort, deadline, parameters=week.WEEK):
        if effort == week.SHORT_SHAPE_EFFORT:
            return cp_model.UNKNOWN, None
        return real_solve(m, effort, deadline, parameters)

    monkeypatch.setattr(week, "_solve", shaping_finds_nothing)
    plan = solve_span(instance, range(2, 3), first_week, {2: goal}, instance.history_peak, _far())
    assert plan.distances[2] == _most_in_second_week(instance, first_week)
    assert not plan.proven and sorted(plan.days) == list(range(7, 14))


def test_a_week_out_of_reach_after_the_week_before_is_planned_together_with_it(monkeypatch):
    """The half marathon's second week cannot reach its bound after the first week as shaped on
    its own (the load ratio), but both weeks reach theirs when solved together: that plan is
    taken, every rule holds on it, and the second week alone is never tried."""
    from planner.solve import forward as forward_module
    from planner.solve.forward import Forward, _short_week
    from planner.solve.week import DECISIONS

    instance = _instance(ROOT / "examples" / "half_marathon.yaml")
    bound = weekly_bound(instance, _far())
    result = Forward()
    result.take(solve_span(instance, range(1, 2), {}, {1: bound.value(1)}, instance.history_peak, _far()))
    assert result.distances[1] == bound.value(1)
    goal = bound.value(2)
    alone = solve_span(instance, range(2, 3), result.days, {2: goal}, instance.history_peak, _far(), fall_short=False)
    assert alone is None  # out of reach with the first week as it is

    def not_tried(*_args, **_kwargs):
        raise AssertionError("the week on its own was tried")

    monkeypatch.setattr(forward_module, "short_span", not_tried)
    plan = _short_week(instance, result, 2, goal, _far())
    assert plan.distances == {1: bound.value(1), 2: goal}
    assert sorted(plan.days) == list(range(14))
    m = span_model(instance, range(1, 3), {})  # every rule on the two weeks, their days fixed
    for index, day in plan.days.items():
        for name in DECISIONS:
            m.cp.add(getattr(m.day(index), name) == int(getattr(day, name)))
    assert new_solver(30).solve(m.cp) == cp_model.OPTIMAL


def _forward_weeks(instance) -> dict[int, int]:
    """The forward pass's weekly distances, after the same preparation as solve_schedule's."""
    from planner.solve.owed import settle_owed_strength

    settle_owed_strength(instance, _far())
    bound = weekly_bound(instance, _far())
    return forward_pass(instance, {w: b.value for w, b in bound.weeks.items()}, _far()).distances


def test_a_week_that_would_drop_far_below_the_week_before_is_searched_again_with_it(monkeypatch):
    """The half marathon re-planned from day 5 with nothing logged, the plan made at its start
    as the previous plan: week 2 shaped on its own
    leaves week 3 under 80 % of it (the load ratio of its last days), and every later week grows
    from there. Searched again together with a larger budget, week 3 keeps at least that share,
    and the forward plan holds more."""
    from planner.solve import forward as forward_module

    instance = _replan_instance("half_marathon", 5, with_previous=True)
    share = forward_module.DROP_SHARE
    kept = _forward_weeks(instance)
    assert kept[3] >= share * kept[2]
    monkeypatch.setattr(forward_module, "DROP_SHARE", 0.0)  # the search after a drop never runs
    dropped = _forward_weeks(instance)
    assert dropped[3] < share * dropped[2]
    assert sum(kept.values()) > sum(dropped.values())


def test_a_replan_after_a_drop_searched_again_obeys_every_rule():
    """The re-plan of the test above, as `planner replan` makes it, checked by the validator."""
    import datetime as dt

    path = ROOT / "examples" / "half_marathon.yaml"
    config = planner.load_config(path)
    previous = planner.plan(config)
    start = config.plan.start + dt.timedelta(days=5)
    plan = planner.replan(path, start=start, previous=previous, today=start)
    assert plan.status in ("optimal", "feasible")
    assert planner.validate(path, plan, previous) == []


def _solved_far_below(instance, monkeypatch):
    """solve_schedule's answer and its forward pass (kept as it ran), which ends far below the bound."""
    import planner.solve as solve_module
    from planner.solve import SEARCH_GAP

    ran = []

    def kept(*args):
        ran.append(forward_pass(*args))
        return ran[-1]

    monkeypatch.setattr(solve_module, "forward_pass", kept)
    schedule = solve_schedule(instance)
    forward = ran[0]
    assert forward.complete and forward.volume(instance.race_week) < (1 - SEARCH_GAP) * schedule.bound.total()
    return schedule, forward


def test_a_forward_plan_far_below_the_bound_gets_the_whole_plan_search_when_a_probe_finds_more(monkeypatch):
    """A re-plan after thirteen days without a log (the load ratio binds on every week): the
    forward plan ends far below the bound; a probe of the whole-plan search finds more, so the
    search runs, and the plan holds more than the forward pass gave."""
    import datetime as dt

    config = planner.load_config(ROOT / "examples" / "marathon_limited_weekdays.yaml")
    instance = prepare(config, config.plan.start + dt.timedelta(days=13))
    schedule, forward = _solved_far_below(instance, monkeypatch)
    assert schedule.stages[-3:] == ["probe", "whole plan", "reshape"]
    volume = sum(int(schedule.days[i].distance) for i in range(instance.first, instance.days_total)
                 if instance.days[i].week != instance.race_week)
    assert volume > forward.volume(instance.race_week)


def test_a_forward_plan_far_below_the_bound_stands_when_the_probe_finds_little(monkeypatch):
    """The half marathon at acwr_max 1.12 (a fresh plan): the probe finds under 1 % more, so the
    forward plan is the answer, unproven."""
    config = yaml.safe_load((ROOT / "examples" / "half_marathon.yaml").read_text())
    config.setdefault("rules", {})["acwr_max"] = 1.12
    instance = _instance(config)
    schedule, forward = _solved_far_below(instance, monkeypatch)
    assert schedule.stages[-1] == "probe" and schedule.status == "feasible"
    assert {i: schedule.days[i] for i in forward.days} == forward.days


def _volume(instance, schedule) -> int:
    return sum(int(schedule.days[i].distance) for i in range(instance.first, instance.days_total)
               if instance.days[i].week != instance.race_week)


def _replan_instance(example: str, days: int, with_previous: bool = False):
    """The example re-planned `days` after its start with nothing logged (with the plan made
    at its start as the previous plan, or none)."""
    import datetime as dt

    from planner.replanning import previous_days

    config = planner.load_config(ROOT / "examples" / f"{example}.yaml")
    previous = previous_days(config, planner.plan(config)) if with_previous else None
    return prepare(config, config.plan.start + dt.timedelta(days=days), previous)


def test_a_probe_that_proves_its_answer_is_taken_without_the_search(monkeypatch):
    """The marathon re-planned from day 20 with nothing logged: the probe proves the most volume
    there is, so no second search runs and the plan is optimal."""
    instance = _replan_instance("marathon_limited_weekdays", 20)
    schedule, forward = _solved_far_below(instance, monkeypatch)
    assert "whole plan" not in schedule.stages and schedule.stages[-2:] == ["probe", "reshape"]
    assert schedule.status == "optimal" and _volume(instance, schedule) > forward.volume(instance.race_week)


def test_a_probe_that_proves_the_forward_plan_the_most_makes_it_optimal(monkeypatch):
    """The half marathon re-planned from day 13 with nothing logged: the probe proves the
    forward plan's volume the largest, a proof the plan keeps (under 1 % more is no reason to
    throw it away)."""
    instance = _replan_instance("half_marathon", 13)
    schedule, forward = _solved_far_below(instance, monkeypatch)
    assert schedule.stages[-1] == "probe" and schedule.status == "optimal"
    assert {i: schedule.days[i] for i in forward.days} == forward.days


def test_a_search_after_the_probe_that_finds_nothing_keeps_the_probes_plan(monkeypatch):
    """When the search after a probe ends with no plan (its clock out), the probe's plan,
    which holds more than the forward pass, is the answer."""
    import planner.solve as solve_module
    from planner.solve.whole import WholePlan

    real = solve_module.search_volumes
    shares = []

    def clock_out_after_the_probe(instance, bound, hint, deadline, share=1.0):
        shares.append(share)
        return real(instance, bound, hint, deadline, share=share) if share < 1 else WholePlan(cp_model.UNKNOWN, {}, 0)

    monkeypatch.setattr(solve_module, "search_volumes", clock_out_after_the_probe)
    instance = _replan_instance("marathon_limited_weekdays", 13)
    schedule, forward = _solved_far_below(instance, monkeypatch)
    assert shares == [solve_module.PROBE_SHARE, 1.0]
    assert schedule.status == "feasible"
    assert _volume(instance, schedule) >= (1 + solve_module.PROBE_GAIN) * forward.volume(instance.race_week)
