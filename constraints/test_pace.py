"""pace: easy and long runs take distance x easy_pace - 1 .. 1.15 x distance x easy_pace + 1
minutes; quality runs 0.8 x distance x easy_pace - 1 .. distance x easy_pace + 1; a race excepted."""

import copy
import math

import pytest

import planner
from constraints import pace
from constraints.conftest import (
    schedule_of,
    SOLVED, solve,
    ALL_DAYS, assert_forced_violation, build, find_break, index_of, make_config, pace_minutes, refresh,
    solve_ok, solved_plan, values, violations,
)
from planner.config import load_config
from planner.result import build_plan

QUALITY = make_config(quality_sessions_per_week=1)


def spec_range(kind, distance, per_unit):
    base = distance * per_unit
    return (0.8 * base - 1, base + 1) if kind == "quality" else (base - 1, 1.15 * base + 1)


@pytest.mark.parametrize("cfg", [QUALITY, make_config(athlete={"easy_pace": "5:17"}, quality_sessions_per_week=1),
                                 make_config(athlete={"units": "mi", "easy_pace": "9:40"},
                                             history={"weekly_distance": [20, 21, 20, 22], "longest_recent_run": 9},
                                             goal={"target_weekly_distance": 28}, quality_sessions_per_week=1)],
                         ids=["6:00/km", "5:17/km", "9:40/mi"])
def test_run_minutes_follow_the_distance(cfg):
    _, m = build(cfg)
    # volume plus a reward for quality sessions, so every kind of run is present
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 50 * sum(v.quality for v in m.free_vars()))
    days = values(solve_ok(m), m)
    per_unit = pace_minutes(cfg)
    kinds = {d["kind"] for d in days}
    assert {"easy", "long", "quality"} <= kinds
    for d in days:
        if d["run"]:
            low, high = spec_range(d["kind"], d["distance"], per_unit)
            assert low <= d["minutes"] <= high, (d["date"], d["kind"], d["distance"], d["minutes"])


TUE, SAT = index_of(1, "tue"), index_of(1, "sat")


def pin(m, index, kind, distance, minutes):
    v = m.day(index)
    flag, dist, mins = {"easy": (v.easy, v.easy_distance, v.easy_minutes),
                        "long": (v.long, v.long_distance, v.long_minutes),
                        "quality": (v.quality, v.quality_distance, v.quality_minutes)}[kind]
    m.cp.add(flag == 1)
    m.cp.add(dist == round(10 * distance))
    m.cp.add(mins == minutes)


@pytest.mark.parametrize("index, kind, distance, minutes", [
    (TUE, "easy", 6.0, 34),     # at least 35 (36 - 1)
    (TUE, "easy", 6.0, 43),     # at most 42.4 (1.15 x 36 + 1)
    (SAT, "long", 14.0, 82),    # at least 83
    (SAT, "long", 14.0, 99),    # at most 97.6
    (TUE, "quality", 6.0, 27),  # at least 27.8
    (TUE, "quality", 6.0, 38),  # at most 37
], ids=["easy fast", "easy slow", "long fast", "long slow", "quality fast", "quality slow"])
def test_forced_run_at_the_wrong_pace_is_infeasible(index, kind, distance, minutes):
    low, high = spec_range(kind, distance, 6)
    assert not low <= minutes <= high  # a real violation of the rule's range
    assert_forced_violation(QUALITY, pace, lambda m: pin(m, index, kind, distance, minutes))


@pytest.mark.parametrize("kind, distance, minutes", [("long", 14.0, 83), ("quality", 6.0, 30)])
def test_model_never_plans_a_run_faster_than_its_expected_time(kind, distance, minutes):
    """pace.py narrows the rules' fast end: a run never takes fewer minutes than its expected time
    (easy/long at easy pace, quality at 0.9 x that, rounded), so loads are never understated.
    The pace rule allows these durations; without the pace module they are accepted."""
    low, high = spec_range(kind, distance, 6)
    assert low <= minutes <= high
    index = SAT if kind == "long" else TUE
    assert_forced_violation(QUALITY, pace, lambda m: pin(m, index, kind, distance, minutes))


def test_model_allows_a_slower_run_up_to_specs_slow_end():
    """An easy 6 km at 6:00/km is expected to take 36 minutes; 40 is inside the rules' range and allowed."""
    _, m = build(QUALITY)
    pin(m, TUE, "easy", 6.0, 40)
    assert solve(m)[0] in SOLVED


def test_validator_rejects_a_run_at_the_wrong_pace():
    """One run's minutes are set just outside its range: faster for any run (fewer load points), or
    slower where the day has the time."""
    plan = solved_plan(QUALITY)
    config = load_config(QUALITY)
    per_unit = pace_minutes(QUALITY)
    edits = []
    for i, d in enumerate(plan["days"]):
        if d["run_kind"] not in ("easy", "long", "quality"):
            continue
        low, high = spec_range(d["run_kind"], d["distance"], per_unit)
        free = config.availability.minutes(d["weekday"]) - d["strength_minutes"]

        def faster(p, i=i, low=low):
            p["days"][i]["run_minutes"] = math.ceil(low) - 1
            refresh(QUALITY, p)

        def slower(p, i=i, high=high, free=free):
            if math.floor(high) + 1 > free:
                return False
            p["days"][i]["run_minutes"] = math.floor(high) + 1
            refresh(QUALITY, p)
        edits += [(f"{d['run_kind']} run of day {i} too fast", faster), (f"{d['run_kind']} run of day {i} too slow", slower)]
    broken, description = find_break(QUALITY, plan, "pace", edits)
    assert len(violations(QUALITY, broken, "pace")) == 1, description
    # both directions are caught, for every kind of run
    caught = set()
    for text, edit in edits:
        p = copy.deepcopy(plan)
        if edit(p) is not False and violations(QUALITY, p, "pace"):
            caught.add((text.split()[0], text.split()[-1]))
    assert {("easy", "fast"), ("easy", "slow"), ("long", "fast"), ("quality", "fast")} <= caught


# ---- the nearest-minute narrowing can make a rule-feasible config infeasible -----------------------

# A beginner (no history) over 8 weeks: every run is capped at 4 km (start_floor x share), weeks at
# 10-12 km, and the cutback week 4 at 0.8 x week 3 <= 9.6 km. A long run needs two easy runs
# strictly shorter than it, each lasting >= 20 minutes. In the model a 20-minute run is >= 3.3 km
# (3.2 km x 6:00 = 19.2 -> 19 min), so such a week is >= 3.4 + 3.3 + 3.3 = 10.0 km: the cutback
# week cannot hold it. The rules' pace range lets 2.8 km take 20 minutes (<= 1.15 x 16.8 + 1 = 20.3).
BEGINNER = make_config(ALL_DAYS, history={"weekly_distance": [0], "longest_recent_run": 0}, plan={"weeks": 8},
                       goal={"target_weekly_distance": 25})


def spec_pace(m):
    """docs/rules.md's pace ranges in place of the pace module (in hundredths of a minute)."""
    seconds = m.instance.pace
    for v in m.free_vars():
        for flag, distance, minutes in v.kinds():
            low, high = (80, 100) if flag is v.quality else (100, 115)
            m.cp.add(60000 * minutes >= low * seconds * distance - 60000).only_enforce_if(flag)
            m.cp.add(60000 * minutes <= high * seconds * distance + 60000).only_enforce_if(flag)
            m.cp.add(minutes == 0).only_enforce_if(flag.Not())


def test_beginner_plan_exists_under_spec_pace():
    """With the rules' pace ranges the model finds a plan, and the independent validator accepts it."""
    inst, m = build(BEGINNER, skip=(pace,))
    spec_pace(m)
    solver = solve_ok(m)
    plan = build_plan(inst, schedule_of(m, solver, "feasible"), "feasible", 0.0).to_dict()
    assert violations(BEGINNER, plan) == []
    assert any(0 < d["distance"] < 3.3 and d["run_minutes"] >= 20 for d in plan["days"])


def test_planner_finds_the_beginner_plan():
    """A true beginner (no history) needs 20-minute runs shorter than 20 minutes at easy pace."""
    assert planner.plan(BEGINNER, time_limit=10).status in ("optimal", "feasible")
