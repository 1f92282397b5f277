"""An infeasible plan suggests changes to the config, and each one really gives a plan."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import planner
from planner.cli import app
from planner.overrides import apply_overrides
from planner.planning import prepare
from planner.repairs import Repair, _two_more_days, change, find_repairs
from tests.conftest import ROOT
from tests.test_conflicts import CASES

TODAY = "2026-11-30"  # the base config's plan.start: no "starts in the past" warning


@pytest.fixture(scope="module")
def infeasible_plans():
    return {name: planner.plan(config, time_limit=10) for name, (config, _) in CASES.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_every_suggestion_gives_a_plan_that_obeys_every_rule(name, infeasible_plans):
    plan = infeasible_plans[name]
    assert plan.status == "infeasible"
    assert plan.suggestions, f"{name}: no suggestion"
    config = planner.load_config(CASES[name][0])
    for suggestion in plan.suggestions:
        changed = apply_overrides(config, suggestion.changes)
        fixed = planner.plan(changed, time_limit=10)
        assert fixed.status in ("optimal", "feasible"), suggestion.text
        assert planner.validate(changed, fixed) == []


@pytest.mark.parametrize("name", list(CASES))
def test_suggestions_are_named_in_a_warning_and_change_the_config(name, infeasible_plans):
    plan = infeasible_plans[name]
    assert plan.has_notice("suggestion")
    warning = next(notice.message for notice in plan.notices if notice.code == "suggestion")
    config = planner.load_config(CASES[name][0])
    for suggestion in plan.suggestions:
        assert suggestion.text in warning
        before = json.loads(config.model_dump_json())
        for path, value in suggestion.changes.items():
            section, field = path.split(".", 1)
            assert before[section].get(field.split(".")[0]) != value, f"{path} is already {value!r}"


def test_a_missing_long_run_day_suggests_another_long_run_day_first(infeasible_plans):
    plan = infeasible_plans["long-run day unavailable"]
    first = plan.suggestions[0]
    assert list(first.changes) == ["availability.long_run_days"]
    assert "hold the long run" in first.text


def test_one_day_a_week_needs_two_more_days_spread_apart(infeasible_plans):
    """One available day fails several rules at once (hip/core days, long-run share): no single
    change gives a plan, two more days together do, and none of them is next to Sunday."""
    config = planner.load_config(CASES["one available day"][0])
    plan = infeasible_plans["one available day"]
    for suggestion in plan.suggestions:
        days = {path.split(".")[1] for path in suggestion.changes}
        assert len(days) == 2 and not days & {"sat", "mon"}
    assert not _gives_a_plan(config, change("availability.wed", 60, "add wed"))
    again = find_repairs(prepare(config), ["availability", "strength"], deadline=_in(20))
    assert [r.text for r in again] == [s.text for s in plan.suggestions]  # the same search, the same answer


def test_two_more_days_never_sit_next_to_each_other():
    config = planner.load_config(CASES["one available day"][0])
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for repair in _two_more_days(config):
        first, second = (days.index(path.split(".")[1]) for path, _ in repair.changes)
        assert min((first - second) % 7, (second - first) % 7) >= 2


def test_a_search_out_of_time_suggests_nothing_rather_than_something_untried():
    config = planner.load_config(CASES["one available day"][0])
    assert find_repairs(prepare(config), ["availability", "strength"], deadline=_in(0)) == []


def test_a_feasible_plan_has_no_suggestions():
    plan = planner.plan(CASES["long-run day unavailable"][0] | {"availability": {
        "tue": 60, "thu": 60, "sat": 120, "sun": 150, "long_run_days": ["sun"]}}, time_limit=10)
    assert plan.status in ("optimal", "feasible") and plan.suggestions is None


def test_the_command_line_lists_the_suggestions_with_their_fields(tmp_path):
    import yaml

    path = tmp_path / "one_day.yaml"
    path.write_text(yaml.safe_dump(CASES["one available day"][0]))
    result = CliRunner().invoke(app, ["plan", str(path), "--today", TODAY, "-o", str(tmp_path / "plan.json")])
    assert result.exit_code == 3, result.output
    assert "Any one of these changes gives a plan" in result.output
    written = json.loads((tmp_path / "plan.json").read_text())
    assert written["suggestions"] and all(s["changes"] for s in written["suggestions"])
    for suggestion in written["suggestions"]:
        for path_name, value in suggestion["changes"].items():
            assert f"{path_name}: {value}" in result.output.replace("\n", " ").replace("  ", " ")


def _gives_a_plan(config, repair: Repair) -> bool:
    return planner.plan(repair.apply(config), time_limit=10).status in ("optimal", "feasible")


def _in(seconds: float) -> float:
    import time

    return time.perf_counter() + seconds


def test_repairs_read_the_training_log_once(monkeypatch):
    """Trying each change does not read every activity file again: the changes tried leave the
    log's place and reading alone, so the log read for the plan serves them all."""
    import planner.log.read

    reads = []
    real = planner.log.read.read_log
    monkeypatch.setattr(planner.log.read, "read_log", lambda *args, **kwargs: reads.append(1) or real(*args, **kwargs))
    config = planner.load_config(ROOT / "examples" / "logged_runner.yaml")
    plan = planner.plan(config, overrides={"availability.long_run_days": ["mon"]}, time_limit=10, today=TODAY)
    assert plan.status == "infeasible" and plan.suggestions
    assert len(reads) == 1
