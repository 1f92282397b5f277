"""run_spike: every run of week w (a race excepted) <= (1 + 0.10) x the longest run of weeks
w-4..w-1, longest_recent_run standing for every week before the plan; the cap never falls below
long_run_max_share x start_floor."""

import math

import pytest

from constraints import run_spike
from constraints.conftest import (
    RACE, assert_forced_violation, build, cut_easy_distance, find_break, make_config, runs_of, set_run,
    solve_ok, solved_plan, values, violations,
)
from planner.config import load_config

# long_run_step and long_run_max_share relaxed so that the spike rule is what limits long runs
SPIKE = make_config(rules={"long_run_step": 10, "long_run_max_share": 0.6})
SIX_WEEKS = make_config(SPIKE, plan={"weeks": 6}, rules={"cutback_every": 0})


def spike_caps(cfg, longest_by_week):
    """Cap of every plan week (in the unit) from each week's longest run."""
    config = load_config(cfg)
    floor = config.rules.long_run_max_share * config.start_floor
    caps = {}
    for w in longest_by_week:
        recent = [longest_by_week[v] if v >= 1 else config.history.longest_recent_run for v in range(w - 4, w)]
        caps[w] = max((1 + config.rules.run_spike) * max(recent), floor)
    return caps


@pytest.mark.parametrize("cfg", [SPIKE, make_config(), SIX_WEEKS, make_config(SPIKE, RACE),
                                 make_config(SPIKE, rules={"run_spike": 0.05})],
                         ids=["spike-limited", "base", "6 weeks", "race", "5 %"])
def test_no_run_is_much_longer_than_recent_ones(cfg):
    _, m = build(cfg)
    m.cp.maximize(10 * sum(m.week_long(w) for w in m.week_numbers) + sum(m.week_distance(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    longest = {w: max(d["distance"] for d in days if d["week"] == w and d["kind"] != "race") for w in m.week_numbers}
    caps = spike_caps(cfg, longest)
    for d in days:
        if d["run"]:
            assert d["distance"] <= caps[d["week"]] + 1e-9, (d["date"], d["distance"], caps[d["week"]])
    if cfg is SPIKE:  # the rule binds: week 1's long run is 1.1 x 14 = 15.4
        assert longest[1] == pytest.approx(15.4)


def force_week_1_run(m):
    m.cp.add(m.week_max_run(1) == 155)  # 1.1 x 14 = 15.4


def force_after_a_short_week(m):
    # the 4 weeks before week 2 include the history's 14 km: cap 15.4 even after a 12 km week 1
    m.cp.add(m.week_max_run(1) == 120)
    m.cp.add(m.week_max_run(2) == 155)


@pytest.mark.parametrize("force", [force_week_1_run, force_after_a_short_week])
def test_forced_spike_is_infeasible(force):
    assert_forced_violation(SPIKE, run_spike, force)


def test_forced_spike_after_history_leaves_the_window_is_infeasible():
    """Week 5's window is weeks 1-4 only: after four weeks of 10 km runs, 11.1 km is a spike even
    though the history had a 14 km run."""
    def force(m):
        for w in range(1, 5):
            m.cp.add(m.week_max_run(w) == 100)
        m.cp.add(m.week_max_run(5) == 111)
    assert_forced_violation(SIX_WEEKS, run_spike, force)


def test_validator_rejects_a_spike():
    """A long run is lengthened to its cap + 0.1 while the week's easy runs lose twice that (the
    week's distance and load go down); later weeks first."""
    plan = solved_plan(SPIKE)
    edits = []
    for week in range(len(plan["weeks"]), 0, -1):
        for i in runs_of(plan, week, "long"):
            def lengthen(p, week=week, i=i):
                longest = {w: max(d["distance"] for d in p["days"][7 * (w - 1): 7 * w]) for w in range(1, week + 1)}
                cap = math.floor(spike_caps(SPIKE, longest)[week] * 10 + 1e-6) / 10
                extra = round(cap + 0.1 - p["days"][i]["distance"], 1)
                set_run(SPIKE, p, i, "long", p["days"][i]["distance"] + extra)
                cut_easy_distance(SPIKE, p, week, 2 * extra)
            edits.append((f"long run of week {week} past the spike cap", lengthen))
    broken, description = find_break(SPIKE, plan, "run_spike", edits)
    assert len(violations(SPIKE, broken, "run_spike")) == 1, description
