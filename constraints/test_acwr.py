"""acwr_max: for every plan day, acute (7-day load) / chronic (28-day load / 4, floored) <= 1.3."""

import math

import pytest

from ortools.sat.python import cp_model

from constraints import acwr, max_weekly_increase
from constraints.conftest import (
    RACE, SOLVED, acwr_series, assert_forced_violation, build, find_break, make_config,
    maximize_volume, max_volume, pace_minutes, refresh, solve, solve_ok, solved_plan, values,
    violations,
)
from planner.config import load_config


def model_ratios(cfg, days):
    """Acute/chronic ratios of a solved model, computed test-side from its daily loads."""
    return [r for _, _, r in acwr_series(load_config(cfg), [0 if d["kind"] == "race" else d["load"] for d in days])]


# A fast ramp: max_weekly_increase opened up so that the ACWR is what limits the build.
RAMP = make_config(rules={"max_weekly_increase": 0.5})


@pytest.mark.parametrize("cfg", [make_config(), make_config(RACE), RAMP], ids=["base", "race", "ramp"])
def test_max_volume_plan_keeps_every_day_within_acwr_max(cfg):
    _, m = build(cfg)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    most = load_config(cfg).rules.acwr_max
    ratios = model_ratios(cfg, days)
    assert len(ratios) == len(days)
    assert max(ratios) <= most + 1e-9
    # the loads the model works with are the rules' session-RPE loads
    for d in days:
        rpe = {"easy": 3, "long": 4, "quality": 6, "rest": 0, "race": 0}[d["kind"]]
        assert d["load"] == d["minutes"] * rpe + 60 * d["strength"]


def test_acwr_limits_a_fast_ramp():
    """The rule binds: with a fast ramp allowed, the ACWR keeps the plan below what the other rules
    allow, and a looser ratio gives that volume back."""
    with_rule = max_volume(RAMP)
    assert with_rule < max_volume(RAMP, skip=(acwr,))
    assert with_rule < max_volume(make_config(rules={"max_weekly_increase": 0.5, "acwr_max": 1.5}))


def test_chronic_floor_lets_a_beginner_start():
    """With no history, chronic load is the floor: (10 km x 6 min x 3.5) + 2 x 20 x 3 = 330, so a
    week-1 acute load of up to 1.3 x 330 = 429 is allowed."""
    cfg = make_config(history={"weekly_distance": [0], "longest_recent_run": 0})
    _, m = build(cfg)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    assert sum(d["distance"] for d in days[:7]) > 0  # the beginner does run in week 1
    ratios = model_ratios(cfg, days)
    assert max(ratios) <= 1.3 + 1e-9


def force_week1_at_target(m):
    m.cp.add(m.week_distance(1) >= m.instance.target)  # 45 km after weeks of 30-33 km


def force_big_first_week_load(m):
    # acute load of the plan's 7th day well above 1.3 x the chronic load (about 660)
    m.cp.add(sum(m.load(i) for i in range(7)) >= 1000)


@pytest.mark.parametrize("force", [force_week1_at_target, force_big_first_week_load])
def test_forced_load_spike_is_infeasible(force):
    assert_forced_violation(RAMP, acwr, force)


def test_forced_spike_over_the_chronic_floor_is_infeasible():
    """A beginner (no history): chronic load is the floor, 330, so week 1's acute load may not
    pass 1.3 x 330 = 429. max_weekly_increase (start_floor 10 km) would block such a week by
    itself, so it is left out of both models; the ACWR alone then rules the week out."""
    cfg = make_config(history={"weekly_distance": [0], "longest_recent_run": 0})

    def force(m):
        m.cp.add(sum(m.load(i) for i in range(7)) >= 430)

    _, m = build(cfg, skip=(max_weekly_increase,))
    force(m)
    assert solve(m)[0] == cp_model.INFEASIBLE
    _, m = build(cfg, skip=(max_weekly_increase, acwr))
    force(m)
    assert solve(m)[0] in SOLVED


def test_validator_rejects_runs_slowed_to_raise_the_load():
    """Every run takes as long as the pace rule allows (1.15 x easy time + 1, within the day's
    minutes): distances stay, loads rise ~15 %, so only the ACWR is broken."""
    cfg = make_config()
    plan = solved_plan(cfg)
    config = load_config(cfg)
    pace = pace_minutes(cfg)

    def slow_everything(p):
        for d in p["days"]:
            if d["run_kind"] in ("easy", "long"):
                slowest = math.floor(1.15 * d["distance"] * pace + 1 - 1e-9)
                free = config.availability.minutes(d["weekday"]) - d["strength_minutes"]
                d["run_minutes"] = max(d["run_minutes"], min(slowest, free))
        refresh(cfg, p)

    broken, _ = find_break(cfg, plan, "acwr_max", [("slow every run down", slow_everything)])
    found = violations(cfg, broken, "acwr_max")
    assert found and all(v.where >= plan["days"][0]["date"] for v in found)
    assert max(w["max_acwr"] for w in broken["weeks"]) > 1.3


def test_where_the_history_alone_breaks_the_cap_the_first_days_rest():
    """A 10 -> 40 km jump in the last history week puts the first days over 1.3 before anything
    is planned: those days rest, a warning says so, and the plan goes on (docs/replanning.md)."""
    cfg = make_config(history={"weekly_distance": [10, 10, 10, 40], "longest_recent_run": 14})
    plan = solved_plan(cfg)
    assert plan["days"][0]["full_rest"]
    warning = next(w for w in plan["warnings"] if "load-ratio cap" in w)
    assert "2026-11-30" in warning
    assert violations(cfg, plan) == []
    resting = [d for d in plan["days"] if d["date"] <= warning.split(" to ")[-1][:10]]
    assert resting and all(d["full_rest"] for d in resting)
