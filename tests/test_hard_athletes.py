"""Athletes the solver once found no plan for in its time limit: each now gets a valid plan."""

from __future__ import annotations

import planner
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
