"""A worker function for tests/test_batch.py that kills its own process for one athlete.

It lives in an importable module (not the test file) because pool workers import it by name.
"""

from __future__ import annotations

import os

from planner.batch.work import plan_athlete

CRASH_NAME = "Crash Dummy"


def plan_or_crash(task: dict) -> dict:
    """Die like a segfaulting solver would for CRASH_NAME; plan everyone else normally."""
    if task["config"]["athlete"]["name"] == CRASH_NAME:
        os._exit(70)
    return plan_athlete(task)


def pid_of_worker(task: dict) -> dict:
    """Which process ran the task (to see workers being replaced)."""
    return {"pid": os.getpid()}
