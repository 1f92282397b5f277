"""blackout: nothing on blackout dates (no run, no hip/core session)."""

import pytest
from ortools.sat.python import cp_model

from constraints import availability, blackout
from constraints.conftest import (
    assert_forced_violation, build, find_break, index_of, make_config, maximize_volume, solve,
    solve_ok, solved_plan, swap_days, values, violations,
)

# a Saturday in week 1 and a Wednesday in week 2 are blacked out
DATES = ["2026-12-05", "2026-12-09"]
BLACKOUT = make_config(availability={"blackout": DATES})


def test_blackout_dates_stay_empty():
    _, m = build(BLACKOUT)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    by_date = {d["date"].isoformat(): d for d in days}
    for date in DATES:
        d = by_date[date]
        assert not d["run"] and not d["strength"] and d["rest"] and d["distance"] == 0
    # the same weekdays outside the blackout are used, so the rule is what keeps these days empty
    assert any(d["run"] or d["strength"] for d in days if d["weekday"] in ("sat", "wed", "sun")
               and d["date"].isoformat() not in DATES)


def force_run(m):
    m.cp.add(m.day(index_of(1, "sat")).run == 1)


def force_strength(m):
    m.cp.add(m.day(index_of(2, "wed")).strength == 1)


def force_long_run(m):
    m.cp.add(m.day(index_of(1, "sat")).long == 1)


@pytest.mark.parametrize("force", [force_run, force_strength, force_long_run])
def test_forced_training_on_a_blackout_date_is_infeasible(force):
    # A blackout date also has 0 free minutes (planner.instance), so availability blocks it
    # too; the rule is isolated by leaving both out of the second model.
    assert_forced_violation(BLACKOUT, blackout, force, extra_skip=(availability,))


@pytest.mark.parametrize("force", [force_run, force_strength])
def test_blackout_rule_blocks_it_without_availability(force):
    """The blackout module on its own (availability left out) still rules the date out."""
    _, m = build(BLACKOUT, skip=(availability,))
    force(m)
    assert solve(m)[0] == cp_model.INFEASIBLE


def test_validator_rejects_training_on_a_blackout_date():
    plan = solved_plan(BLACKOUT)
    edits = []
    for date in DATES:
        b = next(i for i, d in enumerate(plan["days"]) if d["date"] == date)
        week = range(7 * (b // 7), 7 * (b // 7) + 7)
        for other in week:  # move another day of the same week (run and/or hip/core) onto the date
            if other != b and (plan["days"][other]["run_kind"] != "rest" or plan["days"][other]["strength"]):
                edits.append((f"day {other} swapped onto blackout date {date}",
                               lambda p, b=b, other=other: swap_days(BLACKOUT, p, b, other)))
    broken, description = find_break(BLACKOUT, plan, "blackout", edits)
    found = violations(BLACKOUT, broken, "blackout")
    assert len(found) == 1 and found[0].where in DATES, description
