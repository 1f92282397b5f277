"""max_consecutive_run_days: no more than 5 (default) running days in a row, across week
boundaries; the race counts as a running day."""

import pytest

from constraints import max_consecutive_run_days
from constraints.conftest import (
    ALL_DAYS, RACE, assert_forced_violation, build, find_break, index_of, make_config, pace_minutes,
    runs_of, set_run, solve_ok, solved_plan, values, violations,
)
from planner.config import load_config


def longest_streak(running):
    best = streak = 0
    for r in running:
        streak = streak + 1 if r else 0
        best = max(best, streak)
    return best


@pytest.mark.parametrize("cfg, most", [
    (make_config(ALL_DAYS), 5),
    (make_config(ALL_DAYS, rules={"max_consecutive_run_days": 3}), 3),
    (make_config(rules={"max_consecutive_run_days": 2}), 2),
    (make_config(RACE, ALL_DAYS, rules={"max_consecutive_run_days": 3}), 3),
], ids=["all days, 5", "all days, 3", "base, 2", "race, 3"])
def test_running_streaks_stay_short(cfg, most):
    _, m = build(cfg)
    # volume plus a reward for every running day: the solver would run every day if it could
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 20 * sum(v.run for v in m.free_vars()))
    days = values(solve_ok(m), m)
    streak = longest_streak([d["run"] or d["kind"] == "race" for d in days])
    assert streak <= most
    assert streak == most  # the rule binds


def force_six_days(m):
    for i in range(6):  # Monday to Saturday of week 1
        m.cp.add(m.running(i) == 1)


def force_across_weeks(m):
    for i in range(index_of(1, "thu"), index_of(2, "wed")):  # Thursday to Tuesday
        m.cp.add(m.running(i) == 1)


@pytest.mark.parametrize("force", [force_six_days, force_across_weeks])
def test_forced_long_streak_is_infeasible(force):
    assert_forced_violation(make_config(ALL_DAYS), max_consecutive_run_days, force)


def test_forced_streak_into_the_race_is_infeasible():
    """Runs on the three days before a Sunday race make four running days in a row (limit 3)."""
    cfg = make_config(RACE, ALL_DAYS, rules={"max_consecutive_run_days": 3})
    force = lambda m: [m.cp.add(m.day(index_of(4, day)).run == 1) for day in ("thu", "fri", "sat")]  # noqa: E731
    assert_forced_violation(cfg, max_consecutive_run_days, force)


def test_validator_rejects_a_long_streak():
    """With at most 2 running days in a row, part of an easy run is moved onto a free rest day
    between two running days (same weekly distance)."""
    cfg = make_config(rules={"max_consecutive_run_days": 2})
    plan = solved_plan(cfg)
    config = load_config(cfg)
    shortest = config.rules.min_run_minutes / pace_minutes(cfg) + 0.1
    edits = []
    days = plan["days"]
    for r, d in enumerate(days):
        free = config.availability.minutes(d["weekday"])
        if d["run_kind"] != "rest" or free < 30 or r == 0 or r + 1 == len(days):
            continue
        if days[r - 1]["run_kind"] == "rest" and days[r + 1]["run_kind"] == "rest":
            continue
        for e in runs_of(plan, r // 7 + 1, "easy"):
            if days[e]["distance"] >= 2 * shortest:
                def split(p, e=e, r=r):
                    half = round(p["days"][e]["distance"] / 2, 1)
                    set_run(cfg, p, e, "easy", p["days"][e]["distance"] - half)
                    set_run(cfg, p, r, "easy", half)
                edits.append((f"half of day {e}'s easy run moved to rest day {r}", split))
    broken, description = find_break(cfg, plan, "max_consecutive_run_days", edits)
    assert violations(cfg, broken, "max_consecutive_run_days"), description
