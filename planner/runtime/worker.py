"""What a worker process runs for one plan: plain data in, plain data out.

CP-SAT models do not pickle, so each plan is built and solved inside the worker from its
config dict, and only the finished plan (a JSON-ready dict) travels back. A task is

    {"config": dict, "time_limit": seconds, "workers": CP-SAT search workers (default 1),
     "today": "YYYY-MM-DD" (default: the clock's; for the warnings, and a re-plan's default day),
     "replan": {"start": "YYYY-MM-DD" or None,
                "previous": the previous plan's JSON text or None, "previous_name": its file,
                "previous_problem": why the caller could not read it (the athlete then fails)},
     "files": ["json", "html", ...]}   # formats to render for the caller to write

and only "config" and "time_limit" are required; without "replan" the athlete is planned from
plan.start (planner.planning.make_plan), with it re-planned (planner.replanning.replan).
Anything else in a task (a slug, an index) is the caller's, to match outcomes to tasks.

Without "files" the plan comes back as a dict (the sweeps rebuild it). With them it comes back
as those files' text (HTML loading a shared plotly.js) and its summary row (runtime.rows.Row
as a dict, with the reasons a coach should look, runtime.attention): everything is made here,
where the plan is, so the process that writes the files (a batch's parent, which may be on
another machine than a Dask worker) only writes text.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time

from planner.io import process_alive

PARENT_CHECK_SECONDS = 0.5


def plan_task(task: dict) -> dict:
    """Plan `task`; return {"plan": dict}, or with "files" {"files": {format: text}, "row":
    dict}, or {"error": message}, with "seconds". Bad input (a log or a previous plan that
    cannot be read, a day outside the plan) is {"error": ..., "invalid": True}.

    Any exception becomes an error outcome, so one failing plan never stops the others."""
    from planner.errors import PlannerError

    started = time.perf_counter()
    try:
        outcome = _outcome(task)
    except PlannerError as error:  # the athlete's input: its message names the file and field
        outcome = {"error": str(error), "invalid": True}
    except Exception as error:  # noqa: BLE001 - reported as this plan's error
        outcome = {"error": f"{type(error).__name__}: {error}"}
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    return outcome


def _outcome(task: dict) -> dict:
    from planner.config import load_config

    config = load_config(task["config"])
    today = dt.date.fromisoformat(task["today"]) if task.get("today") else dt.date.today()
    if task.get("replan") is None:
        from planner.planning import make_plan

        plan = make_plan(config, time_limit=task["time_limit"], workers=task.get("workers", 1), today=today)
        previous = None
    else:
        plan, previous = _replanned(config, task, today)
    if not task.get("files"):
        return {"plan": plan.to_dict()}
    from planner.exports import render

    files = {fmt: render(plan, fmt, shared_plotly=True) for fmt in task["files"]}
    return {"files": files, "row": summary_row(plan, previous, config).as_dict()}


def summary_row(plan, previous, config):
    """The plan's summary row with the reasons a coach should look at it, most urgent first."""
    from planner.runtime.attention import reasons
    from planner.runtime.rows import plan_row

    row = plan_row(plan, config)
    found = reasons(plan, previous, config.goal.target_weekly_distance)
    row.attention = "; ".join(reason.text for reason in found)
    row.attention_codes = "; ".join(reason.code for reason in found)
    return row


def _replanned(config, task: dict, today: dt.date):
    """(the re-plan, the previous plan it kept to or None). Without a start day the athlete is
    re-planned from today (or tomorrow when the log already holds training today), and a plan
    that has not begun yet is planned from its first day; a previous plan without days (an
    infeasible one) is no plan to keep to, so the athlete is planned as new."""
    from planner.errors import ConfigError
    from planner.replanning import parse_previous, replan

    options = task["replan"]
    name = options.get("previous_name", "the previous plan")
    if options.get("previous_problem"):  # the caller could not read the previous plan
        raise ConfigError("", options["previous_problem"], path=name)
    start = dt.date.fromisoformat(options["start"]) if options.get("start") else None
    if start is None and today < config.plan.start:
        start = config.plan.start
    previous = None
    if options.get("previous") is not None:
        previous = parse_previous(options["previous"], name)
        if not previous.day_list:
            previous = None
    plan = replan(config, start=start, previous=previous, today=today, time_limit=task["time_limit"],
                  workers=task.get("workers", 1))
    return plan, previous


def watch_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as process `parent` (the batch or the notebook
    that started the pool) is gone. A killed parent runs no clean-up, and its workers (and the
    fork server, which lives while they do) would run on, waiting for work forever."""
    thread = threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True)
    thread.start()


def _watch(parent: int) -> None:
    while process_alive(parent):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
