"""Week capacities are redundant bounds: they must never cut off a plan the rules allow."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

import constraints
from planner.capacity import week_capacities
from planner.config import load_config
from planner.instance import Instance
from planner.model import PlanModel
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_capacities_never_cut_off_the_best_volume(path):
    """Solve the weekly volumes without the bounds: no week may exceed its capacity."""
    config = load_config(path)
    data = config.model_dump()
    data["plan"]["weeks"], data["goal"]["race"] = min(config.weeks, 6), None
    instance = Instance(load_config(data))
    m = PlanModel(instance)
    constraints.build_all(m)
    m.cp.Maximize(sum(m.week_distance.values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20
    assert solver.Solve(m.cp) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    capacities = week_capacities(instance)
    assert capacities, "every example has weeks that get a bound"
    for week, capacity in capacities.items():
        assert solver.Value(m.week_distance[week]) <= capacity


def test_short_weekday_windows_bound_the_week_below_the_ramp():
    """Marathoner with 45-60 minute weekdays: the bound sits below what the ramp alone allows."""
    instance = Instance(load_config(next(p for p in EXAMPLES if "marathon_limited" in p.name)))
    capacities = week_capacities(instance)
    assert max(capacities.values()) < instance.target
