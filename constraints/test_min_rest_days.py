"""min_rest_days: at least this many full rest days (no run, no hip/core session) per plan week."""

import pytest

from constraints import min_rest_days
from constraints.conftest import (
    ALL_DAYS, assert_forced_violation, build, find_break, make_config, move_strength, solve_ok, solved_plan,
    values, violations,
)
from planner.config import load_config


@pytest.mark.parametrize("cfg, least", [
    (make_config(ALL_DAYS), 1),
    (make_config(ALL_DAYS, rules={"min_rest_days": 2}), 2),
    (make_config(rules={"min_rest_days": 3}), 3),
], ids=["all days, 1", "all days, 2", "base, 3"])
def test_every_week_has_its_rest_days(cfg, least):
    _, m = build(cfg)
    # volume plus a reward for every day that is not full rest: the solver would fill the week if it could
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 20 * sum(1 - v.rest for v in m.free_vars()))
    days = values(solve_ok(m), m)
    for w in m.week_numbers:
        rest = [d for d in days if d["week"] == w and d["rest"]]
        assert len(rest) == least, (w, [d["weekday"] for d in rest])  # at least, and the rule binds
        assert all(not d["run"] and not d["strength"] for d in rest)


def force_no_rest(m):
    m.cp.add(sum(v.rest for _, v in m.week_vars(1)) == 0)


def force_one_rest_day(m):
    m.cp.add(sum(v.rest for _, v in m.week_vars(2)) == 1)


@pytest.mark.parametrize("cfg, force", [
    (make_config(ALL_DAYS), force_no_rest),
    (make_config(ALL_DAYS, rules={"min_rest_days": 2}), force_one_rest_day),
], ids=["no rest day", "one of two"])
def test_forced_week_without_enough_rest_is_infeasible(cfg, force):
    assert_forced_violation(cfg, min_rest_days, force)


def test_validator_rejects_a_week_short_of_rest_days():
    """min_rest_days 3 on the base availability (Monday and Friday always free): a hip/core session
    moves from a running day onto a full rest day of the same week, which is then no longer full rest."""
    cfg = make_config(rules={"min_rest_days": 3})
    plan = solved_plan(cfg)
    config = load_config(cfg)
    edits = []
    for s, ds in enumerate(plan["days"]):
        for r, dr in enumerate(plan["days"]):
            if (r // 7 == s // 7 and ds["strength"] and ds["run_kind"] != "rest" and dr["full_rest"]
                    and config.availability.minutes(dr["weekday"]) >= config.strength.minutes):
                edits.append((f"hip/core session moved from day {s} to rest day {r}",
                              lambda p, s=s, r=r: move_strength(cfg, p, s, r)))
    broken, description = find_break(cfg, plan, "min_rest_days", edits)
    found = violations(cfg, broken, "min_rest_days")
    assert len(found) == 1 and "at least 3" in found[0].message, description
