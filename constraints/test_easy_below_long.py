"""easy_below_long: in a week with a long run, every easy run is strictly shorter than it."""

import pytest

from constraints import easy_below_long
from constraints.conftest import (
    RACE, assert_forced_violation, build, find_break, index_of, make_config, runs_of,
    set_run, solve_ok, solved_plan, values, violations,
)

BASE = make_config()


@pytest.mark.parametrize("cfg", [BASE, make_config(RACE)], ids=["base", "race"])
def test_easy_runs_are_shorter_than_the_long_run(cfg):
    _, m = build(cfg)
    # volume, plus a reward for long easy runs: the solver would stretch them to the long run if allowed
    m.cp.maximize(10 * sum(m.week_distance(w) for w in m.week_numbers) + sum(v.easy_distance for v in m.free_vars()))
    days = values(solve_ok(m), m)
    checked = 0
    for w in m.week_numbers:
        week = [d for d in days if d["week"] == w]
        longs = [d["tenths"] for d in week if d["kind"] == "long"]
        for d in week:
            if longs and d["kind"] == "easy":
                assert d["tenths"] < longs[0], (d["date"], d["tenths"], longs)
                checked += 1
    assert checked >= 2 * len(m.week_numbers) - 2


def force_easy_equal_to_long(m):
    sat = m.day(index_of(1, "sat"))
    m.cp.add(sat.easy == 1)
    m.cp.add(sat.easy_distance == m.week_long(1))
    m.cp.add(m.has_long(1) == 1)


def force_easy_longer_than_long(m):
    tue = m.day(index_of(2, "tue"))
    m.cp.add(tue.easy == 1)
    m.cp.add(tue.easy_distance >= m.week_long(2) + 10)


@pytest.mark.parametrize("force", [force_easy_equal_to_long, force_easy_longer_than_long])
def test_forced_easy_run_as_long_as_the_long_run_is_infeasible(force):
    assert_forced_violation(BASE, easy_below_long, force)


def test_week_without_long_run_has_no_such_limit():
    """Race week has no long run; its easy runs are not compared with anything (the full model
    accepts an easy run longer than any other run that week)."""
    cfg = make_config(RACE)
    _, m = build(cfg)
    tue = m.day(index_of(4, "tue"))
    m.cp.add(tue.easy == 1)
    m.cp.add(tue.easy_distance >= 50)
    days = values(solve_ok(m), m)
    assert not any(d["kind"] == "long" for d in days if d["week"] == 4)


def test_validator_rejects_an_easy_run_as_long_as_the_long_run():
    """The long run is shortened to the week's longest easy run (a smaller long run breaks no cap;
    the last weeks are tried first so later weeks' ramps are unaffected)."""
    plan = solved_plan(BASE)
    edits = []
    for week in range(len(plan["weeks"]), 0, -1):
        easy = runs_of(plan, week, "easy")
        for long_day in runs_of(plan, week, "long"):
            if easy:
                longest = max(plan["days"][i]["distance"] for i in easy)
                edits.append((f"week {week}'s long run cut to {longest}",
                               lambda p, i=long_day, d=longest: set_run(BASE, p, i, "long", d)))
    broken, description = find_break(BASE, plan, "easy_below_long", edits)
    assert violations(BASE, broken, "easy_below_long"), description
