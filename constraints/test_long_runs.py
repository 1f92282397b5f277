"""long_runs: at most one long run a week, only on long_run_days; exactly one in every week except
race week, a week whose long-run days are all blacked out, and a week where pain caps leave no
room for a run of min_run_minutes."""

import pytest
from ortools.sat.python import cp_model

import planner
from constraints import long_runs
from constraints.conftest import (
    schedule_of,
    ALL_DAYS, PERSISTENT, RACE, assert_forced_violation, build, checkin, find_break, index_of, make_config,
    maximize_volume, runs_of, set_run, solve, solve_ok, solved_plan, values, violations,
)
from planner.result import build_plan

BASE = make_config()


@pytest.mark.parametrize("cfg", [BASE, make_config(ALL_DAYS), make_config(availability={"long_run_days": ["sun"]}),
                                 make_config(ALL_DAYS, availability={"long_run_days": None, "sat": 150})],
                         ids=["sat/sun", "all days", "sun only", "default: most minutes (sat, sun)"])
def test_one_long_run_a_week_on_a_long_run_day(cfg):
    inst, m = build(cfg)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    allowed = set(inst.config.availability.long_days())
    for w in m.week_numbers:
        longs = [d for d in days if d["week"] == w and d["kind"] == "long"]
        assert len(longs) == 1, (w, longs)
        assert longs[0]["weekday"] in allowed


def test_exempt_weeks_may_go_without():
    """Race week has no long run (the taper forbids one), a week whose Saturday and Sunday are
    both blacked out has none either, and the week before race week may go without (docs/rules.md); week 2 has exactly one."""
    cfg = make_config(RACE, availability={"blackout": ["2026-12-05", "2026-12-06"]})
    inst, m = build(cfg)
    maximize_volume(m)
    days = values(solve_ok(m), m)
    counts = {w: sum(d["kind"] == "long" for d in days if d["week"] == w) for w in m.week_numbers}
    assert counts[1] == 0 and counts[2] == 1 and counts[4] == 0 and counts[3] <= 1
    assert [w for w in m.week_numbers if long_runs.exemptions(m, w) is not True] == [2]


def force_tuesday_long_run(m):
    m.cp.add(m.day(index_of(1, "tue")).long == 1)


def force_week_without_long_run(m):
    m.cp.add(m.has_long(2) == 0)


def force_plan_without_long_runs(m):
    m.cp.add(sum(m.has_long(w) for w in m.week_numbers) == 0)


@pytest.mark.parametrize("force", [force_tuesday_long_run, force_week_without_long_run, force_plan_without_long_runs])
def test_forced_misplaced_or_missing_long_run_is_infeasible(force):
    assert_forced_violation(BASE, long_runs, force)


def test_two_long_runs_in_a_week_are_ruled_out_by_the_model_itself():
    """"At most one" is structural (has_long is a 0/1 sum), so it holds even without the module."""
    for skip in ((), (long_runs,)):
        _, m = build(BASE, skip=skip)
        m.cp.add(m.day(index_of(1, "sat")).long == 1)
        m.cp.add(m.day(index_of(1, "sun")).long == 1)
        assert solve(m)[0] == cp_model.INFEASIBLE


def test_validator_rejects_a_week_without_long_run(base_plan):
    """The last week's long run becomes an easy run of the same length (fewer load points, no
    later week to affect)."""
    plan = base_plan
    edits = [(f"long run of week {w} made easy", lambda p, i=i: set_run(BASE, p, i, "easy"))
             for w in range(len(plan["weeks"]), 0, -1) for i in runs_of(plan, w, "long")]
    broken, description = find_break(BASE, plan, "long_runs", edits)
    assert any("no long run" in v.message for v in violations(BASE, broken, "long_runs")), description


# acwr_max is relaxed so that relabelling an easy run long (RPE 3 -> 4) breaks only this rule.
LOOSE = make_config(rules={"acwr_max": 2.0})


def test_validator_rejects_a_long_run_on_another_weekday():
    """A weekday easy run is relabelled long: two long runs, one on a Tuesday/Wednesday/Thursday."""
    plan = solved_plan(LOOSE)
    edits = [(f"easy run of day {i} made long", lambda p, i=i: set_run(LOOSE, p, i, "long"))
             for w in range(1, len(plan["weeks"]) + 1) for i in runs_of(plan, w, "easy")
             if plan["days"][i]["weekday"] in ("tue", "wed", "thu") and not plan["days"][i]["strength"]]
    broken, description = find_break(LOOSE, plan, "long_runs", edits)
    messages = [v.message for v in violations(LOOSE, broken, "long_runs")]
    assert any("long runs go only on sat, sun" in m for m in messages), description
    assert any("at most one a week" in m for m in messages), description


# ---- pain exemption -------------------------------------------------------------------------------

# Persistent pain after 12 km weeks: week 1 <= 0.7 x 12 = 8.4 km, so a long run there is at most
# 0.4 x 8.4 = 3.36 km: 3.3 km, 19.8 minutes at 6:00, under min_run_minutes (20). No week 1 with a
# long run exists (the long run needs easy runs under 3.3 km, each >= 20 min, the three summing to
# more than 8.4), so the rules' exemption ("pain caps leave no room for a run of min_run_minutes")
# applies, and the validator agrees.
TINY = make_config(PERSISTENT, ALL_DAYS, history={"weekly_distance": [12], "longest_recent_run": 8})


def test_validator_exempts_week_1_when_pain_leaves_no_room():
    """A plan built by the model without week 1's long-run requirement is valid."""
    inst, m = build(TINY, skip=(long_runs,))
    for w in m.week_numbers:  # every other part of the rule stays
        for day, v in m.week_vars(w):
            if not day.long_allowed:
                m.cp.add(v.long == 0)
        if w >= 2:
            m.cp.add(m.has_long(w) == 1)
    maximize_volume(m)
    solver = solve_ok(m)
    plan = build_plan(inst, schedule_of(m, solver, "optimal"), "optimal", 0.0).to_dict()
    assert not runs_of(plan, 1, "long")
    assert violations(TINY, plan) == []


# Mild pain with an onset at 3.7 km: long runs in weeks 1-2 <= 0.9 x 3.7 = 3.33 -> 3.3 km, again
# 19.8 minutes, so the same exemption applies.
MILD_3_7 = make_config(ALL_DAYS, pain={"checkins": [checkin("2026-11-25", onset_distance=3.7)]})


@pytest.mark.parametrize("cfg", [TINY, MILD_3_7], ids=["persistent, 12 km history", "mild, onset 3.7 km"])
def test_planner_finds_a_plan_when_pain_leaves_no_room_for_a_long_run(cfg):
    assert planner.plan(cfg, time_limit=10).status in ("optimal", "feasible")
