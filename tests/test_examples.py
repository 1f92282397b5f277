"""Every example config plans, and its plan passes the independent validator."""

from __future__ import annotations

import pytest

import planner
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("path", [pytest.param(path, id=path.stem) for path in EXAMPLES])
def test_example_plans_and_validates(path):
    config = planner.load_config(path)
    plan = planner.plan(config, time_limit=20)
    assert plan.status in ("optimal", "feasible")
    assert planner.validate(config, plan) == []
    assert len(plan.day_list) == 7 * config.weeks
    assert plan.weeks["distance"].max() <= config.goal.target_weekly_distance + (config.goal.race.distance if config.goal.race else 0)


def test_at_least_three_examples():
    assert len(EXAMPLES) >= 3
