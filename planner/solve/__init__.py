"""Solving: from an instance to a schedule of days, in named stages.

1. `weekly_bound` (planner.solve.bound): the most each week can hold, in closed form plus a
   one-week capacity model per kind of week.
2. `forward_pass` (planner.solve.forward): the weeks in order, each a small one-week model with
   the weeks before it fixed, asked to reach its bound and shaped (planner.objective). When
   every week reaches its bound the volumes are proven the largest the rules allow.
3. `proven_short` (planner.solve.prove): a week or two just short of their bound are solved
   exactly with the weeks before them free; when none can carry more, the volumes are proven.
4. `whole_plan` (planner.solve.whole): only where the forward pass falls short of the bound or
   finds no way on, one search over the whole plan, started from the forward pass's plan.
   Where the forward plan ends far below the bound, a probe with a quarter of the search's
   budget goes first, and the search (its whole budget again, from the probe's plan) runs only
   when the probe finds at least 1 % more volume and has not proven its answer.

Status `optimal` means the weekly volumes are proven the largest the rules allow and every
week's days are proven the best shape (planner.objective) given the weeks before it.
`feasible` means the plan obeys every rule but one of those proofs was not reached within the
time limit. Deterministic: one search worker, a fixed seed and deterministic budgets, so the
same config gives the same plan on every run; an `optimal` plan is the same however busy the
machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from planner.lean_import import cp_model

from planner.instance import FixedDay, Instance
from planner.solve.bound import WeeklyBound, weekly_bound
from planner.solve.forward import Forward, forward_pass, peak
from planner.solve.owed import settle_owed_strength
from planner.solve.prove import proven_short
from planner.solve.whole import WholePlan, reshape, search_volumes

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 1
SEARCH_GAP = 0.04  # the largest gap below the weekly bound that the whole-plan search tries to close
PROBE_SHARE = 0.25  # further below: a probe with this share of the search's budget, the search after it
PROBE_GAIN = 0.01  # only when it finds this much more volume than the forward pass (else the forward plan stands)

Progress = Callable[[str], None]


@dataclass
class Schedule:
    """The solver's answer: every plan day's values (past days as they were), or none."""

    status: str  # optimal | feasible | infeasible | unknown
    seconds: float
    days: list[FixedDay] = field(default_factory=list)
    bound: WeeklyBound | None = None
    waivers: list[tuple[str, str]] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)  # what ran, for benchmarks and tests

    @property
    def distances(self) -> list[int]:
        return [int(day.distance) for day in self.days]


def solve_schedule(
    instance: Instance,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> Schedule:
    """Plan every day of `instance` from its planning day (the instance must not be halted)."""
    started = time.perf_counter()
    deadline = started + time_limit
    say = progress or (lambda _message: None)
    settle_owed_strength(instance, deadline)
    say(f"bounding the weekly volumes of {instance.weeks} weeks")
    bound = weekly_bound(instance, deadline)
    say("planning the weeks in order")
    forward = forward_pass(instance, {w: b.value for w, b in bound.weeks.items()}, deadline)
    stages = ["bound", "forward"]
    if forward.reached(bound):
        status = "optimal" if forward.proven_shapes and bound.complete else "feasible"
        return _schedule(instance, status, started, forward.days, bound, forward.waivers, stages)
    if forward.complete and bound.complete:
        stages.append("prove")
        if proven_short(instance, bound, forward.distances, deadline):
            status = "optimal" if forward.proven_shapes else "feasible"
            return _schedule(instance, status, started, forward.days, bound, forward.waivers, stages)
    if time.perf_counter() >= deadline:
        return _cut_short(instance, started, forward, bound, stages)
    whole = _search(instance, bound, forward, deadline, say, stages)
    if whole is None:
        return _cut_short(instance, started, forward, bound, stages)
    if whole.status == cp_model.INFEASIBLE:
        return Schedule("infeasible", time.perf_counter() - started, bound=bound, stages=stages)
    if forward.complete and (not whole.days or whole.volume <= forward.volume(instance.race_week)):
        proven = whole.status == cp_model.OPTIMAL and forward.proven_shapes and bound.complete
        return _schedule(instance, "optimal" if proven else "feasible", started, forward.days, bound, forward.waivers, stages)
    if not whole.days:
        return Schedule("unknown", time.perf_counter() - started, bound=bound, stages=stages)
    stages.append("reshape")
    days, shapes_proven = reshape(instance, whole.days, peak(instance, _as_forward(instance, whole.days)), deadline)
    status = "optimal" if whole.status == cp_model.OPTIMAL and shapes_proven and bound.complete else "feasible"
    return _schedule(instance, status, started, days, bound, forward.waivers, stages)


def _search(instance: Instance, bound: WeeklyBound, forward: Forward, deadline: float, say: Progress,
            stages: list[str]) -> WholePlan | None:
    """The whole-plan search for more volume, from the forward plan. Where that ends far below
    the bound, a probe with PROBE_SHARE of the budget goes first: its answer when it proved it,
    None (the forward plan stands) when it found under PROBE_GAIN more volume, else the search
    with its whole budget from the probe's plan (the probe's, if the search ends worse or the
    clock is out)."""
    if not forward.complete or _worth_searching(instance, forward, bound):
        return _whole_search(instance, bound, forward.days, deadline, say, stages)
    stages.append("probe")
    say("the plan is far below the weekly bound: probing the whole plan for more volume")
    probe = search_volumes(instance, bound, forward.days, deadline, share=PROBE_SHARE)
    if probe.days and probe.status == cp_model.OPTIMAL:
        return probe
    if not probe.days or probe.volume < (1 + PROBE_GAIN) * forward.volume(instance.race_week):
        return None
    if time.perf_counter() >= deadline:
        return probe
    whole = _whole_search(instance, bound, probe.days, deadline, say, stages)
    return whole if whole.days and (whole.status == cp_model.OPTIMAL or whole.volume >= probe.volume) else probe


def _whole_search(instance: Instance, bound: WeeklyBound, start_from: dict[int, FixedDay], deadline: float,
                  say: Progress, stages: list[str]) -> WholePlan:
    say("searching the whole plan for more volume")
    stages.append("whole plan")
    return search_volumes(instance, bound, start_from, deadline)


def _worth_searching(instance: Instance, forward: Forward, bound: WeeklyBound) -> bool:
    """A whole-plan search closes a small gap to the bound (or proves it cannot be closed) in
    its budget. Far below the bound, where the load-ratio cap binds on every week, a fresh plan's
    search mostly finds neither, but a re-plan after days without running can gain a lot: a
    probe decides (PROBE_SHARE, PROBE_GAIN)."""
    return forward.volume(instance.race_week) >= (1 - SEARCH_GAP) * bound.total()


def _cut_short(instance: Instance, started: float, forward: Forward, bound: WeeklyBound, stages) -> Schedule:
    """No whole-plan search (the clock ran out, or its probe found too little): the forward pass's plan,
    if it has one, unproven."""
    if forward.complete:
        return _schedule(instance, "feasible", started, forward.days, bound, forward.waivers, stages)
    return Schedule("unknown", time.perf_counter() - started, bound=bound, stages=stages)


def _as_forward(instance: Instance, days: dict[int, FixedDay]) -> Forward:
    """The weekly distances of a set of planned days, as the forward pass keeps them."""
    result = Forward(days=dict(days))
    for week in range(instance.first_week, instance.weeks + 1):
        result.distances[week] = sum(int(instance.rule_day(i).distance) if i < instance.first else int(days[i].distance)
                                     for i in range(7 * (week - 1), 7 * week))
    return result


def _schedule(instance: Instance, status: str, started: float, planned: dict[int, FixedDay], bound: WeeklyBound,
              waivers, stages) -> Schedule:
    days = [instance.fixed_day(i) if i < instance.first else planned[i] for i in range(instance.days_total)]
    return Schedule(status, time.perf_counter() - started, days, bound, list(waivers), stages)


def keep_days(instance: Instance, kept: dict[int, FixedDay], status: str, time_limit: float) -> Schedule | None:
    """`kept` (day index -> the previous plan's day) as the schedule, with the status the
    previous plan had, when every rule holds on them with the past as it is: the whole plan's
    model with those days fixed must have a solution. None when it has not."""
    from planner.solve.whole import holds

    started = time.perf_counter()
    if not holds(instance, kept, started + time_limit):
        return None
    return _schedule(instance, status, started, kept, WeeklyBound({}, instance.race_week), [], ["kept"])
