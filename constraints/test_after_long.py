"""after_long: the day after a long run is not long, quality or race."""

import pytest
from ortools.sat.python import cp_model

from constraints import after_long, taper
from constraints.conftest import (
    ALL_DAYS,
    RACE, assert_forced_violation, build, find_break, index_of, make_config, runs_of,
    solve, solve_ok, solved_plan, swap_days, swap_runs, values, violations,
)

QUALITY = make_config(quality_sessions_per_week=1)
# long runs on Sunday or Monday: a Sunday long run and a Monday long run fall in different weeks
SUN_MON = make_config(quality_sessions_per_week=1,
                      availability={"mon": 120, "long_run_days": ["sun", "mon"]})


@pytest.mark.parametrize("cfg", [QUALITY, SUN_MON, make_config(RACE, quality_sessions_per_week=1)],
                         ids=["quality", "sun-mon long days", "race"])
def test_day_after_a_long_run_is_easy_or_rest(cfg):
    _, m = build(cfg)
    # volume, quality sessions, and a large reward for every long run followed by a long or quality
    # run: the solver places such pairs wherever the rules let it
    pairs = []
    for today, tomorrow in zip(m.free_vars(), m.free_vars()[1:]):
        pair = m.cp.new_bool_var("")
        m.cp.add(pair <= today.long)
        m.cp.add(pair <= tomorrow.long + tomorrow.quality)
        pairs.append(pair)
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 50 * sum(v.quality for v in m.free_vars()) + 1000 * sum(pairs))
    days = values(solve_ok(m), m)
    longs = [d["index"] for d in days if d["kind"] == "long"]
    assert longs and any(d["kind"] == "quality" for d in days)
    for i in longs:
        if i + 1 < len(days):
            assert days[i + 1]["kind"] not in ("long", "quality", "race"), days[i]["date"]


def force_quality_after_long(m):
    m.cp.add(m.day(index_of(1, "sat")).long == 1)
    m.cp.add(m.day(index_of(1, "sun")).quality == 1)


def force_long_after_long_across_weeks(m):
    m.cp.add(m.day(index_of(1, "sun")).long == 1)
    m.cp.add(m.day(index_of(2, "mon")).long == 1)


@pytest.mark.parametrize("cfg, force", [(QUALITY, force_quality_after_long),
                                        (SUN_MON, force_long_after_long_across_weeks)],
                         ids=["sat long, sun quality", "sun long, mon long"])
def test_forced_hard_day_after_long_run_is_infeasible(cfg, force):
    assert_forced_violation(cfg, after_long, force)


def test_forced_long_run_the_day_before_the_race_is_infeasible():
    """A race on Sunday after a Saturday long run; the taper rule (no long run in race week) and
    after_long both forbid it, so the taper module is left out of the second model too."""
    cfg = make_config(RACE)
    force = lambda m: m.cp.add(m.day(index_of(4, "sat")).long == 1)  # noqa: E731
    assert_forced_violation(cfg, after_long, force, extra_skip=(taper,))
    # without taper, after_long alone still blocks it
    _, m = build(cfg, skip=(taper,))
    force(m)
    assert solve(m)[0] == cp_model.INFEASIBLE


# every day with time to spare, so moving the quality run breaks after_long and nothing else
ROOMY_QUALITY = make_config(ALL_DAYS, quality_sessions_per_week=1, rules={"acwr_max": 2.0},
                            availability={"mon": 120, "tue": 120, "wed": 120, "thu": 120, "fri": 120})


def test_validator_rejects_quality_the_day_after_a_long_run():
    """Swap a week's quality run (alone or with the day's hip/core session) with the easy run or
    rest day after its long run: same runs, same loads, the quality session lands on the wrong day."""
    plan = solved_plan(ROOMY_QUALITY)
    edits = []
    for week in range(1, len(plan["weeks"]) + 1):
        for long_day in runs_of(plan, week, "long"):
            after = long_day + 1
            quality = runs_of(plan, week, "quality") + runs_of(plan, week + 1, "quality")
            if after < len(plan["days"]) and plan["days"][after]["run_kind"] in ("easy", "rest"):
                for q in quality:
                    if q // 7 == after // 7:
                        for swap in (swap_runs, swap_days):
                            edits.append((f"{swap.__name__}({q}, {after}): quality after a long run",
                                          lambda p, q=q, after=after, swap=swap: swap(ROOMY_QUALITY, p, q, after)))
    broken, _ = find_break(ROOMY_QUALITY, plan, "after_long", edits)
    found = violations(ROOMY_QUALITY, broken, "after_long")
    assert len(found) == 1 and "quality" in found[0].message
