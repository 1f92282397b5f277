"""quality: at most quality_sessions_per_week tempo/interval runs a week; never the day before a
long run or a race."""

import pytest
from ortools.sat.python import cp_model

from constraints import sharpener, quality, taper
from constraints.conftest import (
    ALL_DAYS, RACE, assert_forced_violation, build, find_break, index_of, make_config, runs_of,
    set_run, solve, solve_ok, solved_plan, swap_days, swap_runs, values, violations,
)
from planner.config import load_config

QUALITY = make_config(quality_sessions_per_week=1)


@pytest.mark.parametrize("cfg", [QUALITY, make_config(ALL_DAYS, quality_sessions_per_week=2), make_config(),
                                 make_config(RACE, quality_sessions_per_week=1)],
                         ids=["1 a week", "2 a week", "none", "race"])
def test_quality_sessions_are_limited_and_placed(cfg):
    _, m = build(cfg)
    # volume plus a large reward per quality session: the solver takes every one it may
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 100 * sum(v.quality for v in m.free_vars()))
    days = values(solve_ok(m), m)
    most = load_config(cfg).quality_sessions_per_week
    for w in m.week_numbers:
        assert sum(d["kind"] == "quality" for d in days if d["week"] == w) == most  # at most, and binding
    for d, tomorrow in zip(days, days[1:]):
        if d["kind"] == "quality":
            assert tomorrow["kind"] not in ("long", "race"), d["date"]


def force_two_in_a_week(m):
    m.cp.add(m.day(index_of(1, "tue")).quality == 1)
    m.cp.add(m.day(index_of(1, "thu")).quality == 1)


def force_before_long(m):
    m.cp.add(m.day(index_of(2, "sat")).quality == 1)
    m.cp.add(m.day(index_of(2, "sun")).long == 1)


@pytest.mark.parametrize("force", [force_two_in_a_week, force_before_long])
def test_forced_quality_violation_is_infeasible(force):
    assert_forced_violation(QUALITY, quality, force)


def test_forced_quality_without_any_allowed_is_infeasible():
    assert_forced_violation(make_config(), quality, lambda m: m.cp.add(m.day(index_of(2, "wed")).quality == 1))


def test_forced_quality_the_day_before_the_race_is_infeasible():
    """The taper also forbids anything but rest or a short easy run the day before the race, and
    the sharpener rule any quality in the 3 days before it, so both are left out of the second
    model; quality alone still forbids it."""
    cfg = make_config(RACE, quality_sessions_per_week=1)
    force = lambda m: m.cp.add(m.day(index_of(4, "sat")).quality == 1)  # noqa: E731
    assert_forced_violation(cfg, quality, force, extra_skip=(taper, sharpener))
    _, m = build(cfg, skip=(taper,))
    force(m)
    assert solve(m)[0] == cp_model.INFEASIBLE


# A quality session weighs about twice an easy run's load, and the solved plans run close to the
# ACWR limit: acwr_max is relaxed so that moving or adding a quality session breaks only this rule.
QUALITY_LOOSE = make_config(QUALITY, rules={"acwr_max": 2.0})






# A quality session weighs about twice an easy run's load, and the solved plans run close to the
# ACWR limit: acwr_max is relaxed so that moving or adding a quality session breaks only this rule.
QUALITY_LOOSE = make_config(QUALITY, rules={"acwr_max": 2.0})


def test_validator_rejects_quality_the_day_before_a_long_run():
    """Days of one week are rearranged so that its quality run lands on the day before its long run
    (same runs and sessions, other days): the long run first moves to the week's other long-run day
    if that helps, then the quality day swaps with the day before the long run."""
    plan = solved_plan(QUALITY_LOOSE)
    edits = []
    for w in range(1, len(plan["weeks"]) + 1):
        sat, sun = index_of(w, "sat"), index_of(w, "sun")
        for flip in (None, swap_runs, swap_days):
            def edit(p, w=w, flip=flip, sat=sat, sun=sun):
                if flip:
                    flip(QUALITY_LOOSE, p, sat, sun)
                longs, qualities = runs_of(p, w, "long"), runs_of(p, w, "quality")
                if not longs or not qualities or longs[0] - 1 < 7 * (w - 1) or longs[0] - 1 == qualities[0]:
                    return False
                swap_days(QUALITY_LOOSE, p, qualities[0], longs[0] - 1)
            edits.append((f"week {w}: quality before the long run{' (long run moved)' if flip else ''}", edit))
    broken, description = find_break(QUALITY_LOOSE, plan, "quality", edits)
    assert any("day before a long" in v.message for v in violations(QUALITY_LOOSE, broken, "quality")), description


def test_validator_rejects_too_many_quality_runs():
    plan = solved_plan(QUALITY_LOOSE)
    edits = []
    for w in range(1, len(plan["weeks"]) + 1):
        for e in runs_of(plan, w, "easy"):
            edits.append((f"easy run of day {e} made quality", lambda p, e=e: set_run(QUALITY_LOOSE, p, e, "quality")))
    broken, description = find_break(QUALITY_LOOSE, plan, "quality", edits)
    assert any("at most 1" in v.message for v in violations(QUALITY_LOOSE, broken, "quality")), description
