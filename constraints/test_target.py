"""target: no week's distance (a race's excepted) exceeds target_weekly_distance."""

import math

import pytest

from constraints import target
from constraints.conftest import (
    RACE, add_easy_distance, assert_forced_violation, build, find_break, make_config, maximize_volume,
    max_volume, plan_week_distance, solve_ok, solved_plan, values, violations, week_totals,
)

TARGET_40 = make_config(goal={"target_weekly_distance": 40})


@pytest.mark.parametrize("cfg, limit", [(TARGET_40, 400), (make_config(goal={"target_weekly_distance": 34.5}), 345),
                                        (make_config(plan={"weeks": 5}, rules={"cutback_every": 0}), 450)],
                         ids=["40", "34.5 (below history)", "45 over 5 weeks"])
def test_no_week_exceeds_the_target(cfg, limit):
    _, m = build(cfg)
    maximize_volume(m)
    totals = week_totals(values(solve_ok(m), m))
    assert max(totals.values()) == limit  # never above, and the plan builds up to it
    assert all(v <= limit for v in totals.values())


def test_the_target_costs_volume():
    assert max_volume(TARGET_40) < max_volume(TARGET_40, skip=(target,))


def test_race_distance_is_excepted():
    """A 42.2 km race in race week of a plan capped at 40 km a week."""
    cfg = make_config(RACE, goal={"target_weekly_distance": 40, "race": {"date": "2026-12-27", "distance": 42.2}},
                      availability={"sun": 300}, rules={"long_run_max_minutes": 240})
    inst, m = build(cfg)
    maximize_volume(m)
    totals = week_totals(values(solve_ok(m), m))
    assert all(v <= 400 for v in totals.values())
    assert totals[4] + inst.race_distance > 400  # the race week as written in the plan is over


def force_week_1_over(m):
    m.cp.add(m.week_distance(1) == 351)


def force_week_3_over(m):
    m.cp.add(m.week_distance(3) >= 351)


@pytest.mark.parametrize("force", [force_week_1_over, force_week_3_over])
def test_forced_week_over_target_is_infeasible(force):
    assert_forced_violation(make_config(goal={"target_weekly_distance": 35}), target, force)


# weekdays with time to spare, so a lengthened week breaks the target and nothing else
ROOMY_TARGET_40 = make_config(goal={"target_weekly_distance": 40}, rules={"acwr_max": 2.0},
                              availability={"tue": 120, "wed": 120, "thu": 120})


def test_validator_rejects_a_week_over_target():
    plan = solved_plan(ROOMY_TARGET_40)
    edits = []
    for w in range(len(plan["weeks"]), 0, -1):
        def lengthen(p, w=w):
            add_easy_distance(ROOMY_TARGET_40, p, w, round(40.0 + 0.1 - plan_week_distance(p, w), 1))
        edits.append((f"week {w} lengthened to 40.1", lengthen))
    broken, description = find_break(ROOMY_TARGET_40, plan, "target", edits)
    found = violations(ROOMY_TARGET_40, broken, "target")
    assert len(found) == 1 and "40.1" in found[0].message, description
    assert math.isclose(max(plan_week_distance(broken, w) for w in range(1, 4)), 40.1)
