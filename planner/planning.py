"""From a config to a Plan: pain first (a red flag halts everything), then the solver."""

from __future__ import annotations

import time

from planner.config import AthleteConfig, load_config
from planner.instance import Instance
from planner.options import check_solver_options
from planner.limits import find_limits, tight_limits
from planner.conflicts import EXPLAIN_SECONDS, find_conflicts
from planner.result import NOT_PROVEN, Plan, build_plan
from planner.solve import DEFAULT_TIME_LIMIT, DEFAULT_WORKERS, Progress, solve_schedule

UNNAMED_CONFLICT = (
    "No plan satisfies every rule, but the rules that conflict could not be named within "
    f"{EXPLAIN_SECONDS:g} s; relax one rule at a time, or plan fewer weeks, to find them."
)


def make_plan(
    config: AthleteConfig | dict | str,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
    explain_limits: bool = False,
) -> Plan:
    """Plan every day for `config` (a config, a dict or a path to a YAML/TOML/JSON file).

    With `explain_limits`, a plan whose peak stays below the target names the rules that hold
    it there (planner.limits: one re-solve per rule family, 10-25 s for a 16-week plan, so it
    is asked for with `planner explain` or `planner plan --explain`). A bad option is a
    TypeError or planner.errors.OptionError naming it, before anything is solved."""
    check_solver_options(time_limit, workers, progress, explain_limits)
    config = load_config(config)
    started = time.perf_counter()
    instance = Instance(config)
    if instance.pain.halted:
        return build_plan(instance, None, "halted", time.perf_counter() - started)
    instance, schedule = solve_schedule(config, time_limit=time_limit, workers=workers, progress=progress)
    if schedule.status in ("optimal", "feasible"):
        plan = build_plan(instance, schedule, schedule.status, schedule.seconds)
        found = []
        if explain_limits:
            if progress:
                progress("finding what limits the plan")
            found = find_limits(instance, schedule.distances, progress=progress)
        if not found:  # the instant reading; also when no single relaxed rule gained in its budget
            week_acwr = {w.week: w.max_acwr for w in plan.week_list}
            found = tight_limits(instance, schedule.distances, week_acwr, schedule.capacities)
        plan.explanation.limits.extend(found)
        return plan
    plan = build_plan(instance, None, "infeasible", schedule.seconds)
    if schedule.status == "unknown":
        plan.warnings.append(
            f"No plan was found within the {time_limit:g} s time limit ({NOT_PROVEN}); "
            "try a longer --time-limit."
        )
    else:
        if progress:
            progress("looking for the rules that conflict")
        conflicts = find_conflicts(instance, progress=progress)
        plan.explanation.conflicts.extend(conflicts)
        if not conflicts:
            plan.warnings.append(UNNAMED_CONFLICT)
    return plan
