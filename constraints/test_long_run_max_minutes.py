"""long_run_max_minutes: a long run's run_minutes <= 180 (default; 80 in these tests)."""

import pytest

from constraints import long_run_max_minutes
from constraints.conftest import (
    assert_forced_violation, build, find_break, make_config, max_volume, pace_minutes, refresh,
    runs_of, solve_ok, solved_plan, values, violations,
)

CAP = 80
CAPPED = make_config(rules={"long_run_max_minutes": CAP})


@pytest.mark.parametrize("cfg, cap", [(make_config(), 180), (CAPPED, CAP)], ids=["default", "80 minutes"])
def test_long_runs_stay_within_the_cap(cfg, cap):
    _, m = build(cfg)
    # volume plus long runs as long as possible
    m.cp.maximize(10 * sum(m.week_distance(w) for w in m.week_numbers) + sum(m.week_long(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    longs = [d for d in days if d["kind"] == "long"]
    assert len(longs) == len(m.week_numbers)
    assert all(d["minutes"] <= cap for d in longs)
    if cap == CAP:  # the cap binds: some long run uses all of it
        assert max(d["minutes"] for d in longs) == CAP


def test_the_cap_costs_long_run_distance():
    _, m = build(CAPPED)
    m.cp.maximize(sum(m.week_long(w) for w in m.week_numbers))
    capped = solve_ok(m).ObjectiveValue()
    _, m = build(CAPPED, skip=(long_run_max_minutes,))
    m.cp.maximize(sum(m.week_long(w) for w in m.week_numbers))
    assert capped < solve_ok(m).ObjectiveValue()
    assert max_volume(CAPPED) <= max_volume(CAPPED, skip=(long_run_max_minutes,))


def force_81_minutes(m):
    m.cp.add(sum(v.long_minutes for v in m.free_vars()[:7]) >= CAP + 1)


def force_long_week_3(m):
    m.cp.add(m.week_long(3) >= 150)  # 15 km at 6:00 = 90 minutes


@pytest.mark.parametrize("force", [force_81_minutes, force_long_week_3])
def test_forced_overlong_long_run_is_infeasible(force):
    assert_forced_violation(CAPPED, long_run_max_minutes, force)


def test_validator_rejects_a_long_run_over_the_cap():
    """A long run slowed to CAP + 1 minutes (within the pace rule's 1.15 x easy time + 1)."""
    plan = solved_plan(CAPPED)
    pace = pace_minutes(CAPPED)
    edits = []
    for week in range(1, len(plan["weeks"]) + 1):
        for i in runs_of(plan, week, "long"):
            def slow(p, i=i):
                if CAP + 1 > 1.15 * p["days"][i]["distance"] * pace + 1:
                    return False
                p["days"][i]["run_minutes"] = CAP + 1
                refresh(CAPPED, p)
            edits.append((f"long run of day {i} takes {CAP + 1} minutes", slow))
    broken, description = find_break(CAPPED, plan, "long_run_max_minutes", edits)
    found = violations(CAPPED, broken, "long_run_max_minutes")
    assert len(found) == 1 and f"{CAP + 1} minutes" in found[0].message, description
