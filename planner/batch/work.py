"""What a worker runs for one athlete: plain data in, plain data out.

CP-SAT models do not pickle, so each athlete is built and solved inside the worker from its
config dict, and only the finished plan (a JSON-ready dict) travels back. One CP-SAT search
worker per solve: the pool already keeps every core busy with whole athletes, and one search
worker makes each plan deterministic, so the engine and worker count never change a plan.
"""

from __future__ import annotations

import time


def plan_athlete(task: dict) -> dict:
    """Plan `task["config"]`; return {"plan": dict} or {"error": message}, with "seconds".

    Any exception becomes an error result, so one failing athlete never stops a batch."""
    started = time.perf_counter()
    try:
        from planner.planning import make_plan

        plan = make_plan(task["config"], time_limit=task["time_limit"], workers=1)
        outcome = {"plan": plan.to_dict()}
    except Exception as error:  # noqa: BLE001 - reported as this athlete's error row
        outcome = {"error": f"{type(error).__name__}: {error}"}
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    return outcome
