"""What limits a plan: rules found by relaxing each in turn, and `planner explain`."""

from __future__ import annotations

import copy

import yaml
from typer.testing import CliRunner

import planner
from planner.cli import app
from tests.conftest import BASE_CONFIG, ROOT


def ramp_bound_config() -> dict:
    config = copy.deepcopy(BASE_CONFIG)
    config["goal"]["target_weekly_distance"] = 80  # far above what 10 % a week reaches in 3 weeks
    config["rules"] = {"acwr_max": 2.0}  # else the load ratio binds together with the ramp
    return config


def test_ramp_is_named_when_it_holds_the_peak_below_target():
    plan = planner.plan(ramp_bound_config(), explain_limits=True)
    assert plan.peak_distance < 80
    rules = {note.rule: note.message for note in plan.explanation.limits}
    assert "max_weekly_increase" in rules
    assert "10%" in rules["max_weekly_increase"] and "more" in rules["max_weekly_increase"]


def test_no_limits_when_the_target_is_reached():
    config = copy.deepcopy(BASE_CONFIG)
    config["goal"]["target_weekly_distance"] = 30
    plan = planner.plan(config, explain_limits=True)
    assert plan.peak_distance == 30 and plan.explanation.limits == []


def test_the_limits_search_reports_each_rule_it_relaxes():
    """Seconds per rule: the spinner of `planner explain` says which one it is on."""
    from planner.planning import make_plan

    messages = []
    make_plan(ramp_bound_config(), explain_limits=True, progress=messages.append)
    relaxing = [m for m in messages if m.startswith("finding what limits the plan: relaxing")]
    assert any("max_weekly_increase" in m for m in relaxing)
    assert relaxing[-1].endswith(f"({len(relaxing)} of {len(relaxing)})")


def test_every_plan_reads_the_bounds_its_peak_sits_on():
    """Without --explain, the plan names the weekly bound its peak week sits on (no re-solves)."""
    plan = planner.plan(ramp_bound_config())
    assert [note.rule for note in plan.explanation.limits] == ["max_weekly_increase"]
    assert f"{plan.peak_distance:g} km by week 3" in plan.explanation.limits[0].message


def test_short_weekdays_are_named_as_the_limit():
    plan = planner.plan(ROOT / "examples" / "marathon_limited_weekdays.yaml")
    assert plan.peak_distance < 50
    assert [note.rule for note in plan.explanation.limits] == ["availability"]


def test_explain_falls_back_to_the_tight_bounds_when_no_single_relaxation_gains(monkeypatch):
    """Re-solving with one rule relaxed may gain nothing within its budget (two rules binding
    together, or a hard week); the plan then still names the bounds its peak sits on."""
    monkeypatch.setattr("planner.planning.find_limits", lambda instance, distances, **options: [])
    plan = planner.plan(ramp_bound_config(), explain_limits=True)
    assert [note.rule for note in plan.explanation.limits] == ["max_weekly_increase"]


def test_explain_command(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(ramp_bound_config()))
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "max_weekly_increase" in result.stdout


def test_explain_command_on_an_infeasible_config(tmp_path):
    config = copy.deepcopy(BASE_CONFIG)
    config["history"]["weekly_distance"] = [10, 10, 10, 40]
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(config))
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 3
    assert "acwr_max" in result.stdout
