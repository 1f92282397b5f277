"""Solve many configs at once for the sweeps (`planner.sweep`, `planner.frontier`), on the
runtime the batch planner uses too (planner.runtime): its process pool, worker, progress bar
and summary row.

Configs travel to the worker processes as plain dicts and plans come back as dicts (rebuilt
with `Plan.model_validate`), so nothing but JSON-like data crosses a process boundary. A
process that dies fails only the config it was planning.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable

from planner.config import AthleteConfig
from planner.options import check_count
from planner.result import Plan, context_for
from planner.runtime.local import CRASHED, LocalPool
from planner.runtime.progress import progress_bar
from planner.runtime.rows import SUMMARY_UNITS, plan_row, summary_units, weeks_to_target  # noqa: F401 - the sweeps' names
from planner.runtime.worker import plan_task

SOLVED = ("optimal", "feasible")  # statuses that come with a schedule of days
TIMED_OUT = "unknown"  # a sweep row's status when the time limit ran out before any plan was found
FAILED = "error"  # a sweep row's status when planning crashed (see solve_configs)
PLANNING_FAILED = "planning failed"  # starts the warning of such a plan
PLANNING_FAILED_CODE = "planning_failed"  # ... and is its notice's code


def solve_configs(
    configs: Iterable[AthleteConfig],
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
    `work` replaces the function the worker processes run (runtime.worker.plan_task; tests pass
    one that crashes)."""
    check_count(processes, "processes", allow_none=True)
    configs = list(configs)
    tasks = [{"index": index, "config": config.model_dump(mode="json"), "time_limit": time_limit, "workers": workers}
             for index, config in enumerate(configs)]
    processes = min(processes or os.cpu_count() or 1, len(tasks))
    with progress_bar(len(tasks), label, progress) as advance:
        if processes == 1:
            outcomes = [_solved_here(task, advance) for task in tasks]
        else:
            outcomes = _solve_in_processes(tasks, processes, work or plan_task, advance)
    plans = [Plan.model_validate(plan_of(task, outcome)) for task, outcome in zip(tasks, outcomes)]
    for plan, config in zip(plans, configs):  # the chart context does not travel as JSON
        plan._context = context_for(plan, config)
    return plans


def _solved_here(task: dict, advance: Callable[[str], None]) -> dict:
    """Plan one task in this process; an error is raised, as planner.plan would raise it."""
    from planner.planning import make_plan

    plan = make_plan(task["config"], time_limit=task["time_limit"], workers=task["workers"])
    advance(f"{plan.athlete}: {plan.status}")
    return {"plan": plan.to_dict()}


def _solve_in_processes(tasks: list[dict], processes: int, work: Callable[[dict], dict],
                        advance: Callable[[str], None]) -> list[dict]:
    """Outcomes in the tasks' order, from the runtime's process pool (which retries the tasks a
    dead worker may have taken down one at a time, so only the culprit fails)."""
    outcomes: list[Any] = [None] * len(tasks)
    for task, outcome in LocalPool(processes, work=work).run(tasks):
        outcomes[task["index"]] = outcome
        advance(outcome["plan"]["status"] if "plan" in outcome else "error")
    if all(outcome.get("error") == CRASHED for outcome in outcomes):
        raise RuntimeError(
            "every planning process died before finishing. Worker processes import the script that "
            "started them, so in a script call this under `if __name__ == \"__main__\":`; "
            "or pass processes=1 to plan in this process"
        )
    return outcomes


def plan_of(task: dict, outcome: dict) -> dict:
    """The plan dict of a worker's outcome, or the failed plan of its error."""
    return outcome["plan"] if "plan" in outcome else failed_plan(task["config"], outcome["error"])


def failed_plan(data: dict, error: str) -> dict:
    """The plan of a config whose planning failed: infeasible, no days, a warning with the error."""
    from planner.config import load_config
    from planner.instance import Instance
    from planner.result import build_plan

    plan = build_plan(Instance(load_config(data)), None, "infeasible", 0.0)
    plan.warn(PLANNING_FAILED_CODE, f"{PLANNING_FAILED}: {error}")
    return plan.to_dict()


# ---- one row per plan ---------------------------------------------------------------------------

def row_status(plan: Plan) -> str:
    """The plan's status, but "unknown" where the time limit, not the rules, left it without days,
    and "error" where planning crashed (see solve_configs).

    A Plan says "infeasible" in all three cases (with a warning that says which); in a sweep the
    difference matters: a longer time limit may turn "unknown" into a plan."""
    if plan.timed_out:
        return TIMED_OUT
    if plan.has_notice(PLANNING_FAILED_CODE):
        return FAILED
    return plan.status


def plan_summary(plan: Plan, config: AthleteConfig) -> dict[str, Any]:
    """The figures an analyst compares plans by (None where an infeasible plan has no days):
    the SUMMARY_UNITS columns of the plan's runtime.rows.Row."""
    return plan_row(plan, config).figures()
