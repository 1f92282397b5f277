"""Solve many configs at once (one process per CPU) and sum each plan up in one row.

Shared by `planner.sweep` (tradeoffs) and `planner.frontier` (pareto). Configs travel to the
worker processes as plain dicts and plans come back as dicts (rebuilt with `Plan.model_validate`),
so nothing but JSON-like data crosses a process boundary. The processes are the batch planner's
(planner.batch.engines.LocalEngine): they come from a fork server that has already imported the
solver, so a sweep does not pay OR-Tools' import once per process, and a process that dies
fails only the config it was planning.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from typing import Any, Callable, Sequence

from planner.config import AthleteConfig
from planner.result import Plan, context_for

SOLVED = ("optimal", "feasible")  # statuses that come with a schedule of days
TIMED_OUT = "unknown"  # a sweep row's status when the time limit ran out before any plan was found
FAILED = "error"  # a sweep row's status when planning crashed (see solve_configs)
PLANNING_FAILED = "planning failed"  # starts the warning of such a plan

# The summary columns of one plan and their units ("{units}" is the athlete's unit).
SUMMARY_UNITS = {
    "peak_distance": "{units}",
    "weeks_to_target": "week number",
    "total_distance": "{units}",
    "total_load": "RPE x minutes",
    "max_acwr": "ratio",
    "strength_sessions": "sessions",
    "solve_seconds": "s",
}


def solve_configs(
    configs: Sequence[AthleteConfig],
    time_limit: float,
    workers: int,
    processes: int | None = None,
    progress: bool = True,
    label: str = "Planning",
    work: Callable[[dict], dict] | None = None,
) -> list[Plan]:
    """Plan every config, in parallel when `processes` > 1; plans come back in the configs' order.

    In parallel, a worker process that dies (killed, out of memory, a crash in the solver) fails
    only its own config: that plan comes back infeasible with no days and a warning that says
    what happened (`row_status` gives "error"), and the other configs are planned all the same.
    `work` replaces the function the worker processes run (solve_task; tests pass one that crashes)."""
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be 1 or more (or None: one per CPU), got {processes}")
    datas = [config.model_dump(mode="json") for config in configs]
    processes = min(processes or os.cpu_count() or 1, len(datas))
    with _progress_bar(len(datas), label, progress) as advance:
        if processes == 1:
            results = []
            for data in datas:
                results.append(solve_config(data, time_limit, workers))
                advance()
        else:
            tasks = [{"config": data, "time_limit": time_limit, "workers": workers} for data in datas]
            results = _solve_in_processes(tasks, processes, work or solve_task, advance)
    plans = [Plan.model_validate(result) for result in results]
    for plan, config in zip(plans, configs):  # the chart context does not travel as JSON
        plan._context = context_for(plan, config)
    return plans


def solve_config(data: dict, time_limit: float, workers: int) -> dict:
    """Plan one config given as a dict and return the plan as a dict."""
    from planner.planning import make_plan

    return make_plan(data, time_limit=time_limit, workers=workers).to_dict()


def solve_task(task: dict) -> dict:
    """What a worker process runs: {"plan": the plan as a dict} for one task of _solve_in_processes."""
    return {"plan": solve_config(task["config"], task["time_limit"], task["workers"])}


def _solve_in_processes(
    tasks: list[dict], processes: int, work: Callable[[dict], dict], advance: Callable[[], None]
) -> list[dict]:
    """Plans as dicts, in the tasks' order, from the batch planner's process pool (which retries
    the tasks a dead worker may have taken down one at a time, so only the culprit fails)."""
    from planner.batch.engines import CRASHED, LocalEngine

    indexed = [{**task, "index": index} for index, task in enumerate(tasks)]
    outcomes: list[Any] = [None] * len(tasks)
    for task, outcome in LocalEngine(processes, work=work).run(indexed):
        outcomes[task["index"]] = outcome
        advance()
    if all(outcome.get("error") == CRASHED for outcome in outcomes):
        raise RuntimeError(
            "every planning process died before finishing. Worker processes import the script that "
            "started them, so in a script call this under `if __name__ == \"__main__\":`; "
            "or pass processes=1 to plan in this process"
        )
    return [
        outcome["plan"] if "plan" in outcome else failed_plan(task["config"], outcome["error"])
        for task, outcome in zip(tasks, outcomes)
    ]


def failed_plan(data: dict, error: str) -> dict:
    """The plan of a config whose planning failed: infeasible, no days, a warning with the error."""
    from planner.config import load_config
    from planner.instance import Instance
    from planner.result import build_plan

    plan = build_plan(Instance(load_config(data)), None, "infeasible", 0.0)
    plan.warnings.append(f"{PLANNING_FAILED}: {error}")
    return plan.to_dict()


def process_context(*preload: str) -> multiprocessing.context.BaseContext:
    """A fork server with `preload` (the solver) imported where there is one (Linux, macOS), so
    a new or recycled worker starts in milliseconds; spawn elsewhere.

    Plain fork is avoided: forking a process that runs threads (Jupyter, OR-Tools) can deadlock.
    Like spawn, a fork server's workers import the main script, hence the __main__ guard."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([*preload, "planner.planning"])
        return context
    return multiprocessing.get_context("spawn")


class _progress_bar:
    """A rich progress bar (it also renders in Jupyter) counting finished plans; silent if off."""

    def __init__(self, total: int, label: str, enabled: bool):
        self.total, self.label, self.enabled = total, label, enabled
        self.bar = None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self.bar.start()
        task = self.bar.add_task(self.label, total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()


# ---- one row per plan ---------------------------------------------------------------------------

def row_status(plan: Plan) -> str:
    """The plan's status, but "unknown" where the time limit, not the rules, left it without days,
    and "error" where planning crashed (see solve_configs).

    A Plan says "infeasible" in all three cases (with a warning that says which); in a sweep the
    difference matters: a longer time limit may turn "unknown" into a plan."""
    if plan.timed_out:
        return TIMED_OUT
    if any(warning.startswith(PLANNING_FAILED) for warning in plan.warnings):
        return FAILED
    return plan.status


def plan_summary(plan: Plan, config: AthleteConfig) -> dict[str, Any]:
    """The figures an analyst compares plans by (None where an infeasible plan has no days).

    peak_distance leaves the race day out, as the `target` rule does; total_distance counts
    every run, the race included; weeks_to_target is the first week whose distance (race day
    left out) reaches `goal.target_weekly_distance`, None if no week does."""
    summary: dict[str, Any] = {key: None for key in SUMMARY_UNITS}
    summary["solve_seconds"] = plan.solve_seconds
    if not plan.week_list:
        return summary
    training = plan.training_distances()
    summary.update(
        peak_distance=max(training),
        weeks_to_target=weeks_to_target(training, config.goal.target_weekly_distance),
        total_distance=round(sum(week.distance for week in plan.week_list), 1),
        total_load=sum(week.load for week in plan.week_list),
        max_acwr=max(week.max_acwr for week in plan.week_list),
        strength_sessions=sum(week.strength_sessions for week in plan.week_list),
    )
    return summary


def weeks_to_target(distances: Sequence[float], target: float) -> int | None:
    """The first week (1-based) whose distance reaches `target`, in the planner's tenths."""
    target_tenths = math.floor(target * 10 + 1e-9)  # the model's target, rounded down to 0.1
    for week, distance in enumerate(distances, start=1):
        if round(distance * 10) >= target_tenths:
            return week
    return None


def summary_units(units: str) -> dict[str, str]:
    """SUMMARY_UNITS with the athlete's distance unit filled in."""
    return {column: unit.format(units=units) for column, unit in SUMMARY_UNITS.items()}
