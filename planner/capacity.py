"""Week capacity: the most a single week could hold under its own day-level rules alone.

Phase 1 branches on weekly distance largest-first. When the ramp allows more than a week's
available days can hold (short weekday windows, blackouts), that search starts far above what
is reachable and wastes its time proving each value impossible. A tiny one-week model, with the
rules that concern that week's days only (availability, rest, long-run shape, strength, ...),
gives each week an upper bound the full model implies anyway; adding it as a redundant
constraint lets the search start where plans actually are.

The one-week model is a relaxation of the plan's week (rules across weeks, history and pain are
left out, except the longest runs long_run_step and run_spike could ever allow that week; pain
weeks and race week get no bound), so the bound never cuts off a valid plan.
"""

from __future__ import annotations

import datetime as dt

from planner.lean_import import cp_model

import constraints
from planner.config import AthleteConfig
from planner.instance import Instance, scaled_down, tenths_down
from planner.model import PlanModel
from planner.solver_settings import new_solver

WEEK_RULES = (
    constraints.availability,
    constraints.blackout,
    constraints.pace,
    constraints.min_run_minutes,
    constraints.target,
    constraints.long_runs,
    constraints.long_run_max_share,
    constraints.long_run_max_minutes,
    constraints.easy_below_long,
    constraints.min_rest_days,
    constraints.max_consecutive_run_days,
    constraints.after_long,
    constraints.strength,
    constraints.quality,
)
WEEK_SECONDS = 1.0  # a one-week model is proven in well under this (measured: 10-50 ms)


def week_capacities(instance: Instance) -> dict[int, int]:
    """Upper bounds (tenths) on the training distance of each week that gets one."""
    capacities: dict[int, int] = {}
    cache: dict[tuple, int | None] = {}
    # caps above what any day or week could hold change nothing: clamp them so weeks share a key
    top = min(instance.max_run_tenths, instance.target)
    top_long = min(top, int(instance.config.rules.long_run_max_share * instance.target))
    caps = zip(_long_run_caps(instance), _run_caps(instance))
    for week, (long_cap, run_cap) in enumerate(caps, start=1):
        # without quality runs every run is a long run or an easy run shorter than it
        top_run = top if instance.config.quality_sessions_per_week else top_long
        long_cap, run_cap = min(long_cap, top_long), min(run_cap, top_run)
        if week == instance.race_week or instance.pain.applies(week):
            continue
        days = instance.week_days(week)
        pattern = tuple((day.weekday, day.blackout) for day in days)
        key = (pattern, long_cap, run_cap)
        if key not in cache:
            known = _known_full(cache, pattern, long_cap, run_cap, instance.target)
            cache[key] = known if known is not None else _capacity(instance.config, days[0].date, long_cap, run_cap)
        if cache[key] is not None:
            capacities[week] = cache[key]
    return capacities


def _known_full(cache: dict, pattern: tuple, long_cap: int, run_cap: int, target: int) -> int | None:
    """The target, when a week of the same days with caps no larger already holds it (a week's
    capacity never shrinks as its caps grow, and never exceeds the target); else None."""
    for (other, other_long, other_run), value in cache.items():
        if other == pattern and value == target and other_long <= long_cap and other_run <= run_cap:
            return target
    return None


def _long_run_caps(instance: Instance) -> list[int]:
    """The largest long run long_run_step could allow in each week, had every earlier long run
    been as long as allowed: a bound no plan exceeds."""
    step = tenths_down(instance.config.long_run_step)
    longest, caps = instance.longest_recent_run, []
    for _ in range(instance.weeks):
        cap = max(longest + step, instance.long_run_floor)
        caps.append(cap)
        longest = max(longest, cap)
    return caps


def _run_caps(instance: Instance) -> list[int]:
    """The longest single run run_spike could allow in each week, had every earlier week's
    longest run been as long as allowed: a bound no plan exceeds."""
    grow = scaled_down(1 + instance.config.rules.run_spike, 1000)  # as constraints/run_spike.py
    longest = [instance.longest_recent_run] * 4  # the four weeks before the plan
    for _ in range(instance.weeks):
        longest.append(max(grow * max(longest[-4:]) // 1000, instance.long_run_floor))
    return longest[4:]


def _capacity(config: AthleteConfig, start: dt.date, long_cap: int, run_cap: int) -> int | None:
    """Largest distance of a one-week plan starting on `start`, or None if none was proven."""
    week = config.model_copy(
        update={
            "plan": config.plan.model_copy(update={"start": start, "weeks": 1}),
            "goal": config.goal.model_copy(update={"race": None}),
            "pain": config.pain.model_copy(update={"checkins": [], "cleared_on": None}),
        }
    )
    m = PlanModel(Instance(week))
    for module in WEEK_RULES:
        module.build(m)
    m.cp.Add(m.week_long[1] <= long_cap)
    m.cp.Add(m.week_max_run[1] <= run_cap)
    m.cp.Maximize(m.week_distance[1])
    solver = new_solver(WEEK_SECONDS)
    status = solver.Solve(m.cp)
    if status == cp_model.OPTIMAL:
        return int(solver.Value(m.week_distance[1]))
    if status == cp_model.INFEASIBLE:
        return None  # the full model will say so; no bound needed
    return int(solver.BestObjectiveBound())  # still a valid upper bound
