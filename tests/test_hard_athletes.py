"""Athletes that are hard to plan: a binding load-ratio cap, and the proof of the volumes."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

import constraints
import planner
from planner import objective
from planner.instance import Instance
from planner.model import PlanModel
from tests.conftest import ROOT


@pytest.mark.parametrize("cap", [1.1, 1.2])
def test_a_tight_load_ratio_cap_gets_a_valid_plan_in_the_default_limit(cap):
    config = planner.apply_overrides(ROOT / "examples/half_marathon.yaml", {"rules.acwr_max": cap})
    plan = planner.plan(config)
    assert plan.status in ("optimal", "feasible")
    assert len(plan.day_list) == 7 * config.weeks
    assert planner.validate(config, plan) == []
    assert max(week.max_acwr for week in plan.week_list) <= cap
    assert plan.weeks.distance.sum() > 0


def test_a_tight_cap_gets_a_plan_with_a_short_limit():
    config = planner.apply_overrides(ROOT / "examples/half_marathon.yaml", {"rules.acwr_max": 1.1})
    plan = planner.plan(config, time_limit=2)
    assert plan.status in ("optimal", "feasible")
    assert planner.validate(config, plan) == []


@pytest.mark.slow
@pytest.mark.parametrize("example", ["half_marathon.yaml", "marathon_limited_weekdays.yaml"])
def test_an_optimal_plan_has_the_volume_a_whole_plan_search_proves(example):
    """`optimal` comes from the forward pass reaching the weekly bound; CP-SAT over the whole
    plan at once (no bound, no forward pass), given a minute, proves the same volume."""
    config = planner.load_config(ROOT / "examples" / example)
    plan = planner.plan(config)
    assert plan.status == "optimal"
    m = PlanModel(Instance(config))
    constraints.build_all(m)
    m.cp.maximize(objective.volume(m))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 120
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    race_week = Instance(config).race_week
    volume = sum(d for w, d in enumerate(plan.training_distances(), start=1) if w != race_week)
    assert round(volume * 10) == round(solver.objective_value)
