"""What keeps a plan below its target.

Two ways, both from the solver's own model:

* `tight_limits` (every plan, instant): reads which weekly bounds the planned weeks sit on — the
  ramp cap of max_weekly_increase, the one-week capacity of planner.capacity (availability with
  the week's day rules), and the acwr_max cap.
* `find_limits` (`planner explain`, `plan --explain`; seconds per rule): each rule family
  relaxed in turn, as below.

For a plan whose peak week stays below `target_weekly_distance`, the weekly-volume problem of
phase 1 is solved again once per candidate rule, with that rule's enforcement literal left
free (`PlanModel(explain=True)`) and every other rule assumed. A rule whose relaxation lets the
plan carry more distance is one that binds; its note says how much more. The plan's own
schedule is the hint, so each re-solve starts where the plan is and only has to improve on it.
Each re-solve has a small deterministic budget, so the answer is the same on every run.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from planner.lean_import import cp_model

import constraints
from planner import objective
from planner.instance import Instance, scaled_down
from planner.model import PlanModel
from planner.solver_settings import new_solver
from planner.result import RuleNote

if TYPE_CHECKING:
    from planner.solve import Progress

CANDIDATES = (
    "max_weekly_increase",
    "cutback",
    "availability",
    "blackout",
    "long_run_step",
    "run_spike",
    "long_run_max_share",
    "long_run_max_minutes",
    "easy_below_long",
    "min_run_minutes",
    "min_rest_days",
    "max_consecutive_run_days",
    "strength",
    "acwr_max",
    "taper",
    "pain",
)
RULE_EFFORT = 0.3  # deterministic time units per relaxed rule
LIMITS_SECONDS = 60.0  # wall-clock safety cap for all re-solves together


def tight_limits(
    instance: Instance, distances: list[int], week_acwr: dict[int, float], capacities: dict[int, int]
) -> list[RuleNote]:
    """Weekly bounds the plan's weeks sit on, for a plan whose peak is below the target.

    `week_acwr`: each week's peak load ratio (the plan's `weeks[].max_acwr`); `capacities`: the
    one-week bounds phase 1 used (planner.capacity)."""
    weeks = _weekly(instance, distances)
    peak = max(weeks.values(), default=0)
    if peak >= instance.target:
        return []
    units, rules = instance.config.units, instance.config.rules
    grow = scaled_down(1 + rules.max_weekly_increase, 1000)
    ramp_weeks, full_weeks, load_weeks = [], [], []
    for week, distance in weeks.items():
        if instance.is_taper_week(week) or instance.is_cutback_week(week):
            continue
        before = max(_distance(instance, weeks, week - 1), _distance(instance, weeks, week - 2))
        if distance > 0 and 1000 * (distance + 1) > max(grow * before, 1000 * instance.start_floor):
            ramp_weeks.append(week)
        if week in capacities and distance >= capacities[week]:
            full_weeks.append(week)
        if week_acwr[week] >= rules.acwr_max - 0.005:
            load_weeks.append(week)
    at_peak = {week for week, distance in weeks.items() if distance == peak}
    ramp_weeks = [week for week in ramp_weeks if week in at_peak]
    full_weeks = [week for week in full_weeks if week in at_peak]
    load_weeks = [week for week in load_weeks if week in at_peak]
    notes = []
    if ramp_weeks:
        notes.append(RuleNote(rule="max_weekly_increase", message=(
            f"{rules.max_weekly_increase:.0%} a week from {instance.history_week(0) / 10:g} {units} reaches "
            f"{weeks[ramp_weeks[-1]] / 10:g} {units} by week {ramp_weeks[-1]}")))
    if full_weeks:
        notes.append(RuleNote(rule="availability", message=(
            f"the available days and minutes (with rest days, hip/core sessions and long-run caps) hold "
            f"at most {capacities[full_weeks[-1]] / 10:g} {units} in week {full_weeks[-1]}")))
    if load_weeks and not ramp_weeks and not full_weeks:
        notes.append(RuleNote(rule="acwr_max", message=(
            f"the acute:chronic load ratio reaches its cap of {rules.acwr_max:g} in week {load_weeks[-1]}")))
    return notes


def _distance(instance: Instance, weeks: dict[int, int], week: int) -> int:
    return weeks[week] if week >= 1 else instance.history_week(week)


def find_limits(
    instance: Instance,
    distances: list[int],
    seconds: float = LIMITS_SECONDS,
    progress: Progress | None = None,
) -> list[RuleNote]:
    """Rules that bound the plan's volume (distances: the plan's training tenths per day);
    `progress(message)`, if given, hears which rule is being relaxed (seconds each)."""
    weeks = _weekly(instance, distances)
    peak = max(weeks.values(), default=0)
    if peak >= instance.target:
        return []
    deadline = time.perf_counter() + seconds
    m = PlanModel(instance, explain=True)
    constraints.build_all(m)
    m.cp.Maximize(objective.volume(m))
    _hint(m, distances)
    baseline = sum(v for w, v in weeks.items() if w != instance.race_week)
    notes = []
    candidates = [rule for rule in CANDIDATES if rule in m.switches]
    for number, rule in enumerate(candidates, start=1):
        if time.perf_counter() > deadline:
            break
        if progress:
            progress(f"finding what limits the plan: relaxing {rule} ({number} of {len(candidates)})")
        gain = _relaxed_gain(m, rule, baseline, deadline)
        if gain is not None:
            notes.append(RuleNote(rule=rule, message=_message(instance, rule, gain, peak)))
    return notes


def _relaxed_gain(m: PlanModel, rule: str, baseline: int, deadline: float) -> tuple[int, int] | None:
    """(extra total distance, new peak) with `rule` relaxed, or None when nothing is gained."""
    m.cp.ClearAssumptions()
    m.cp.AddAssumptions([switch for name, switch in m.switches.items() if name != rule])
    solver = new_solver(deadline - time.perf_counter())
    solver.parameters.linearization_level = 0
    solver.parameters.max_deterministic_time = RULE_EFFORT
    if solver.Solve(m.cp) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    extra = int(solver.ObjectiveValue()) - baseline
    if extra <= 0:
        return None
    return extra, max(solver.Value(m.week_distance[w]) for w in m.week_numbers)


def _message(instance: Instance, rule: str, gain: tuple[int, int], peak: int) -> str:
    extra, new_peak = gain
    units = instance.config.units
    rules = instance.config.rules
    reason = {
        "max_weekly_increase": f"weeks may grow {rules.max_weekly_increase:.0%} a week from "
        f"{instance.history_week(0) / 10:g} {units}",
        "cutback": f"every {rules.cutback_every}th week is cut back by {rules.cutback_reduction:.0%}",
        "availability": "the minutes free on each weekday cap the runs that fit",
        "blackout": "blackout dates leave days without training",
        "long_run_step": f"long runs grow at most {instance.config.long_run_step:g} {units} past the longest so far",
        "run_spike": f"no run may exceed the longest of the last four weeks by more than {rules.run_spike:.0%}",
        "long_run_max_share": f"a long run is at most {rules.long_run_max_share:.0%} of its week",
        "long_run_max_minutes": f"a long run lasts at most {rules.long_run_max_minutes} minutes",
        "easy_below_long": "easy runs must stay shorter than the week's long run",
        "min_run_minutes": f"every run lasts at least {rules.min_run_minutes} minutes",
        "min_rest_days": f"{rules.min_rest_days} full rest day(s) a week",
        "max_consecutive_run_days": f"at most {rules.max_consecutive_run_days} running days in a row",
        "strength": "hip/core sessions take minutes and days",
        "acwr_max": f"the acute:chronic load ratio stays at or below {rules.acwr_max:g}",
        "taper": "the taper caps the last two weeks",
        "pain": "the pain adjustments ease weeks 1-2",
    }.get(rule, rule)
    return (
        f"{reason}; relaxing it would let the plan carry {extra / 10:g} {units} more "
        f"(peak week {peak / 10:g} -> {new_peak / 10:g} {units})"
    )


def _weekly(instance: Instance, distances: list[int]) -> dict[int, int]:
    return {w: sum(distances[7 * (w - 1) : 7 * w]) for w in range(1, instance.weeks + 1)}


def _hint(m: PlanModel, distances: list[int]) -> None:
    for v, distance in zip(m.days, distances):
        m.cp.AddHint(v.distance, distance)
