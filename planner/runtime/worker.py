"""What a worker process runs for one plan: plain data in, plain data out.

CP-SAT models do not pickle, so each plan is built and solved inside the worker from its
config dict, and only the finished plan (a JSON-ready dict) travels back. A task is
{"config": dict, "time_limit": seconds, "workers": CP-SAT search workers (default 1), ...};
anything else in it (a slug, an index) is the caller's, to match outcomes to tasks.
"""

from __future__ import annotations

import os
import threading
import time

from planner.io import process_alive

PARENT_CHECK_SECONDS = 0.5


def plan_task(task: dict) -> dict:
    """Plan `task["config"]`; return {"plan": dict} or {"error": message}, with "seconds".

    Any exception becomes an error outcome, so one failing plan never stops the others."""
    started = time.perf_counter()
    try:
        from planner.planning import make_plan

        plan = make_plan(task["config"], time_limit=task["time_limit"], workers=task.get("workers", 1))
        outcome = {"plan": plan.to_dict()}
    except Exception as error:  # noqa: BLE001 - reported as this plan's error
        outcome = {"error": f"{type(error).__name__}: {error}"}
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    return outcome


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
