"""strength: exactly sessions_per_week hip/core sessions a week (pain may raise it); race week at
most that many and none on the race day or the 2 days before it; never on a long-run day; never
two days in a row within a plan week."""

import pytest
from ortools.sat.python import cp_model

from constraints import strength
from constraints.conftest import (
    ALL_DAYS, MILD, PERSISTENT, RACE, assert_forced_violation, build, find_break, index_of, make_config,
    maximize_volume, move_strength, refresh, solve, solve_ok, values, violations,
)

BASE = make_config()


@pytest.mark.parametrize("cfg, wanted", [
    (BASE, {1: 2, 2: 2, 3: 2}),
    (make_config(ALL_DAYS, strength={"sessions_per_week": 4}), {1: 4, 2: 4, 3: 4}),
    (make_config(MILD), {1: 3, 2: 3, 3: 2}),
    (make_config(PERSISTENT, ALL_DAYS, strength={"sessions_per_week": 1}), {1: 3, 2: 3, 3: 1}),
    (make_config(strength={"sessions_per_week": 0}), {1: 0, 2: 0, 3: 0}),
], ids=["2 a week", "4 a week", "mild pain: +1", "persistent pain: 3", "none"])
def test_sessions_per_week_and_placement(cfg, wanted):
    _, m = build(cfg)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    for w, count in wanted.items():
        week = [d for d in days if d["week"] == w]
        assert sum(d["strength"] for d in week) == count, w
        for a, b in zip(week, week[1:]):
            assert not (a["strength"] and b["strength"]), a["date"]
        assert not any(d["strength"] and d["kind"] == "long" for d in week)


def test_race_week_sessions_stay_clear_of_the_race():
    cfg = make_config(RACE, ALL_DAYS)
    inst, m = build(cfg)
    # reward sessions: the solver would add them in race week if it could
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 50 * sum(v.strength for v in m.free_vars()))
    days = values(solve_ok(m), m)
    race = inst.race_day.index
    assert sum(d["strength"] for d in days if d["week"] == 4) == 2
    assert not any(d["strength"] for d in days[race - 2: race + 1])


def test_sessions_on_consecutive_days_across_weeks_are_allowed(base_config):
    _, m = build(base_config(ALL_DAYS))
    m.cp.add(m.day(index_of(1, "sun")).strength == 1)
    m.cp.add(m.day(index_of(2, "mon")).strength == 1)
    assert solve(m)[0] in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def force_three_sessions(m):
    m.cp.add(sum(v.strength for _, v in m.week_vars(1)) == 3)


def force_one_session(m):
    m.cp.add(sum(v.strength for _, v in m.week_vars(2)) == 1)


def force_on_long_run_day(m):
    sat = m.day(index_of(1, "sat"))
    m.cp.add(sat.long == 1)
    m.cp.add(sat.strength == 1)


def force_two_days_in_a_row(m):
    m.cp.add(m.day(index_of(1, "tue")).strength == 1)
    m.cp.add(m.day(index_of(1, "wed")).strength == 1)


@pytest.mark.parametrize("force", [force_three_sessions, force_one_session, force_on_long_run_day,
                                   force_two_days_in_a_row])
def test_forced_strength_violation_is_infeasible(force):
    assert_forced_violation(BASE, strength, force)


@pytest.mark.parametrize("cfg, force", [
    (make_config(RACE, ALL_DAYS), lambda m: m.cp.add(m.day(index_of(4, "fri")).strength == 1)),
    (make_config(RACE, ALL_DAYS), lambda m: m.cp.add(sum(v.strength for _, v in m.week_vars(4)) == 3)),
    (make_config(MILD), lambda m: m.cp.add(sum(v.strength for _, v in m.week_vars(1)) == 2)),
], ids=["2 days before the race", "3 in race week", "mild pain: 2 in week 1"])
def test_forced_strength_violation_around_race_and_pain_is_infeasible(cfg, force):
    assert_forced_violation(cfg, strength, force)


def strength_edits(cfg, plan):
    edits = []
    days = plan["days"]
    for s, ds in enumerate(days):
        if not ds["strength"]:
            continue

        def drop(p, s=s):
            p["days"][s]["strength"] = False
            refresh(cfg, p)
        edits.append((f"session of day {s} dropped", drop))
        for t, dt_ in enumerate(days):  # moved to another day of its week
            if t // 7 == s // 7 and t != s and not dt_["strength"]:
                edits.append((f"session moved from day {s} to day {t} ({dt_['run_kind']})",
                              lambda p, s=s, t=t: move_strength(cfg, p, s, t)))
    return edits


@pytest.mark.parametrize("what", ["dropped", "(long)", "moved"], ids=["too few", "on a long-run day", "moved"])
def test_validator_rejects_misplaced_or_missing_sessions(what, base_plan):
    plan = base_plan
    edits = [e for e in strength_edits(BASE, plan) if what in e[0]]
    broken, description = find_break(BASE, plan, "strength", edits)
    found = violations(BASE, broken, "strength")
    assert found, description
    if what == "(long)":
        assert any("long-run day" in v.message for v in found)
    if what == "dropped":
        assert any("exactly 2" in v.message for v in found)
