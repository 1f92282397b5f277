"""Shared helpers for the test suite."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

BASE_CONFIG = {
    "athlete": {"name": "Test Runner", "units": "km", "easy_pace": "6:00"},
    "history": {"weekly_distance": [30, 32, 31, 33], "longest_recent_run": 14},
    "goal": {"target_weekly_distance": 45},
    "plan": {"start": "2026-11-30", "weeks": 3},
    "availability": {"tue": 60, "wed": 60, "thu": 60, "sat": 120, "sun": 150, "long_run_days": ["sat", "sun"]},
    "strength": {"sessions_per_week": 2, "minutes": 20},
}


@pytest.fixture
def base_config() -> dict:
    return copy.deepcopy(BASE_CONFIG)
