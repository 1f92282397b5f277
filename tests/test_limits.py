"""What limits a plan below its target: read off the weekly bound, or found by relaxing rules on
the peak week, and `planner explain`."""

from __future__ import annotations

import copy
import math

import yaml
from typer.testing import CliRunner

import planner
from planner.cli import app
from tests.conftest import BASE_CONFIG, ROOT


def ramp_bound_config(**rules) -> dict:
    config = copy.deepcopy(BASE_CONFIG)
    config["goal"]["target_weekly_distance"] = 80  # far above what 10 % a week reaches in 3 weeks
    config["rules"] = rules
    return config


def ramp_peak(history_last: float, weeks: int) -> float:
    """The largest week `weeks` weeks of 10 % growth reach from the last history week, each
    rounded down to 0.1 km as the plan's distances are."""
    tenths = round(history_last * 10)
    for _ in range(weeks):
        tenths = math.floor(tenths * 1.1 + 1e-9)
    return tenths / 10


def test_the_ramp_is_named_with_numbers_that_add_up():
    plan = planner.plan(ramp_bound_config())
    peak = ramp_peak(BASE_CONFIG["history"]["weekly_distance"][-1], 3)
    assert plan.peak_distance == peak
    assert [note.rule for note in plan.explanation.limits] == ["max_weekly_increase"]
    message = plan.explanation.limits[0].message
    assert "10% weekly increase" in message and f"reaches {peak:g} km by week 3" in message
    assert f"{BASE_CONFIG['history']['weekly_distance'][-1]:g} km" in message


def test_no_limits_when_the_target_is_reached():
    config = copy.deepcopy(BASE_CONFIG)
    config["goal"]["target_weekly_distance"] = 30
    plan = planner.plan(config)
    assert plan.peak_distance == 30 and plan.explanation.limits == []


def test_short_weekdays_are_named_as_the_limit():
    plan = planner.plan(ROOT / "examples" / "marathon_limited_weekdays.yaml")
    assert plan.peak_distance < 50
    assert [note.rule for note in plan.explanation.limits] == ["availability"]
    assert f"{plan.peak_distance:g} mi" in plan.explanation.limits[0].message


def test_a_rule_the_bound_does_not_see_is_found_by_relaxing_it():
    """A tight load-ratio cap keeps the build below the ramp's bound; the peak week is solved
    again with each rule relaxed, and what that lets it carry is said in numbers."""
    plan = planner.plan(ramp_bound_config(acwr_max=1.15) | {"plan": {"start": "2026-11-30", "weeks": 6}})
    assert plan.explanation.limits
    for note in plan.explanation.limits:
        assert note.rule in planner.validator.EXPLANATION_RULES
        assert f"{plan.peak_distance:g} km" in note.message and "more" in note.message


def test_explain_command(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(ramp_bound_config()))
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "max_weekly_increase" in result.stdout


def test_explain_command_on_an_infeasible_config(tmp_path):
    config = copy.deepcopy(BASE_CONFIG)
    config["availability"] = {"sun": 150, "long_run_days": ["sun"]}  # two hip/core sessions cannot fit
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(config))
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 3
    assert "strength" in result.stdout and "availability" in result.stdout
