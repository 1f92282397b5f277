"""Athletes the solver once found no plan for in its time limit: each now gets a valid plan."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

import constraints
import planner
from planner import objective, solve
from planner.instance import Instance
from planner.model import PlanModel
from tests.conftest import ROOT


def test_a_binding_load_ratio_cap_still_gives_a_valid_plan():
    # acwr_max 1.2 on the 16-week half marathon: every optimizing search ran 18 s without
    # finding a plan until phase 1 learned to look for any plan first (planner.solve._any_plan)
    config = planner.apply_overrides(ROOT / "examples/half_marathon.yaml", {"rules.acwr_max": 1.2})
    plan = planner.plan(config, time_limit=30)
    assert plan.status in ("optimal", "feasible")
    assert len(plan.day_list) == 7 * config.weeks
    assert planner.validate(config, plan) == []
    assert max(week.max_acwr for week in plan.week_list) <= 1.2


def test_a_tight_load_ratio_cap_gets_a_plan_where_none_was_found_before():
    # acwr_max 1.1: no search found any plan in the 10 s limit until phase 1 learned to build
    # one up week by week from the lowest plan (planner.solve._build_up)
    config = planner.apply_overrides(ROOT / "examples/half_marathon.yaml", {"rules.acwr_max": 1.1})
    plan = planner.plan(config)
    assert plan.status == "feasible"
    assert planner.validate(config, plan) == []
    assert max(week.max_acwr for week in plan.week_list) <= 1.1
    assert plan.weeks.distance.sum() > 0


def test_a_tight_cap_gets_a_plan_even_when_the_first_searches_use_up_the_time():
    # acwr_max 1.1 with a 4 s limit: the first two searches find nothing and the clock cuts the
    # second; the build-up still runs (it finds a plan where they cannot) instead of phase 1
    # giving up with no plan at all (planner.solve._solve_volumes' rescue stages)
    config = planner.apply_overrides(ROOT / "examples/half_marathon.yaml", {"rules.acwr_max": 1.1})
    plan = planner.plan(config, time_limit=4)
    assert plan.status == "feasible"
    assert len(plan.day_list) == 7 * config.weeks
    assert planner.validate(config, plan) == []
    assert plan.weeks.distance.sum() > 0


def test_building_up_beats_the_lowest_plan_and_reaches_the_optimum_where_the_ramp_binds():
    # the half marathon as written is ramp-bound: its volume optimum is proven in phase 1
    m = volume_model(planner.load_config(ROOT / "examples/half_marathon.yaml"))
    far = time.perf_counter() + 120
    lowest = solve._lowest_plan(m, solve.BUILD_UP, far, 1)
    built = solve._build_up(m, solve.BUILD_UP, far, 1)
    best, status = solve._solve_volumes(m, far, far, 1)
    assert status == cp_model.OPTIMAL
    assert solve._volume(m, lowest) < solve._volume(m, built) == solve._volume(m, best)


def volume_model(config) -> PlanModel:
    """Phase 1's model of `config`, as planner.solve builds it."""
    m = PlanModel(Instance(config))
    constraints.build_all(m)
    m.cp.Maximize(objective.volume(m))
    solve._volume_strategy(m)
    return m
