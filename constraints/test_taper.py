"""taper: with a race, race week's other running <= 0.5 x the peak week (the largest plan week
before the taper; with none, the largest history week); the week before <= 0.75 x peak; no long
run in race week; the day before the race is rest or an easy run of at most 30 minutes; nothing
after the race."""

import math

import pytest

from constraints import after_long, taper
from constraints.conftest import (
    RACE, add_easy_distance, assert_forced_violation, available, build, find_break, index_of, make_config,
    plan_week_distance, runs_of, set_run, set_strength, solve_ok, solved_plan, values, violations, week_totals,
)

SUNDAY = make_config(RACE)  # 4 weeks, 10 km race on Sunday of week 4: weeks 1-2 build, 3-4 taper
THURSDAY_LONG = make_config(RACE, availability={"long_run_days": ["thu", "sat", "sun"]})
SHORT = make_config(plan={"weeks": 2}, goal={"race": {"date": "2026-12-13", "distance": 10}})  # no build week


def check_taper(inst, days):
    totals = week_totals(days)
    race_week = inst.race_week
    build_weeks = [totals[w] for w in range(1, race_week - 1)]
    peak = max(build_weeks) if build_weeks else inst.history_peak
    assert 2 * totals[race_week] <= peak
    if race_week >= 2:
        assert 4 * totals[race_week - 1] <= 3 * peak
    assert not any(d["kind"] == "long" for d in days if d["week"] == race_week)
    before = days[inst.race_day.index - 1]
    assert before["kind"] in ("rest", "easy") and before["minutes"] <= 30
    return totals, peak


@pytest.mark.parametrize("cfg", [SUNDAY, THURSDAY_LONG, SHORT,
                                 make_config(RACE, goal={"race": {"date": "2026-12-23", "distance": 21.1}})],
                         ids=["sunday race", "thursday long-run day", "no build week", "wednesday half"])
def test_taper_weeks_come_down_from_the_peak(cfg):
    inst, m = build(cfg)
    # volume plus a reward for running the day before the race and for long runs
    m.cp.maximize(10 * sum(m.week_distance(w) for w in m.week_numbers) + sum(m.week_long(w) for w in m.week_numbers)
                  + 100 * m.day(inst.race_day.index - 1).run)
    days = values(solve_ok(m), m)
    totals, peak = check_taper(inst, days)
    race_week = inst.race_week
    # the taper binds: race week is the largest that fits in half the peak (give or take what
    # the other rules allow), and it is below what the build weeks ran
    assert totals[race_week] <= peak // 2 and totals[race_week] < peak


def force_week_3_over(m):
    m.cp.add(4 * m.week_distance(3) > 3 * m.week_distance(1))
    m.cp.add(4 * m.week_distance(3) > 3 * m.week_distance(2))


def force_race_week_over(m):
    m.cp.add(2 * m.week_distance(4) > m.week_distance(1))
    m.cp.add(2 * m.week_distance(4) > m.week_distance(2))


def force_long_day_before_race_long(m):
    m.cp.add(m.day(index_of(4, "sat")).easy == 1)
    m.cp.add(m.day(index_of(4, "sat")).easy_minutes == 31)


@pytest.mark.parametrize("force", [force_week_3_over, force_race_week_over, force_long_day_before_race_long],
                         ids=["week before race over 0.75 x peak", "race week over 0.5 x peak", "31 minutes the day before"])
def test_forced_taper_violation_is_infeasible(force):
    assert_forced_violation(SUNDAY, taper, force)


def test_forced_long_run_in_race_week_is_infeasible():
    assert_forced_violation(THURSDAY_LONG, taper, lambda m: m.cp.add(m.day(index_of(4, "thu")).long == 1))


def test_forced_long_run_the_day_before_the_race_is_infeasible():
    """after_long forbids a long run right before the race too, so it is left out of the second model."""
    assert_forced_violation(SUNDAY, taper, lambda m: m.cp.add(m.day(index_of(4, "sat")).long == 1),
                            extra_skip=(after_long,))


def test_forced_big_week_without_build_weeks_is_infeasible():
    """With no plan week before the taper, the peak is the largest history week (33 km): week 1
    (the week before race week) may run 0.75 x 33 = 24.75 km."""
    assert_forced_violation(SHORT, taper, lambda m: m.cp.add(m.week_distance(1) == 248))


# ---- the validator ------------------------------------------------------------------------------

def peak_of(plan):
    return max(plan_week_distance(plan, w) for w in (1, 2))


def lengthen_week(cfg, p, week, amount, avoid=()):
    """Add `amount` to a week: longer easy runs first, then new easy runs on free rest days."""
    free_days = [i for i in range(7 * (week - 1), 7 * week) if p["days"][i]["full_rest"] and i not in avoid
                 and available(cfg, p, i) >= 30]
    room = sum(math.floor((available(cfg, p, i) - 0.5) / 6 * 10) / 10 for i in runs_of(p, week, "easy"))
    extra = max(0.0, round(amount - room, 1))
    for i in free_days:
        if extra <= 0:
            break
        new = round(min(max(extra, 3.4), math.floor((available(cfg, p, i) - 0.5) / 6 * 10) / 10), 1)
        if new >= 3.4:  # a run of at least min_run_minutes
            set_run(cfg, p, i, "easy", new)
            amount = round(amount - new, 1)
            extra = round(extra - new, 1)
    if amount > 0:
        add_easy_distance(cfg, p, week, amount)


def test_validator_rejects_a_race_week_over_half_the_peak():
    plan = solved_plan(SUNDAY)

    def lengthen(p):
        allowed = math.floor(0.5 * peak_of(p) * 10 + 1e-6) / 10
        lengthen_week(SUNDAY, p, 4, round(allowed + 0.1 - plan_week_distance(p, 4), 1), avoid=(index_of(4, "sat"),))
    broken, _ = find_break(SUNDAY, plan, "taper", [("race week lengthened", lengthen)])
    assert [v.where for v in violations(SUNDAY, broken, "taper")] == ["week 4"]


# lengthening week 3 by a few km also lifts the load ratio: acwr_max is relaxed so that only the
# taper rule breaks
SUNDAY_LOOSE = make_config(RACE, rules={"acwr_max": 2.0})


def test_validator_rejects_a_week_before_race_over_three_quarters_of_the_peak():
    plan = solved_plan(SUNDAY_LOOSE)

    def lengthen(p):
        allowed = math.floor(0.75 * peak_of(p) * 10 + 1e-6) / 10
        lengthen_week(SUNDAY_LOOSE, p, 3, round(allowed + 0.1 - plan_week_distance(p, 3), 1))
    broken, _ = find_break(SUNDAY_LOOSE, plan, "taper", [("week 3 lengthened", lengthen)])
    assert [v.where for v in violations(SUNDAY_LOOSE, broken, "taper")] == ["week 3"]


def test_validator_rejects_a_long_easy_run_the_day_before_the_race():
    """Saturday before the Sunday race: an easy run of 35 minutes (5.8 km at 6:00)."""
    plan = solved_plan(SUNDAY)
    sat = index_of(4, "sat")
    edits = [("35-minute easy run the day before the race", lambda p: set_run(SUNDAY, p, sat, "easy", 5.8, minutes=35))]
    broken, description = find_break(SUNDAY, plan, "taper", edits)
    found = violations(SUNDAY, broken, "taper")
    assert len(found) == 1 and "day before the race" in found[0].message, description


@pytest.mark.parametrize("what", ["session", "run"])
def test_validator_rejects_training_after_the_race(what):
    """A Saturday race and a hip/core session or a short easy run the day after: docs/rules.md lists 'nothing
    after the race' under taper, as the model does."""
    cfg = make_config(RACE, goal={"race": {"date": "2026-12-26", "distance": 10}})
    plan = solved_plan(cfg)
    sun = index_of(4, "sun")
    edit = (lambda p: set_strength(cfg, p, sun, True)) if what == "session" else \
        (lambda p: set_run(cfg, p, sun, "easy", 4.0))
    broken, description = find_break(cfg, plan, "taper", [(f"{what} after the race", edit)])
    assert any("after the race" in v.message for v in violations(cfg, broken, "taper")), description


SATURDAY_RACE = make_config(RACE, goal={"race": {"date": "2026-12-26", "distance": 10}})  # Sunday after it


@pytest.mark.parametrize("field", ["run", "strength"])
def test_forced_training_after_the_race_is_infeasible(field):
    """Nothing after the race (full rest) is part of the taper rule."""
    def force(m):
        m.cp.add(getattr(m.day(m.instance.race_day.index + 1), field) == 1)

    assert_forced_violation(SATURDAY_RACE, taper, force)
