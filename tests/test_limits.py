"""What limits a plan below its target: read off the weekly bound, or found by relaxing rules on
the peak week, and `planner explain`."""

from __future__ import annotations

import copy
import math

import yaml
from typer.testing import CliRunner

import planner
from planner.cli import app
from planner.validator import EXPLANATION_RULES
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


def test_quality_is_no_limit_when_the_runner_asked_for_none():
    """With the ramp loosened the week is held by the minutes; quicker quality runs would carry
    more, but quality_sessions_per_week 0 is the runner's choice, not a limit."""
    plan = planner.plan({**BEGINNER_IN_MILES, "rules": {"max_weekly_increase": 0.5}})
    named = [note.rule for note in plan.explanation.limits]
    assert named and "quality" not in named


def test_a_rule_the_bound_does_not_see_is_found_by_relaxing_it():
    """A tight load-ratio cap keeps the build below the ramp's bound; the peak week is solved
    again with each rule relaxed, and what that lets it carry is said in numbers."""
    plan = planner.plan(ramp_bound_config(acwr_max=1.15) | {"plan": {"start": "2026-11-30", "weeks": 6}})
    assert plan.explanation.limits
    for note in plan.explanation.limits:
        assert note.rule in EXPLANATION_RULES
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


BEGINNER_IN_MILES = {
    "athlete": {"name": "Miles Beginner", "units": "mi", "easy_pace": "11:00"},
    "history": {"weekly_distance": [0, 0, 2, 3], "longest_recent_run": 1.5},
    "goal": {"target_weekly_distance": 15},
    "plan": {"start": "2026-11-30", "weeks": 12},
    "availability": {"tue": 45, "thu": 45, "sat": 75, "sun": 45, "long_run_days": ["sat"]},
}


def ramp_with_cutbacks(start: float, weeks: int, every: int = 4, reduction: float = 0.2) -> list[float]:
    """Weekly caps in tenths of a unit: `start` in week 1, 10 % more a week, every `every`-th
    week cut back by `reduction` from the week before, the week after growing from the last
    full week (docs/rules.md's ramp as a runner would work it out on paper)."""
    caps, full = [], round(start * 10)
    for week in range(1, weeks + 1):
        if week == 1:
            cap = full
        elif week % every == 0:
            cap = math.floor(full * (1 - reduction) + 1e-9)
        else:
            full = cap = math.floor(full * 1.1 + 1e-9)
        caps.append(cap / 10)
    return caps


def test_a_beginner_in_miles_is_held_by_the_ramp_from_the_start_floor():
    """The issue's beginner (history 0, 0, 2, 3 mi; target 15 mi): the ramp starts at the 6 mi
    start floor, not at the 3 mi of the last history week, and its numbers are the plan's."""
    plan = planner.plan(BEGINNER_IN_MILES)
    caps = ramp_with_cutbacks(6.0, 12)
    assert [w.distance for w in plan.week_list] == caps
    peak_week = caps.index(max(caps)) + 1
    assert plan.peak_distance == max(caps) < 15
    first = plan.explanation.limits[0]
    assert first.rule == "max_weekly_increase"
    assert "6 mi start floor" in first.message and f"reaches {max(caps):g} mi by week {peak_week}" in first.message
    assert "from 3 mi" not in first.message


def test_a_second_cap_is_named_with_the_week_it_would_stop():
    """'Your minutes would stop week 11 at X mi anyway': X lies between the ramp's peak and the
    target, and every minute of the week's days at easy pace could not carry more than X."""
    plan = planner.plan(BEGINNER_IN_MILES)
    second = [note for note in plan.explanation.limits if note.rule == "availability"]
    assert second and "anyway" in second[0].message and "week 11" in second[0].message
    stop = float(second[0].message.split(" at ")[1].split(" mi")[0])
    assert plan.peak_distance < stop < BEGINNER_IN_MILES["goal"]["target_weekly_distance"]
    minutes = sum(v for k, v in BEGINNER_IN_MILES["availability"].items() if k != "long_run_days")
    hip_core = 2 * 15  # the default two sessions of 15 minutes share the week's minutes
    assert stop <= (minutes - hip_core) / 11
