"""The whole plan at once: the fallback where the forward pass falls short of the weekly bound.

`search_volumes` maximizes the volume over every day of the plan, with the weekly bound as
redundant caps and the forward pass's plan (when it has one) as the starting point, so it only
has to improve on it or prove it the best. A plan it finds is then shaped week by week
(`reshape`): each week re-solved with every other day fixed at its current value and its
distance kept, which can only keep the plan valid. A week's long run and longest run may not
shrink there, since later weeks' long-run and spike caps measure from them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import constraints
from planner import objective
from planner.instance import FixedDay, Instance
from planner.model import PlanModel, whole_plan
from planner.solve.bound import WeeklyBound
from planner.solve.settings import WHOLE_PLAN, new_solver, solved
from planner.solve.week import DECISIONS, hint_days, read_day, reshape_week

EFFORT_PER_WEEK = 0.03  # deterministic time units per plan week for the volume search


@dataclass
class WholePlan:
    status: int  # the CP-SAT status of the volume search
    days: dict[int, FixedDay]
    volume: int


def search_volumes(instance: Instance, bound: WeeklyBound, hint: dict[int, FixedDay], deadline: float,
                   share: float = 1.0) -> WholePlan:
    """The largest volume over the whole plan, starting from `hint` (any planned days), within
    `share` of the search's budget."""
    m = PlanModel(instance, whole_plan(instance))
    constraints.build_all(m)
    for week, week_bound in bound.weeks.items():
        m.cp.add(m.week_distance(week) <= week_bound.value)
    goal = objective.volume(m)
    m.cp.maximize(goal)
    hint_days(m, hint)
    effort = share * EFFORT_PER_WEEK * (instance.weeks - instance.first_week + 1)
    solver = new_solver(deadline - time.perf_counter(), max_deterministic_time=effort, **WHOLE_PLAN)
    status = solver.solve(m.cp)
    if not solved(status):
        return WholePlan(status, {}, 0)
    days = {index: read_day(m, index, solver) for index in m.free_days}
    return WholePlan(status, days, int(solver.value(goal)))


def reshape(instance: Instance, days: dict[int, FixedDay], peak: int, deadline: float) -> tuple[dict[int, FixedDay], bool]:
    """Shape each week in order with every other day fixed; (days, every week proven)."""
    days = dict(days)
    proven = True
    for week in range(instance.first_week, instance.weeks + 1):
        if time.perf_counter() >= deadline:
            return days, False
        shaped = reshape_week(instance, week, days, peak, deadline)
        if shaped is None:
            proven = False
            continue
        week_days, week_proven = shaped
        days.update(week_days)
        proven &= week_proven
    return days, proven


def holds(instance: Instance, days: dict[int, FixedDay], deadline: float) -> bool:
    """Whether every rule holds with the planned days fixed at `days` (a quick solve)."""
    m = PlanModel(instance, whole_plan(instance))
    constraints.build_all(m)
    for index in m.free_days:
        v, day = m.day(index), days[index]
        for name in DECISIONS:
            m.cp.add(getattr(v, name) == int(getattr(day, name)))
    solver = new_solver(deadline - time.perf_counter(), max_deterministic_time=1.0)
    return solved(solver.solve(m.cp))
