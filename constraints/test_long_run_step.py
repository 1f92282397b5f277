"""long_run_step: a long run <= the longest of longest_recent_run and all earlier long runs, plus
the step (2 km); never capped below long_run_max_share x start_floor (0.4 x 10 = 4 km)."""

import math

import pytest

from constraints import long_run_step, run_spike
from constraints.conftest import (
    assert_forced_violation, build, cut_easy_distance, find_break, make_config, runs_of, set_run,
    solve_ok, solved_plan, values, violations,
)
from planner.config import load_config

# run_spike and long_run_max_share relaxed so that the step is what limits long runs
STEP = make_config(history={"longest_recent_run": 8}, rules={"run_spike": 0.5, "long_run_max_share": 0.6})


def longest_allowed(cfg, previous_longest):
    config = load_config(cfg)
    return max(previous_longest + config.long_run_step, config.rules.long_run_max_share * config.start_floor)


@pytest.mark.parametrize("cfg", [STEP, make_config(), make_config(STEP, rules={"long_run_step": 1.0}),
                                 make_config(STEP, plan={"weeks": 5})],
                         ids=["step-limited", "base", "1 km step", "5 weeks"])
def test_long_runs_grow_by_at_most_the_step(cfg):
    _, m = build(cfg)
    m.cp.maximize(10 * sum(m.week_long(w) for w in m.week_numbers) + sum(m.week_distance(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    longest = load_config(cfg).history.longest_recent_run
    for d in days:
        if d["kind"] == "long":
            assert d["distance"] <= longest_allowed(cfg, longest) + 1e-9, (d["date"], d["distance"], longest)
            longest = max(longest, d["distance"])
    if cfg is STEP:  # the step binds: each week's long run is exactly 2 km more
        longs = [d["distance"] for d in days if d["kind"] == "long"]
        assert longs[0] == pytest.approx(10.0) and longs[1] == pytest.approx(12.0)


def test_floor_lets_a_beginner_run_long():
    """No recent long run: the cap is max(0 + 2, 0.4 x 10) = 4 km."""
    cfg = make_config(history={"weekly_distance": [15], "longest_recent_run": 0})
    _, m = build(cfg)
    m.cp.maximize(m.week_long(1))
    assert solve_ok(m).ObjectiveValue() == 40


def force_first_long_over(m):
    m.cp.add(m.week_long(1) == 101)  # 8 + 2 = 10 km allowed


def force_second_long_over(m):
    m.cp.add(m.week_long(1) == 90)
    m.cp.add(m.week_long(2) == 111)  # 9 + 2 = 11 km allowed


def force_after_a_short_week(m):
    # a short long run in week 2 does not reset the reference: week 3 may go to 10 + 2, not 12.1
    m.cp.add(m.week_long(1) == 100)
    m.cp.add(m.week_long(2) == 60)
    m.cp.add(m.week_long(3) == 121)


@pytest.mark.parametrize("force", [force_first_long_over, force_second_long_over, force_after_a_short_week])
def test_forced_long_run_past_the_step_is_infeasible(force):
    assert_forced_violation(STEP, long_run_step, force)


def test_forced_long_run_past_the_floor_is_infeasible():
    """A beginner's 4.1 km long run: over the 4 km floor. run_spike's cap has the same floor, so
    it is left out of the second model too."""
    cfg = make_config(history={"weekly_distance": [15], "longest_recent_run": 0})
    assert_forced_violation(cfg, long_run_step, lambda m: m.cp.add(m.week_long(1) == 41), extra_skip=(run_spike,))


def test_validator_rejects_a_long_run_past_the_step():
    """A long run is lengthened to its cap + 0.1 while the week's easy runs lose twice that, so the
    week's distance and load only go down (the last week first)."""
    plan = solved_plan(STEP)
    edits = []
    for week in range(len(plan["weeks"]), 0, -1):
        for i in runs_of(plan, week, "long"):
            def lengthen(p, week=week, i=i):
                before = [d["distance"] for d in p["days"][:i] if d["run_kind"] == "long"]
                cap = longest_allowed(STEP, max([load_config(STEP).history.longest_recent_run] + before))
                extra = round(math.floor(cap * 10 + 1e-6) / 10 + 0.1 - p["days"][i]["distance"], 1)
                set_run(STEP, p, i, "long", p["days"][i]["distance"] + extra)
                cut_easy_distance(STEP, p, week, 2 * extra)
            edits.append((f"long run of week {week} past the step", lengthen))
    broken, description = find_break(STEP, plan, "long_run_step", edits)
    assert len(violations(STEP, broken, "long_run_step")) >= 1, description


def test_a_recent_long_run_longer_than_any_available_day_still_plans():
    """A 30 km recent long run, but Sunday's 150 minutes hold 25 km at 6:00/km: the step's cap
    (32 km) is above anything the week can hold, and the plan is made all the same."""
    cfg = make_config(history={"longest_recent_run": 30})
    plan = solved_plan(cfg)
    assert violations(cfg, plan) == []
    longs = [d["distance"] for d in plan["days"] if d["run_kind"] == "long"]
    assert longs and max(longs) <= 25.0
