"""Worker functions for the batch, sweep and runtime tests that kill their own process for one
athlete or take their time (the batch and the sweeps run the same worker, runtime.worker.plan_task).

They live in an importable module (not the test files) because pool workers import them by name.
"""

from __future__ import annotations

import os
import time

from planner.runtime.worker import plan_task

CRASH_NAME = "Crash Dummy"


def die_for_the_dummy(task: dict) -> None:
    """Die like a segfaulting solver would when the task is CRASH_NAME's."""
    if task["config"]["athlete"]["name"] == CRASH_NAME:
        os._exit(70)


def plan_or_crash(task: dict) -> dict:
    """The runtime's worker function, dying for CRASH_NAME."""
    die_for_the_dummy(task)
    return plan_task(task)


def always_crash(task: dict) -> dict:
    """Die whatever the task (as workers do that cannot import the script that started them)."""
    os._exit(70)


def pid_of_worker(task: dict) -> dict:
    """Which process ran the task (to see workers being replaced)."""
    return {"pid": os.getpid()}


def slow_past_one_week(task: dict) -> dict:
    """Plan a one-week config at once and sit on any longer one for a minute (a plan still
    being worked on when the run is stopped)."""
    if task["config"]["plan"]["weeks"] > 1:
        time.sleep(60)
    return plan_task(task)
