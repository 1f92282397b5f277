"""sharpener: race week's quality run is a short sharpener (at most 30 minutes), none in the 3
days before the race."""

from constraints import sharpener
from constraints.conftest import RACE, assert_forced_violation, index_of, make_config, set_run, solved_plan, violations

QUALITY_RACE = make_config(RACE, quality_sessions_per_week=1)


def test_race_week_quality_is_short_and_early():
    plan = solved_plan(QUALITY_RACE)
    race = next(i for i, day in enumerate(plan["days"]) if day["run_kind"] == "race")
    for index in range(21, race):
        day = plan["days"][index]
        if day["run_kind"] == "quality":
            assert day["run_minutes"] <= 30 and race - index > 3


def test_a_long_quality_run_in_race_week_is_infeasible():
    index = index_of(4, "tue")
    force = lambda m: m.cp.add(m.day(index).quality_minutes >= 40)  # noqa: E731
    assert_forced_violation(QUALITY_RACE, sharpener, force)


def test_quality_three_days_before_the_race_is_infeasible():
    index = index_of(4, "thu")  # the race is on Sunday of week 4
    assert_forced_violation(QUALITY_RACE, sharpener, lambda m: m.cp.add(m.day(index).quality == 1))


def test_the_validator_rejects_a_long_race_week_quality_run():
    plan = solved_plan(QUALITY_RACE)
    index = index_of(4, "tue")
    set_run(QUALITY_RACE, plan, index, "quality", 8.0)
    assert any(v.rule == "sharpener" for v in violations(QUALITY_RACE, plan))
