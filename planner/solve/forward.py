"""The forward pass: the plan's weeks solved in order, each at its weekly bound where it can be.

Every rule looks back only, so a week solved with the weeks before it fixed never breaks a rule
of theirs, and the look-ahead on the load ratio keeps the next week reachable. A week that
falls short of its bound is tried once more together with the week before it (whose distance
stays as it was), since the days of that week can leave more room. When every week reaches its
bound, the volumes are the largest the rules allow (the bound's sum), proven without a search
over the whole plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from planner.instance import FixedDay, Instance
from planner.solve.bound import WeeklyBound
from planner.solve.week import ShapeCache, SpanPlan, most_together, reshape_week, solve_span


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
                          cache if repeats else None)
        if goal is not None and (plan is None or plan.distances[week] < goal):
            alone = plan.distances[week] if plan else None
            plan = _with_week_before(instance, result, week, goal, alone, deadline, cache) or plan
        if plan is None:
            result.dead_end = week
            return result
        result.take(plan)
    result.cached = cache.hits
    return result


def _with_week_before(
    instance: Instance, result: Forward, week: int, goal: int, alone: int | None, deadline: float, cache: ShapeCache
) -> SpanPlan | None:
    """Weeks `week - 1` and `week` solved together for the most they carry in all (the first at
    most at its distance so far, the second at most at its goal), which can beat filling the
    first on its own: a long run that grows, load that leaves room. When they carry more than
    before, week `week - 1` is shaped again with those days of `week` as its future, then
    `week` solved anew at its share: the plan of both, else None."""
    before = week - 1
    if before < instance.first_week or before not in result.distances:
        return None
    result.repairs += 1
    so_far = result.distances[before] + (alone or 0)
    caps = {before: result.distances[before], week: goal}
    found = most_together(instance, range(before, week + 1), result.before(before), caps, so_far, deadline)
    if found is None:
        return None
    days = {**result.before(before), **found}
    shaped = reshape_week(instance, before, days, peak(instance, result, before=before), deadline)
    if shaped is None:
        return None
    first_days, first_proven = shaped
    earlier = {**result.before(before), **first_days}
    share = sum(int(found[i].distance) for i in found if i >= 7 * (week - 1)) + instance.done_distance(week)
    plan = solve_span(instance, range(week, week + 1), earlier, {week: share}, peak(instance, result), deadline, cache)
    distance = sum(int(first_days[i].distance) for i in first_days) + instance.done_distance(before)
    if plan is None or distance + plan.distances[week] <= so_far:
        return None
    return SpanPlan({**first_days, **plan.days}, {before: distance, **plan.distances},
                    first_proven and plan.proven, plan.waivers)


def peak(instance: Instance, result: Forward, before: int | None = None) -> int:
    """The largest week before the taper so far (the race week's share is measured from it)."""
    race_week = instance.race_week or instance.weeks + 1
    last = race_week - 1 if before is None else min(before, race_week - 1)
    weeks = [d for w, d in result.distances.items() if w < last]
    past = [instance.done_distance(w) for w in range(1, min(instance.first_week, last))]
    return max(weeks + past, default=instance.history_peak)
