"""What keeps a plan below its target, in the runner's words, biggest first.

The weekly bound (planner.solve.bound) already knows every cap on each week: the plan's peak
week is held by the smallest of them, and the others below the target would hold it anyway a
little higher. Where the plan's peak stays below its own bound, something the closed-form bound
does not see binds (the load ratio, a long run's growth): the peak week is then solved again on
its own with each rule relaxed in turn, and the rules whose relaxation lets it carry more are
named, with how much more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import constraints
from planner.instance import Instance
from planner.model import PlanModel, weeks_window
from planner.result import RuleNote
from planner.solve.bound import CAPACITY, FIRST_WEEK
from planner.solve.settings import WEEK, new_solver, solved

if TYPE_CHECKING:
    from planner.solve import Schedule

RELAX_SECONDS = 0.5  # per relaxed rule; a week is solved in milliseconds


def find_limits(instance: Instance, schedule: "Schedule") -> list[RuleNote]:
    """The rules that hold the plan's peak below the target ([] at the target)."""
    distances = weekly_distances(instance, schedule)
    training = {w: d for w, d in distances.items() if not instance.is_taper_week(w)} or distances
    peak = max(training.values(), default=0)
    if peak >= instance.target or schedule.bound is None or not schedule.bound.weeks:
        return []  # (a re-plan that keeps its previous plan keeps that plan's limits)
    week = max(w for w, d in training.items() if d == peak)
    bound = schedule.bound.weeks.get(week)
    if bound is not None and peak >= bound.value and bound.binding != FIRST_WEEK:
        return _bound_notes(instance, schedule, week, peak)
    return _relaxed_notes(instance, schedule, week, peak)


def weekly_distances(instance: Instance, schedule: "Schedule") -> dict[int, int]:
    days = schedule.days
    return {w: sum(int(d.distance) for d in days[7 * (w - 1): 7 * w]) for w in range(1, instance.weeks + 1)}


def _bound_notes(instance: Instance, schedule: "Schedule", week: int, peak: int) -> list[RuleNote]:
    """The caps below the target on the peak week: the one it sits on, then the others."""
    bound = schedule.bound.weeks[week]
    caps = sorted((value, name) for name, value in bound.caps.items()
                  if value < instance.target and name != FIRST_WEEK and _nameable(name))
    notes = []
    for number, (value, name) in enumerate(caps):
        if number:
            reading = _anyway(instance, name, week, value) or f"{_reading(instance, schedule, name, week, value)}, " \
                "which would hold it there anyway"
        else:
            reading = _reading(instance, schedule, name, week, value)
        notes.append(RuleNote(rule=name, message=reading))
    return notes


def _anyway(instance: Instance, name: str, week: int, value: int) -> str | None:
    """A cap that would bind right after the first, in a few words."""
    if name == CAPACITY:
        return (f"your available days and minutes would stop week {week} at {value / 10:g} {instance.config.units} "
                "anyway, with the long run as long as the rules let it grow by then")
    return None


def _nameable(name: str) -> bool:
    """A rule an explanation may name (docs/plan.md: the rules, availability and the like);
    the re-plan's own policies, which cannot be relaxed, are not among them."""
    return name == CAPACITY or constraints.RULES[name].relaxable


def _reading(instance: Instance, schedule: "Schedule", name: str, week: int, value: int) -> str:
    units = instance.config.units
    if name == CAPACITY:
        return (f"your available days and minutes (with rest days, hip/core sessions and the long-run "
                f"rules) hold week {week} to {value / 10:g} {units}")
    module = constraints.by_name(name)
    return module.limit_reading(schedule.bound, instance, week, value)


def _relaxed_notes(instance: Instance, schedule: "Schedule", week: int, peak: int) -> list[RuleNote]:
    """Rules whose relaxation lets the peak week carry more, with the days before it as planned."""
    fixed = {i: d for i, d in enumerate(schedule.days) if instance.first <= i < 7 * (week - 1)}
    base = _most(instance, week, fixed, skip=None)
    if base is None:
        return []
    units = instance.config.units
    gains = []
    for module in constraints.ALL:
        if not module.RULE.relaxable_for(instance.config):
            continue
        most = _most(instance, week, fixed, skip=module)
        if most is not None and most > base:
            gains.append((most - base, module.RULE))
    notes = []
    for gain, rule in sorted(gains, key=lambda item: -item[0]):
        notes.append(RuleNote(rule=rule.name, message=(
            f"{rule.summary}: it holds week {week} to {peak / 10:g} {units}; without it that week could carry "
            f"{gain / 10:g} {units} more")))
    return notes


def _most(instance: Instance, week: int, fixed: dict, skip) -> int | None:
    """The most week `week` can carry with the days before it fixed, without rule `skip`."""
    m = PlanModel(instance, weeks_window(instance, range(week, week + 1), fixed))
    constraints.build_all(m, skip=(skip,) if skip is not None else ())
    m.cp.maximize(m.week_distance(week))
    solver = new_solver(RELAX_SECONDS, max_deterministic_time=RELAX_SECONDS, **WEEK)
    status = solver.solve(m.cp)
    return int(solver.objective_value) if solved(status) else None
