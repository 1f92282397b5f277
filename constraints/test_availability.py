"""availability: run_minutes + strength_minutes <= the weekday's minutes (a race's own minutes
excepted); a day with 0 minutes holds no training."""

import math

import pytest

from constraints import availability
from constraints.conftest import (
    ALL_DAYS, RACE, assert_forced_violation, build, find_break, index_of, make_config,
    maximize_volume, pace_minutes, move_strength, refresh, solve_ok, solved_plan, values, violations,
)
from planner.config import load_config


@pytest.mark.parametrize("cfg", [make_config(), make_config(strength={"minutes": 40}), make_config(RACE),
                                 make_config(ALL_DAYS, availability={"wed": 25, "sat": 45})],
                         ids=["base", "40-minute strength", "race", "short days"])
def test_every_day_fits_its_free_minutes(cfg):
    _, m = build(cfg)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    smin = load_config(cfg).strength.minutes
    for d in days:
        used = d["minutes"] + smin * d["strength"]
        assert used <= d["free"], f"{d['date']}: {used} minutes on a day with {d['free']}"
        if d["free"] == 0:
            assert not d["run"] and not d["strength"]
    # the plan does use the time it has: some day is filled to within a few minutes
    assert any(d["free"] - d["minutes"] - smin * d["strength"] <= 5 for d in days if d["free"])


def test_race_minutes_are_excepted():
    """A 10 km race takes 60 minutes; race day may have fewer free minutes than that."""
    cfg = make_config(RACE, availability={"sun": 30})
    _, m = build(cfg)
    days = values(solve_ok(m), m)
    race = [d for d in days if d["kind"] == "race"]
    assert len(race) == 1 and race[0]["free"] == 30


def force_long_tuesday_run(m):
    m.cp.add(m.day(index_of(1, "tue")).minutes == 61)  # Tuesday has 60 minutes


def force_run_and_strength_over(m):
    tue = m.day(index_of(1, "tue"))
    m.cp.add(tue.minutes == 45)
    m.cp.add(tue.strength == 1)  # 45 + 20 > 60


def force_run_on_empty_day(m):
    m.cp.add(m.day(index_of(2, "mon")).run == 1)  # Monday has 0 minutes


def force_strength_on_empty_day(m):
    m.cp.add(m.day(index_of(1, "fri")).strength == 1)  # Friday has 0 minutes


@pytest.mark.parametrize("force", [force_long_tuesday_run, force_run_and_strength_over,
                                   force_run_on_empty_day, force_strength_on_empty_day])
def test_forced_overbooked_day_is_infeasible(force):
    assert_forced_violation(make_config(), availability, force)


def test_validator_rejects_a_day_with_more_training_than_free_minutes():
    cfg = make_config()
    plan = solved_plan(cfg)
    config = load_config(cfg)
    pace = pace_minutes(cfg)
    edits = []
    for i, d in enumerate(plan["days"]):
        if d["run_kind"] not in ("easy", "long"):
            continue
        free = config.availability.minutes(d["weekday"]) - d["strength_minutes"]
        slowest = math.floor(1.15 * d["distance"] * pace + 1 - 1e-9)  # still a valid pace

        def slower(p, i=i, free=free, slowest=slowest):
            if slowest <= free:
                return False
            p["days"][i]["run_minutes"] = free + 1
            refresh(cfg, p)
        edits.append((f"day {i}'s run slowed to one minute more than the day has", slower))

        for j, other in enumerate(plan["days"]):  # a hip/core session moved onto a full run day
            if j // 7 == i // 7 and other["strength"] and not d["strength"] and d["run_minutes"] + config.strength.minutes > free:
                edits.append((f"hip/core session of day {j} moved to day {i}",
                              lambda p, i=i, j=j: move_strength(cfg, p, j, i)))
    broken, description = find_break(cfg, plan, "availability", edits)
    found = violations(cfg, broken, "availability")
    assert len(found) == 1, description
