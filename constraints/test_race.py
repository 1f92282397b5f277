"""race: race day holds the race itself (distance rounded to 0.1, run_minutes = distance x easy
pace rounded up) and nothing else that day. (Nothing after the race is the taper rule: see
test_taper.py.)"""

import pytest
from ortools.sat.python import cp_model

from constraints import race, strength
from constraints.conftest import (
    RACE, assert_forced_violation, build, find_break, index_of, make_config, refresh, solve,
    solve_ok, solved_plan, values, violations,
)

SUNDAY = make_config(RACE)  # 10 km on Sunday 2026-12-27, the plan's last day
SATURDAY = make_config(RACE, goal={"race": {"date": "2026-12-26", "distance": 10}})  # one day after it
ODD = make_config(RACE, athlete={"easy_pace": "5:47"}, goal={"race": {"date": "2026-12-24", "distance": 21.0975}})


@pytest.mark.parametrize("cfg", [SUNDAY, SATURDAY, ODD], ids=["sunday", "saturday", "thursday half marathon"])
def test_race_day_and_after_hold_nothing_else(cfg):
    inst, m = build(cfg)
    # volume plus a reward for every run and session: the solver would fill race day and after if it could
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 10 * sum(v.run + v.strength for v in m.free_vars()))
    days = values(solve_ok(m), m)
    race_day = inst.race_day
    assert race_day is not None and days[race_day.index]["kind"] == "race"
    for d in days[race_day.index:]:
        assert not d["run"] and not d["strength"] and d["distance"] == 0
    for d in days[race_day.index + 1:]:
        assert d["rest"]


@pytest.mark.parametrize("cfg, distance, minutes", [(SUNDAY, 10.0, 60), (ODD, 21.1, 123)],
                         ids=["10 km at 6:00", "21.0975 km at 5:47"])
def test_plan_writes_the_race(cfg, distance, minutes):
    """21.1 km x 5:47 = 122.03 minutes, rounded up to 123."""
    plan = solved_plan(cfg)
    races = [d for d in plan["days"] if d["run_kind"] == "race"]
    assert len(races) == 1
    assert races[0]["distance"] == distance and races[0]["run_minutes"] == minutes
    assert not races[0]["strength"]
    assert violations(cfg, plan) == []


def force_run_on_race_day(m):
    m.cp.add(m.day(m.instance.race_day.index).easy == 1)


@pytest.mark.parametrize("cfg, force", [(SUNDAY, force_run_on_race_day), (SATURDAY, force_run_on_race_day)],
                         ids=["run on sunday race", "run on saturday race"])
def test_forced_training_on_race_day_is_infeasible(cfg, force):
    assert_forced_violation(cfg, race, force)


def test_forced_strength_on_race_day_is_infeasible():
    """Both race and strength (none on race day or the 2 days before) forbid it."""
    force = lambda m: m.cp.add(m.day(m.instance.race_day.index).strength == 1)  # noqa: E731
    assert_forced_violation(SUNDAY, race, force, extra_skip=(strength,))
    for skip in ((race,), (strength,)):
        _, m = build(SUNDAY, skip=skip)
        force(m)
        assert solve(m)[0] == cp_model.INFEASIBLE


def race_edits(cfg, plan):
    i = next(i for i, d in enumerate(plan["days"]) if d["run_kind"] == "race")

    def set_field(p, **fields):
        p["days"][i].update(fields)
        refresh(cfg, p)
    return [
        ("race distance 9.0", lambda p: set_field(p, distance=9.0)),
        ("race distance 10.1", lambda p: set_field(p, distance=10.1)),
        ("race run_minutes 59", lambda p: set_field(p, run_minutes=59)),
        ("race run_minutes 61", lambda p: set_field(p, run_minutes=61)),
    ]


@pytest.mark.parametrize("which", range(4), ids=["distance 9.0", "distance 10.1", "59 minutes", "61 minutes"])
def test_validator_rejects_a_wrong_race(which):
    plan = solved_plan(SUNDAY)
    text, edit = race_edits(SUNDAY, plan)[which]
    broken, _ = find_break(SUNDAY, plan, "race", [(text, edit)])
    assert [v.where for v in violations(SUNDAY, broken, "race")] == ["2026-12-27"]


def test_validator_rejects_a_race_on_another_day():
    """The race moved to Saturday with Sunday made rest: a race that is not on the race date and a
    race date without its race (the taper check also sees a race the day before the race date)."""
    plan = solved_plan(SUNDAY)
    sat, sun = index_of(4, "sat"), index_of(4, "sun")
    plan["days"][sat].update(run_kind="race", distance=10.0, run_minutes=60, strength=False)
    plan["days"][sun].update(run_kind="rest", distance=0.0, run_minutes=0)
    refresh(SUNDAY, plan)
    assert {v.where for v in violations(SUNDAY, plan, "race")} == {"2026-12-26", "2026-12-27"}
