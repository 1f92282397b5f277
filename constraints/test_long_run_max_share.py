"""long_run_max_share: a long run <= 0.40 (default) x its week's distance."""

import math

import pytest

from constraints import long_run_max_share
from constraints.conftest import (
    assert_forced_violation, build, cut_easy_distance, find_break, make_config, plan_week_distance,
    runs_of, solve_ok, solved_plan, values, violations,
)

BASE = make_config()


@pytest.mark.parametrize("cfg", [BASE, make_config(rules={"long_run_max_share": 0.3})], ids=["0.40", "0.30"])
def test_long_run_is_at_most_its_share_of_the_week(cfg):
    _, m = build(cfg)
    # reward long runs far more than volume: only the share (and the step/spike caps) hold them back
    m.cp.maximize(10 * sum(m.week_long(w) for w in m.week_numbers) - sum(m.week_distance(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    share = cfg.get("rules", {}).get("long_run_max_share", 0.4)
    for w in m.week_numbers:
        week = [d for d in days if d["week"] == w]
        total = sum(d["tenths"] for d in week)
        for d in week:
            if d["kind"] == "long":
                assert d["tenths"] <= share * total + 1e-9, (w, d["tenths"], total)


def test_share_binds_a_lean_week():
    """Asked for the longest week-1 long run in the shortest week, the model keeps the week at
    long / 0.4 or more."""
    _, m = build(BASE)
    m.cp.add(m.week_long(1) >= 120)
    m.cp.minimize(m.week_distance(1))
    solver = solve_ok(m)
    assert solver.Value(m.week_distance(1)) == math.ceil(solver.Value(m.week_long(1)) / 0.4)


def force_long_over_share(m):
    m.cp.add(m.has_long(1) == 1)
    m.cp.add(10 * m.week_long(1) > 4 * m.week_distance(1))


def force_half_the_week(m):
    m.cp.add(m.week_long(2) == 120)
    m.cp.add(m.week_distance(2) == 240)


@pytest.mark.parametrize("force", [force_long_over_share, force_half_the_week])
def test_forced_long_run_over_its_share_is_infeasible(force):
    assert_forced_violation(BASE, long_run_max_share, force)


def test_validator_rejects_a_long_run_over_its_share():
    """Easy runs of a week are shortened until its long run is more than 0.4 x the week (the last
    week first: a shorter week there lowers no later cap)."""
    plan = solved_plan(BASE)
    edits = []
    for week in range(len(plan["weeks"]), 0, -1):
        for i in runs_of(plan, week, "long"):
            def shorten(p, week=week, i=i):
                allowed_week = math.ceil(p["days"][i]["distance"] / 0.4 * 10 - 1e-6) / 10
                cut = round(plan_week_distance(p, week) - allowed_week + 0.1, 1)
                cut_easy_distance(BASE, p, week, cut)
            edits.append((f"easy runs of week {week} shortened", shorten))
    broken, description = find_break(BASE, plan, "long_run_max_share", edits)
    assert violations(BASE, broken, "long_run_max_share"), description
