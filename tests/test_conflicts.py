"""Infeasible configs exit with the rules that cannot hold together, found by CP-SAT."""

from __future__ import annotations

import copy

import pytest

import planner
from tests.conftest import BASE_CONFIG


def variant(**sections) -> dict:
    """The base config with some sections' fields changed (other fields kept)."""
    config = copy.deepcopy(BASE_CONFIG)
    for section, values in sections.items():
        config[section].update(values)
    return config


def only_sunday() -> dict:
    config = copy.deepcopy(BASE_CONFIG)
    config["availability"] = {"sun": 150, "long_run_days": ["sun"]}
    return config


CASES = {
    # two hip/core sessions need two days that are neither the long-run day nor back to back
    "one available day": (only_sunday(), {"availability", "strength"}),
    # a 10 -> 40 km jump in the last history week already breaks the fatigue cap on day 1
    "history jump": (variant(history={"weekly_distance": [10, 10, 10, 40], "longest_recent_run": 14}), {"acwr_max"}),
    # the only long-run day has no minutes
    "long-run day unavailable": (variant(availability={"long_run_days": ["mon"]}), {"availability", "long_runs"}),
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
