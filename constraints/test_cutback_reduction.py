"""cutback: every cutback_every-th week (4, 8, ...) outside the taper has distance <=
(1 - cutback_reduction) x the previous week's."""

import math

import pytest

from constraints import cutback_reduction as cutback
from constraints.conftest import (
    RACE, add_easy_distance, assert_forced_violation, build, find_break, make_config, maximize_volume,
    max_volume, plan_week_distance, solve_ok, solved_plan, values, violations, week_totals,
)
from planner.config import load_config
from planner.instance import Instance

FOUR_WEEKS = make_config(plan={"weeks": 4})
EVERY_2 = make_config(rules={"cutback_every": 2, "cutback_reduction": 0.3})


@pytest.mark.parametrize("cfg, weeks", [(FOUR_WEEKS, [4]), (EVERY_2, [2]),
                                        (make_config(plan={"weeks": 6}, rules={"cutback_every": 3}), [3, 6])],
                         ids=["every 4th", "every 2nd, 30 %", "every 3rd of 6"])
def test_cutback_weeks_drop_below_the_week_before(cfg, weeks):
    inst, m = build(cfg)
    maximize_volume(m)
    totals = week_totals(values(solve_ok(m), m))
    keep = 1 - load_config(cfg).rules.cutback_reduction
    assert [w for w in m.week_numbers if inst.is_cutback_week(w)] == weeks
    for w in weeks:
        assert totals[w] <= keep * totals[w - 1] + 1e-9, (w, totals)
    # the week after a cutback builds again (a cutback is a dip, not a new ceiling)
    for w in weeks:
        if w + 1 in totals:
            assert totals[w + 1] > totals[w]


def test_cutbacks_cost_volume():
    assert max_volume(FOUR_WEEKS) < max_volume(FOUR_WEEKS, skip=(cutback,))


def test_no_cutback_in_the_taper():
    """Week 4 is race week (taper), so it is no cutback week; with cutback_every 3, week 3 is the
    week before the race, also taper."""
    assert not Instance(load_config(make_config(RACE))).is_cutback_week(4)
    assert not Instance(load_config(make_config(RACE, rules={"cutback_every": 3}))).is_cutback_week(3)
    assert not any(Instance(load_config(make_config(plan={"weeks": 8}, rules={"cutback_every": 0})))
                   .is_cutback_week(w) for w in range(1, 9))


def force_full_week_4(m):
    # week 4 at 90 % of week 3, above the 80 % a cutback week allows
    m.cp.add(10 * m.week_distance(4) >= 9 * m.week_distance(3))
    m.cp.add(m.week_distance(3) >= 300)


def force_week_4_just_over(m):
    # week 4 one tenth over 0.8 x week 3 (week 3 fixed at 40.0 km: week 4 = 32.1 km)
    m.cp.add(m.week_distance(3) == 400)
    m.cp.add(m.week_distance(4) == 321)


def force_week_2_over(m):
    m.cp.add(10 * m.week_distance(2) > 7 * m.week_distance(1))  # 30 % reduction wanted


@pytest.mark.parametrize("cfg, force", [(FOUR_WEEKS, force_full_week_4), (FOUR_WEEKS, force_week_4_just_over),
                                        (EVERY_2, force_week_2_over)],
                         ids=["90 %", "0.1 over", "every 2nd"])
def test_forced_full_cutback_week_is_infeasible(cfg, force):
    assert_forced_violation(cfg, cutback, force)


def test_validator_rejects_a_cutback_week_that_does_not_cut_back():
    cfg = FOUR_WEEKS
    plan = solved_plan(cfg)

    def lengthen_week_4(p):
        allowed = math.floor(0.8 * plan_week_distance(p, 3) * 10 + 1e-6) / 10  # largest multiple of 0.1
        add_easy_distance(cfg, p, 4, round(allowed - plan_week_distance(p, 4) + 0.1, 1))

    broken, _ = find_break(cfg, plan, "cutback_reduction", [("week 4 lengthened past 0.8 x week 3", lengthen_week_4)])
    found = violations(cfg, broken, "cutback_reduction")
    assert [v.where for v in found] == ["week 4"]
    assert plan_week_distance(broken, 4) > 0.8 * plan_week_distance(broken, 3)
