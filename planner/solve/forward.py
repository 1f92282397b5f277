"""The forward pass: the plan's weeks solved in order, each at its weekly bound where it can be.

Every rule looks back only, so a week solved with the weeks before it fixed never breaks a rule
of theirs, and the look-ahead on the load ratio keeps the next week reachable. A week whose
bound is out of reach with the weeks before as planned is solved together with the week before
(its distance at most what it had, and less if the two carry more together: a long run that
grows, load that leaves room); only where the two cannot reach both their distances is the week
also solved on its own as close below its bound as the rules allow, and the better of the two
taken. Where that leaves the week far below the week before (after days with nothing logged,
a week shaped for itself can leave the next almost no load), the two are searched together
again with a larger budget. When every week reaches its bound, the volumes are the largest the
rules allow (the bound's sum), proven without a search over the whole plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from planner.instance import FixedDay, Instance
from planner.solve.bound import WeeklyBound
from planner.solve.week import (DROP_EFFORT, TOGETHER_EFFORT, ShapeCache, SpanPlan, most_together, reshape_week,
                                short_span, solve_span)

# a week has dropped when it and the week before carry less than that week plus this share of
# it (or of the week's goal, when lower)
DROP_SHARE = 0.8


@dataclass
class Forward:
    """The days the forward pass planned and how far it got."""

    days: dict[int, FixedDay] = field(default_factory=dict)
    distances: dict[int, int] = field(default_factory=dict)  # week -> training distance (tenths)
    proven: dict[int, bool] = field(default_factory=dict)  # week -> shape proven optimal
    waivers: list[tuple[str, str]] = field(default_factory=list)
    dead_end: int | None = None  # the first week no plan could be found for
    cached: int = 0  # weeks taken from the shape cache
    timed_out: bool = False
    repairs: int = 0  # weeks re-solved together with the week before

    @property
    def complete(self) -> bool:
        return self.dead_end is None and not self.timed_out

    def reached(self, bound: WeeklyBound) -> bool:
        """The volume at the bound's sum: proven the largest the rules allow."""
        return self.complete and self.volume(bound.race_week) >= bound.total()

    def volume(self, race_week: int | None) -> int:
        return sum(d for w, d in self.distances.items() if w != race_week)

    @property
    def proven_shapes(self) -> bool:
        return all(self.proven.values())

    def take(self, plan: SpanPlan) -> None:
        self.days.update(plan.days)
        self.distances.update(plan.distances)
        for week in plan.distances:
            self.proven[week] = plan.proven
        self.waivers += [w for w in plan.waivers if w not in self.waivers]

    def before(self, week: int) -> dict[int, FixedDay]:
        """The planned days of the weeks before `week`."""
        return {i: d for i, d in self.days.items() if i < 7 * (week - 1)}


def forward_pass(instance: Instance, goals: dict[int, int], deadline: float) -> Forward:
    """Solve the weeks in order, each asked to reach `goals[week]` (tenths)."""
    result = Forward()
    cache = ShapeCache()
    for week in range(instance.first_week, instance.weeks + 1):
        if time.perf_counter() >= deadline:
            result.timed_out = True
            return result
        goal = None if week == instance.race_week else goals[week]
        repeats = goal is not None and goal in (goals.get(week - 1), goals.get(week - 4))
        plan = solve_span(instance, range(week, week + 1), result.days, {week: goal}, peak(instance, result), deadline,
                          cache if repeats else None, fall_short=False)
        if plan is None and goal is not None:
            plan = _short_week(instance, result, week, goal, deadline)
        if plan is None:
            result.dead_end = week
            return result
        result.take(plan)
    result.cached = cache.hits
    return result


def _short_week(instance: Instance, result: Forward, week: int, goal: int, deadline: float) -> SpanPlan | None:
    """Week `week` when its goal is out of reach with the weeks before as planned: solved with
    the week before when the two carry more together (a long run that grows, load that leaves
    room), else on its own as close below its goal as the rules allow. When the two together
    reach both their distances, the week on its own is not tried. When the two carry less than
    the week before as planned and DROP_SHARE of it (or of the goal, when lower) more, the week
    has dropped: a week shaped for itself can leave the next one almost no load (the load ratio
    after days with nothing logged), and every later week grows from there, so the two are
    searched together again with DROP_EFFORT."""
    before = week - 1
    if before < instance.first_week or before not in result.distances:
        return short_span(instance, range(week, week + 1), result.days, {week: goal}, peak(instance, result), deadline)
    result.repairs += 1
    both = result.distances[before] + goal
    caps = {before: result.distances[before], week: goal}
    found, repaired = _together(instance, result, week, caps, both - 1, deadline)
    if repaired is not None and _carried(repaired) == both:
        return repaired
    alone = short_span(instance, range(week, week + 1), result.days, {week: goal}, peak(instance, result), deadline)
    so_far = result.distances[before] + (alone.distances[week] if alone else 0)
    if not found:  # the two cannot reach both: do they carry more than the week alone?
        found, repaired = _together(instance, result, week, caps, so_far, deadline)
    best, carried = alone, so_far
    if repaired is not None and _carried(repaired) > so_far:
        best, carried = repaired, _carried(repaired)
    if carried < result.distances[before] + DROP_SHARE * min(goal, result.distances[before]):
        _, again = _together(instance, result, week, caps, carried, deadline, effort=DROP_EFFORT)
        if again is not None and _carried(again) > carried:
            best = again
    return best


def _together(instance: Instance, result: Forward, week: int, caps: dict[int, int], beat: int, deadline: float,
              effort: float = TOGETHER_EFFORT) -> tuple[bool, SpanPlan | None]:
    """Weeks `week - 1` and `week` searched together (most_together, within `effort`) for more
    than `beat` in all: whether such days were found, and the plan of both made from them
    (_with_week_before; None when none was found or it could not be shaped)."""
    found = most_together(instance, range(week - 1, week + 1), result.before(week - 1), caps, beat, deadline,
                          effort=effort)
    if found is None:
        return False, None
    return True, _with_week_before(instance, result, week, found, deadline)


def _carried(plan: SpanPlan) -> int:
    """What the weeks of a span plan carry in all (tenths)."""
    return sum(plan.distances.values())


def _with_week_before(instance: Instance, result: Forward, week: int, found: dict[int, FixedDay],
                      deadline: float) -> SpanPlan | None:
    """Weeks `week - 1` and `week` from `found` (their days, solved together for the most they
    carry): week `week - 1` is shaped again with those days of `week` as its future, then
    `week` solved anew at its share. The plan of both, else None."""
    before = week - 1
    days = {**result.before(before), **found}
    shaped = reshape_week(instance, before, days, peak(instance, result, before=before), deadline)
    if shaped is None:
        return None
    first_days, first_proven = shaped
    earlier = {**result.before(before), **first_days}
    share = sum(int(found[i].distance) for i in found if i >= 7 * (week - 1)) + instance.done_distance(week)
    plan = solve_span(instance, range(week, week + 1), earlier, {week: share}, peak(instance, result), deadline)
    if plan is None:
        return None
    distance = sum(int(first_days[i].distance) for i in first_days) + instance.done_distance(before)
    return SpanPlan({**first_days, **plan.days}, {before: distance, **plan.distances},
                    first_proven and plan.proven, plan.waivers)


def peak(instance: Instance, result: Forward, before: int | None = None) -> int:
    """The largest week before the taper so far (the race week's share is measured from it)."""
    race_week = instance.race_week or instance.weeks + 1
    last = race_week - 1 if before is None else min(before, race_week - 1)
    weeks = [d for w, d in result.distances.items() if w < last]
    past = [instance.done_distance(w) for w in range(1, min(instance.first_week, last))]
    return max(weeks + past, default=instance.history_peak)
