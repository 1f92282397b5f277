"""Infeasible configs exit with the rules that cannot hold together, found by CP-SAT."""

from __future__ import annotations

import copy
import json

import pytest
from typer.testing import CliRunner

import planner
import planner.planning
from planner.cli import app
from tests.conftest import BASE_CONFIG


def variant(**sections) -> dict:
    """The base config with some sections' fields changed (other fields kept)."""
    config = copy.deepcopy(BASE_CONFIG)
    for section, values in sections.items():
        config[section].update(values)
    return config


def only(availability: dict) -> dict:
    """The base config with its whole availability section replaced."""
    config = copy.deepcopy(BASE_CONFIG)
    config["availability"] = availability
    return config


CASES = {
    # two hip/core sessions need two days that are neither the long-run day nor back to back
    "one available day": (only({"sun": 150, "long_run_days": ["sun"]}), {"availability", "strength"}),
    # a 14 km recent long run, and the one day holds 5 km: before the long_run_step cap's domain
    # reached the recent run plus the step, this model was infeasible with no rule to name
    "one short day": (only({"sun": 30, "long_run_days": ["sun"]}), {"availability", "strength"}),
    # the only long-run day has no minutes
    "long-run day unavailable": (variant(availability={"long_run_days": ["mon"]}), {"availability", "long_runs"}),
    # a beginner's three short days hold no run of 20 minutes that is also shorter than the long
    # run; a quicker quality run would fit, but the runner asked for none, so quality is not named
    "three short days, no quality": (
        {**only({"tue": 20, "thu": 30, "sat": 25, "long_run_days": ["sat"]}),
         "history": {"weekly_distance": [0, 0, 0, 0], "longest_recent_run": 0},
         "athlete": {"name": "Beginner", "units": "km", "easy_pace": "8:00"},
         "goal": {"target_weekly_distance": 20, "race": {"date": "2027-01-31", "distance": 5}},
         "plan": {"start": "2026-11-30"}, "strength": {"sessions_per_week": 1, "minutes": 15},
         "quality_sessions_per_week": 0},
        {"availability", "min_run_minutes"},
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_infeasible_config_names_the_conflicting_rules(name):
    config, expected = CASES[name]
    plan = planner.plan(config, time_limit=10)
    assert plan.status == "infeasible" and plan.day_list == []
    named = {note.rule for note in plan.explanation.conflicts}
    assert expected <= named
    assert all(note.message for note in plan.explanation.conflicts)


@pytest.mark.parametrize("name", list(CASES))
def test_a_rule_set_to_none_at_all_is_never_named(name):
    """quality_sessions_per_week 0 is the runner's choice: "lower it" cannot be the fix."""
    config, _ = CASES[name]
    plan = planner.plan({**config, "quality_sessions_per_week": 0}, time_limit=10)
    assert plan.status == "infeasible"
    assert "quality" not in {note.rule for note in plan.explanation.conflicts}


@pytest.mark.parametrize("name", list(CASES))
def test_the_named_set_is_minimal(name):
    """Dropping any one named rule makes the rest satisfiable (that is what minimal means)."""
    from planner.conflicts import _infeasible_core
    import constraints
    import time
    from planner.instance import Instance
    from planner.model import PlanModel

    config, _ = CASES[name]
    instance = Instance(planner.load_config(config))
    named = [note.rule for note in planner.plan(config, time_limit=10).explanation.conflicts]
    m = PlanModel(instance, explain=True)
    constraints.build_all(m)
    deadline = time.perf_counter() + 20
    assert _infeasible_core(m, named, m.switches, deadline) is not None
    for rule in named:
        assert _infeasible_core(m, [r for r in named if r != rule], m.switches, deadline) is None


def test_an_infeasible_plan_whose_conflict_is_not_found_says_so(monkeypatch, tmp_path):
    """Should the conflict search name nothing (its time ran out), the plan still says why there
    are no days, and the command line prints it."""
    monkeypatch.setattr(planner.planning, "find_conflicts", lambda instance, **options: [])
    config, _ = CASES["one available day"]
    plan = planner.plan(config, time_limit=10)
    assert plan.status == "infeasible" and plan.explanation.conflicts == []
    assert planner.planning.UNNAMED_CONFLICT in plan.warnings
    path = tmp_path / "athlete.json"
    path.write_text(json.dumps(config))
    result = CliRunner().invoke(app, ["plan", str(path)])
    assert result.exit_code == 3
    assert "could not be named" in " ".join(result.output.split())


def test_the_conflict_search_reports_each_rule_it_tries():
    messages = []
    plan = planner.planning.make_plan(CASES["one available day"][0], progress=messages.append)
    tried = [m for m in messages if m.startswith("looking for the rules that conflict: trying without")]
    assert plan.status == "infeasible" and tried
    assert tried[-1].endswith(f"({len(tried)} of {len(tried)})")
