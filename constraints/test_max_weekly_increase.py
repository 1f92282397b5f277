"""max_weekly_increase: week w <= max((1 + 0.10) x max(d[w-1], d[w-2]), start_floor); history
supplies d[0], d[-1], ...; weeks older than the history equal its oldest week."""

import math

import pytest

from constraints import max_weekly_increase
from constraints.conftest import (
    add_easy_distance, assert_forced_violation, build, find_break, make_config, maximize_volume,
    max_volume, plan_week_distance, solve_ok, solved_plan, values, violations, week_totals,
)
from planner.config import load_config

BASE = make_config()


def caps(cfg, totals):
    """Each plan week's cap (tenths) from the week totals (tenths) and the history."""
    config = load_config(cfg)
    history = [round(10 * v) for v in config.history.weekly_distance]
    inc, floor = config.rules.max_weekly_increase, round(10 * config.start_floor)

    def d(w):
        return totals[w] if w >= 1 else history[max(len(history) - 1 + w, 0)]
    return {w: max((1 + inc) * max(d(w - 1), d(w - 2)), floor) for w in totals}


@pytest.mark.parametrize("cfg", [
    BASE,
    make_config(history={"weekly_distance": [40, 30]}),  # the larger of the two weeks before counts
    make_config(history={"weekly_distance": [0], "longest_recent_run": 0}),  # start_floor
    make_config(history={"weekly_distance": [0], "longest_recent_run": 0}, rules={"start_floor": 15}),
    make_config(rules={"max_weekly_increase": 0.05}),
    make_config(plan={"weeks": 5}, goal={"target_weekly_distance": 60}),
], ids=["base", "dip in last week", "beginner", "start_floor 15", "5 %", "5 weeks"])
def test_weekly_distance_grows_within_the_cap(cfg):
    _, m = build(cfg)
    maximize_volume(m)
    totals = week_totals(values(solve_ok(m), m))
    limit = caps(cfg, totals)
    for w in totals:
        assert totals[w] <= limit[w] + 1e-9, (w, totals, limit)
    assert any(totals[w] == math.floor(limit[w] + 1e-9) for w in totals)  # the cap binds somewhere


def test_the_cap_costs_volume():
    assert max_volume(BASE) < max_volume(BASE, skip=(max_weekly_increase,))


def force_week_1_over(m):
    m.cp.add(m.week_distance(1) == 364)  # 1.1 x 33 = 36.3


def force_week_2_over(m):
    m.cp.add(m.week_distance(1) == 340)
    m.cp.add(m.week_distance(2) == 375)  # 1.1 x max(34, 33) = 37.4


def force_after_a_dip(m):
    m.cp.add(m.week_distance(1) == 360)
    m.cp.add(m.week_distance(2) == 200)
    m.cp.add(m.week_distance(3) == 397)  # 1.1 x max(20, 36) = 39.6


@pytest.mark.parametrize("force", [force_week_1_over, force_week_2_over, force_after_a_dip])
def test_forced_jump_is_infeasible(force):
    assert_forced_violation(BASE, max_weekly_increase, force)


def test_forced_jump_over_start_floor_is_infeasible():
    cfg = make_config(history={"weekly_distance": [0], "longest_recent_run": 5})
    assert_forced_violation(cfg, max_weekly_increase, lambda m: m.cp.add(m.week_distance(1) == 101))


def test_validator_rejects_a_week_over_the_cap():
    plan = solved_plan(BASE)
    edits = []
    for w in range(1, len(plan["weeks"]) + 1):
        def lengthen(p, w=w):
            totals = {v: round(10 * plan_week_distance(p, v)) for v in range(1, len(p["weeks"]) + 1)}
            cap = math.floor(caps(BASE, totals)[w] + 1e-6) / 10
            add_easy_distance(BASE, p, w, round(cap + 0.1 - plan_week_distance(p, w), 1))
        edits.append((f"week {w} lengthened to its cap + 0.1", lengthen))
    broken, description = find_break(BASE, plan, "max_weekly_increase", edits)
    assert len(violations(BASE, broken, "max_weekly_increase")) == 1, description


def test_a_history_above_what_the_days_hold_still_plans():
    """100 km weeks before the plan, 40 minutes a day now (6.7 km at 6:00/km): the ramp's cap is
    far above anything a week can hold, and the plan is made all the same."""
    cfg = make_config(
        history={"weekly_distance": [100, 100, 100, 100], "longest_recent_run": 10},
        availability={"mon": 40, "tue": 40, "wed": 40, "thu": 40, "fri": 40, "sat": 40, "sun": 40},
    )
    plan = solved_plan(cfg)
    assert violations(cfg, plan) == []
    assert all(week["distance"] <= 7 * 6.7 for week in plan["weeks"])
