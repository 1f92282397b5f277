"""Proving a forward plan's volume when it falls just short of the weekly bound.

The bound of a week is a closed form over the caps of the weeks before it; it can promise a
little more than any plan can hold (a week after a capped first week, say). Where the forward
pass left only early weeks below their bound, the weeks up to the last of them (and a week or
two after it, since a week may stay short to let the next one reach its bound) are solved
together, free, with the real past before them: a relaxation of the whole plan (the weeks after
are left out), so no plan's first weeks carry more than it allows. When they cannot carry more
than the forward pass gave them, the later weeks being at their bounds, the forward plan's
volume is proven the largest, with no whole-plan search.
"""

from __future__ import annotations

import time

from planner.instance import Instance
from planner.lean_import import cp_model
from planner.solve.bound import WeeklyBound
from planner.solve.settings import WHOLE_PLAN, new_solver
from planner.solve.week import span_model

LAST_WEEK = 4  # a short week later than this: the weeks before it are too many to solve at once
AFTER = (0, 1, 2)  # weeks after the last short one, tried in turn
SECONDS = 0.3  # the proof's budget (deterministic time too)


def short_weeks(instance: Instance, bound: WeeklyBound, distances: dict[int, int]) -> list[int]:
    """Training weeks the forward pass left below their bound."""
    return [w for w, value in distances.items() if w != instance.race_week and value < bound.value(w)]


def proven_short(instance: Instance, bound: WeeklyBound, distances: dict[int, int], deadline: float) -> bool:
    """Whether the weeks up to the last short one are proven unable to carry more in total."""
    weeks = short_weeks(instance, bound, distances)
    if not weeks or max(weeks) - instance.first_week >= LAST_WEEK:
        return False
    last = instance.race_week - 1 if instance.race_week else instance.weeks  # race week is no volume
    for after in AFTER:
        end = min(max(weeks) + after, last)
        if after and end == last and max(weeks) + after - 1 >= last:
            break  # the span would not grow
        span = range(instance.first_week, end + 1)
        if _can_carry(instance, span, sum(distances[w] for w in span) + 1, deadline) is False:
            return True
    return False


def _can_carry(instance: Instance, span: range, wanted: int, deadline: float) -> bool | None:
    """Whether the weeks of `span` can carry `wanted` tenths together: True, False (proven
    not), or None (out of time)."""
    seconds = min(SECONDS, deadline - time.perf_counter())
    if seconds <= 0:
        return None
    m = span_model(instance, span, {})
    m.cp.add(sum(m.week_distance(w) for w in span) >= wanted)
    solver = new_solver(seconds, max_deterministic_time=SECONDS, **WHOLE_PLAN)
    status = solver.solve(m.cp)
    if status == cp_model.INFEASIBLE:
        return False
    return True if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
