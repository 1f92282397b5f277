"""A span of weeks (usually one) solved on its own: its days free, every earlier day fixed.

Each week's distance is first asked to equal its goal (the weekly bound) while the days are
shaped (planner.objective.shape); where no plan reaches the goals, the last week's largest
distance is found first and the days shaped at that. Spans are solved in order, each with a
look-ahead that keeps the load ratio of the next days within reach, so the span after always
has a way on (the rules only look back).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from planner.lean_import import cp_model

import constraints
from planner import objective
from planner.instance import RPE, STRENGTH_RPE, FixedDay, Instance
from planner.model import PlanModel, Window, weeks_window
from planner.solve.settings import WEEK, WEEK_DISTANCE, new_solver, solved

WEEK_EFFORT = 0.5  # deterministic time units per week solved: a week is proven in far less
TOGETHER_EFFORT = 0.02  # two weeks' most distance together: the best found in this budget will do
DROP_EFFORT = 0.2  # ... again, where the week would drop far below the week before (see forward.DROP_SHARE)
SHORT_EFFORT = 0.05  # a week short of its goal: the most distance found in this budget will do
SHORT_SHAPE_EFFORT = 0.05  # ... and its shape: the best found in this budget will do
REACH_WEEKS = 4  # the weeks after a week whose rules can look back at it (run_spike, the load ratio)


@dataclass
class SpanPlan:
    """The solved days of a span of weeks (day index -> values) and how they were found."""

    days: dict[int, FixedDay]
    distances: dict[int, int]  # each week's training distance, tenths (past days included)
    proven: bool  # the shape was proven optimal for these distances
    waivers: list[tuple[str, str]] = field(default_factory=list)


def span_model(instance: Instance, weeks: range, fixed: dict[int, FixedDay], skip=()) -> PlanModel:
    m = PlanModel(instance, weeks_window(instance, weeks, fixed))
    constraints.build_all(m, skip=skip)
    return m


class ShapeCache:
    """Solved weeks by the model they solve without the load-ratio rule (plateau weeks repeat
    it exactly): a cached week is taken when the load ratio, checked in Python with the model's
    own arithmetic, holds for it, since a best plan of the model without a rule that obeys the
    rule is a best plan with it."""

    def __init__(self):
        self.known: dict[bytes, tuple[list[FixedDay], bool]] = {}
        self.hits = 0

    def get(self, key: bytes, m: PlanModel) -> tuple[dict[int, FixedDay], bool] | None:
        if key not in self.known:
            return None
        values, proven = self.known[key]
        days = dict(zip(m.free_days, values))
        if not constraints.acwr.holds(m, days):
            return None
        self.hits += 1
        return days, proven

    def put(self, key: bytes, m: PlanModel, days: dict[int, FixedDay], proven: bool) -> None:
        self.known[key] = ([days[i] for i in m.free_days], proven)


def solve_span(
    instance: Instance, weeks: range, fixed: dict[int, FixedDay], goals: dict[int, int | None], peak: int,
    deadline: float, cache: ShapeCache | None = None, short: dict[int, FixedDay] | None = None,
    fall_short: bool = True,
) -> SpanPlan | None:
    """The span's days with each week's distance at its goal (tenths, the whole week; None for
    no goal), or with the last week as close below its goal as the rules allow (`fall_short`;
    without it, a goal out of reach gives None and short_span finds how close it comes); None
    when no plan of the span exists with the days before it. With a cache, the model is first
    solved without the load-ratio rule (see ShapeCache). A week that falls short of its goal
    (`short`: days known to reach the lower goal, the search's start) is shaped to leave the week
    after it room (objective.late_load), within a smaller budget: its plan is not the best volume
    anyway."""
    m = span_model(instance, weeks, fixed, skip=(constraints.acwr,))
    for week in weeks:
        if goals.get(week) is not None:
            m.cp.add(m.week_distance(week) == goals[week])
    m.cp.minimize(objective.shape(m, peak) + (objective.LATE_LOAD * objective.late_load(m) if short is not None else 0))
    relaxed = _without_load_ratio(m, weeks, deadline, cache) if cache is not None else None
    if relaxed is not None:
        return relaxed
    constraints.acwr.build(m)
    last = weeks[-1]
    if short is not None:
        hint_days(m, short)
        status, solver = _solve(m, SHORT_SHAPE_EFFORT, deadline)
        if not solved(status):  # no better shape in its budget: the days that found the distance
            return _span_plan(m, weeks, short, proven=False)
    else:
        status, solver = _solve(m, WEEK_EFFORT * len(weeks), deadline)
    if status == cp_model.INFEASIBLE and goals.get(last) is not None:
        return short_span(instance, weeks, fixed, goals, peak, deadline) if fall_short else None
    if not solved(status):
        return None
    return _read(m, weeks, solver, status == cp_model.OPTIMAL)


def short_span(instance: Instance, weeks: range, fixed: dict[int, FixedDay], goals: dict[int, int | None], peak: int,
               deadline: float) -> SpanPlan | None:
    """The span with its last week as close below its goal (out of reach) as the rules allow,
    shaped there; None when no plan of the span exists with the days before it."""
    found = _largest_distance(instance, weeks, fixed, goals, deadline)
    last = weeks[-1]
    if found is None or found[0] == goals[last]:
        return None
    best, days = found
    return solve_span(instance, weeks, fixed, {**goals, last: best}, peak, deadline, None, short=days)


def _without_load_ratio(m: PlanModel, weeks: range, deadline: float, cache: ShapeCache) -> SpanPlan | None:
    """The span solved without the load-ratio rule, or taken from the cache, when the load
    ratio holds for it; else None (the hint is left for the full model)."""
    from planner.solve.bound import model_key

    key = model_key(m)
    found = cache.get(key, m)
    if found is None:
        status, solver = _solve(m, WEEK_EFFORT * len(weeks), deadline)
        if not solved(status):
            return None
        days = {index: read_day(m, index, solver) for index in m.free_days}
        proven = status == cp_model.OPTIMAL
        if not constraints.acwr.holds(m, days):
            _hint(m, solver)
            return None
        cache.put(key, m, days, proven)
        found = days, proven
    days, proven = found
    return _span_plan(m, weeks, days, proven)


def _span_plan(m: PlanModel, weeks: range, days: dict[int, FixedDay], proven: bool) -> SpanPlan:
    """The span's plan from solved days of its free days (the weeks' fixed days counted too)."""
    distances = {week: sum(int(m.day(i).distance) for i in m.week_indices(week) if not m.is_free(i))
                 + sum(int(days[i].distance) for i in m.week_indices(week) if i in days) for week in weeks}
    return SpanPlan(days, distances, proven, list(m.waivers))


def _hint(m: PlanModel, solver: cp_model.CpSolver) -> None:
    """Start the search from a solved model's decisions on the same days."""
    for index in m.free_days:
        v = m.day(index)
        for name in DECISIONS:
            var = getattr(v, name)
            m.cp.add_hint(var, solver.value(var))


DECISIONS = ("easy", "long", "quality", "strength", "distance", "minutes")  # a day's choices: the rest follows
HINTED = ("easy", "long", "quality", "run", "strength", "rest", "easy_distance", "long_distance",
          "quality_distance", "easy_minutes", "long_minutes", "quality_minutes", "distance", "minutes")


def hint_days(m: PlanModel, days: dict[int, FixedDay]) -> None:
    """Start the search from `days` (any planned days; those the model has fixed are left out),
    every day variable hinted, so the search need not complete the hint itself."""
    for index, day in days.items():
        if not m.is_free(index):
            continue
        v = m.day(index)
        for name in HINTED:
            m.cp.add_hint(getattr(v, name), int(getattr(day, name)))


def _largest_distance(instance, weeks: range, fixed, goals, deadline: float) -> tuple[int, dict[int, FixedDay]] | None:
    """The last week's largest distance (up to its goal) with the other weeks at theirs, and
    days that carry it."""
    m = span_model(instance, weeks, fixed)
    last = weeks[-1]
    for week in weeks:
        if goals.get(week) is not None and week != last:
            m.cp.add(m.week_distance(week) == goals[week])
    m.cp.add(m.week_distance(last) <= goals[last])
    m.cp.maximize(m.week_distance(last))
    solver = new_solver(deadline - time.perf_counter(), max_deterministic_time=SHORT_EFFORT, **WEEK_DISTANCE)
    status = solver.solve(m.cp)
    if not solved(status):
        return None
    return int(solver.value(m.week_distance(last))), {index: read_day(m, index, solver) for index in m.free_days}


def _solve(m: PlanModel, effort: float, deadline: float, parameters: dict = WEEK):
    solver = new_solver(deadline - time.perf_counter(), max_deterministic_time=effort, **parameters)
    return solver.solve(m.cp), solver


def _read(m: PlanModel, weeks: range, solver: cp_model.CpSolver, proven: bool) -> SpanPlan:
    days = {index: read_day(m, index, solver) for index in m.free_days}
    distances = {week: int(solver.value(m.week_distance(week))) for week in weeks}
    return SpanPlan(days, distances, proven, list(m.waivers))


def read_day(m: PlanModel, index: int, solver: cp_model.CpSolver) -> FixedDay:
    """A free day's solved values, as a fixed day for the models that follow."""
    v = m.day(index)
    value = solver.value
    if m.plan_day(index).is_race:
        kind = "race"
    elif value(v.long):
        kind = "long"
    elif value(v.quality):
        kind = "quality"
    elif value(v.easy):
        kind = "easy"
    else:
        kind = "rest"
    minutes, strength = int(value(v.minutes)), int(value(v.strength))
    load = minutes * RPE.get(kind, 0) + STRENGTH_RPE * m.instance.config.strength.minutes * strength
    return FixedDay(kind=kind, distance=int(value(v.distance)), minutes=minutes, strength=strength, load=load)


def most_together(instance: Instance, weeks: range, fixed: dict[int, FixedDay], caps: dict[int, int], beat: int,
                  deadline: float, effort: float = TOGETHER_EFFORT):
    """Days of the span carrying more than `beat` in all, each week within its cap, as much as
    the rules allow (no shaping), the best found within `effort`; None when none are found."""
    m = span_model(instance, weeks, fixed)
    total = sum(m.week_distance(week) for week in weeks)
    for week in weeks:
        m.cp.add(m.week_distance(week) <= caps[week])
    m.cp.add(total >= beat + 1)
    m.cp.maximize(total)
    solver = new_solver(deadline - time.perf_counter(), max_deterministic_time=effort, **WEEK_DISTANCE)
    status = solver.solve(m.cp)
    if not solved(status):
        return None
    return {index: read_day(m, index, solver) for index in m.free_days}


def reshape_week(instance: Instance, week: int, days: dict[int, FixedDay], peak: int, deadline: float):
    """Week `week` shaped again with every other planned day in `days` fixed and its distance
    kept; the later weeks' rules that look back at it are checked too, and its long run and
    longest run may not shrink (later long-run and spike caps measure from them). Returns
    (the week's days, proven) or None."""
    start = max(7 * (week - 1), instance.first)
    free = range(start, 7 * week)
    last = max(days) + 1 if days else 7 * week
    checked = range(start, min(last, instance.days_total, 7 * (week + REACH_WEEKS)))
    fixed = {i: d for i, d in days.items() if i not in free}
    m = PlanModel(instance, Window(free=free, checked=checked, fixed=fixed, lookahead=last < instance.days_total))
    constraints.build_all(m)
    current = [days[i] for i in free]
    m.cp.add(m.week_distance(week) == sum(int(d.distance) for d in current) + m.past_distance(week))
    m.cp.add(m.week_long(week) >= max(int(d.long_distance) for d in current))
    m.cp.add(m.week_max_run(week) >= max(int(d.distance) for d in current))
    m.cp.minimize(objective.shape(m, peak))
    status, solver = _solve(m, WEEK_EFFORT, deadline)
    if not solved(status):
        return None
    return {i: read_day(m, i, solver) for i in free}, status == cp_model.OPTIMAL
