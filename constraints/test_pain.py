"""pain (docs/rules.md, Pain): what a mild or persistent pain level changes in weeks 1-2.

mild: long runs <= 0.9 x the smallest onset distance (none reported: <= longest_recent_run),
hip/core sessions + 1, a foam-rolling note on every running day.
persistent: first day full rest; full rest days >= min_rest_days + 1; no two running days in a
row; no quality; week 1 <= 0.7 x the last history week; long runs <= 0.8 x the smallest onset
distance (else 0.8 x longest_recent_run); hip/core sessions = max(3, sessions_per_week).
"""

import pytest
from ortools.sat.python import cp_model

from constraints import pain
from constraints.conftest import (
    ALL_DAYS, MILD, MILD_CAP, PERSISTENT, PERSISTENT_LONG_CAP, PERSISTENT_WEEK1_CAP,
    add_easy_distance, assert_forced_violation, build, checkin, find_break, index_of, make_config,
    move_distance, move_strength, runs_of, set_run, solve, solve_ok, solved_plan, values, violations,
)
from planner.config import load_config
from planner.instance import Instance

MILD_CFG = make_config(MILD)
PERSISTENT_CFG = make_config(PERSISTENT, ALL_DAYS, quality_sessions_per_week=1)


def level(cfg):
    return Instance(load_config(cfg)).pain.level


def test_levels_of_the_test_configs():
    assert level(MILD_CFG) == "mild"
    assert level(PERSISTENT_CFG) == "persistent"
    assert level(make_config()) == "none"
    # a check-in 15 days before the plan is outside the 14-day window
    assert level(make_config(pain={"checkins": [checkin("2026-11-15")]})) == "none"
    # a check-in on or before cleared_on is ignored, but a clearance within the 14 days is a return
    # after a red flag: persistent
    assert level(make_config(pain={"cleared_on": "2026-11-10", "checkins": [checkin("2026-11-20")]})) == "mild"
    assert level(make_config(pain={"cleared_on": "2026-11-23", "checkins": [checkin("2026-11-20")]})) == "persistent"
    assert level(make_config(pain={"checkins": [checkin("2026-11-22", resolved_after_rest=False)]})) == "persistent"


# ---- mild ------------------------------------------------------------------------------------------

def test_mild_pain_caps_long_runs_in_weeks_1_and_2():
    _, m = build(MILD_CFG)
    m.cp.maximize(10 * sum(m.week_long(w) for w in m.week_numbers) + sum(m.week_distance(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    longs = {d["week"]: d["distance"] for d in days if d["kind"] == "long"}
    assert longs[1] <= MILD_CAP and longs[2] <= MILD_CAP
    assert longs[1] == MILD_CAP  # the cap binds
    assert longs[3] > MILD_CAP  # week 3 is no longer capped
    strength = {w: sum(d["strength"] for d in days if d["week"] == w) for w in (1, 2, 3)}
    assert strength == {1: 3, 2: 3, 3: 2}


def test_mild_pain_without_onset_caps_long_runs_at_longest_recent_run():
    cfg = make_config(pain={"checkins": [checkin("2026-11-22")]})
    _, m = build(cfg)
    m.cp.maximize(m.week_long(1) + m.week_long(2))
    solver = solve_ok(m)
    assert solver.Value(m.week_long(1)) == 140 and solver.Value(m.week_long(2)) == 140


@pytest.mark.parametrize("week", [1, 2])
def test_forced_long_run_over_the_mild_cap_is_infeasible(week):
    assert_forced_violation(MILD_CFG, pain, lambda m: m.cp.add(m.week_long(week) == round(10 * MILD_CAP) + 1))


def test_no_pain_no_cap():
    """Without check-ins the same long run is allowed by the full model."""
    _, m = build(make_config())
    m.cp.add(m.week_long(1) == round(10 * MILD_CAP) + 1)
    assert solve(m)[0] in (cp_model.OPTIMAL, cp_model.FEASIBLE)


# ---- persistent ---------------------------------------------------------------------------------

def test_persistent_pain_eases_weeks_1_and_2():
    _, m = build(PERSISTENT_CFG)
    # volume plus rewards for quality and running days: the solver would use them if it could
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers) + 30 * sum(v.quality + v.run for v in m.free_vars())
                  + 10 * sum(m.week_long(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    first_two = days[:14]
    assert days[0]["rest"]
    for w in (1, 2):
        week = [d for d in days if d["week"] == w]
        assert sum(d["rest"] for d in week) >= 2
        assert sum(d["strength"] for d in week) == 3
        assert all(d["distance"] <= PERSISTENT_LONG_CAP for d in week if d["kind"] == "long")
    assert not any(d["kind"] == "quality" for d in first_two)
    assert not any(a["run"] and b["run"] for a, b in zip(first_two, first_two[1:]))
    assert sum(d["distance"] for d in days[:7]) <= PERSISTENT_WEEK1_CAP + 1e-9
    # from week 3 on, the plan is back to the usual rules
    week3 = days[14:]
    assert any(a["run"] and b["run"] for a, b in zip(week3, week3[1:])) or any(d["kind"] == "quality" for d in week3)


def force_first_day_strength(m):
    m.cp.add(m.day(0).strength == 1)


def force_back_to_back(m):
    m.cp.add(m.day(index_of(1, "tue")).run == 1)
    m.cp.add(m.day(index_of(1, "wed")).run == 1)


def force_back_to_back_across_weeks(m):
    m.cp.add(m.day(index_of(1, "sun")).run == 1)
    m.cp.add(m.day(index_of(2, "mon")).run == 1)


def force_quality(m):
    m.cp.add(m.day(index_of(2, "wed")).quality == 1)


def force_big_week_1(m):
    m.cp.add(m.week_distance(1) == round(10 * PERSISTENT_WEEK1_CAP) + 1)


def force_long_week_2(m):
    m.cp.add(m.week_long(2) == round(10 * PERSISTENT_LONG_CAP) + 1)


def force_one_rest_day(m):
    m.cp.add(sum(v.rest for _, v in m.week_vars(2)) == 1)


@pytest.mark.parametrize("force", [force_first_day_strength, force_back_to_back, force_back_to_back_across_weeks,
                                   force_quality, force_big_week_1, force_long_week_2, force_one_rest_day])
def test_forced_break_of_persistent_pain_rules_is_infeasible(force):
    assert_forced_violation(PERSISTENT_CFG, pain, force)


def test_persistent_rules_end_after_week_2():
    _, m = build(PERSISTENT_CFG)
    m.cp.add(m.day(index_of(3, "tue")).run == 1)
    m.cp.add(m.day(index_of(3, "wed")).quality == 1)
    assert solve(m)[0] in (cp_model.OPTIMAL, cp_model.FEASIBLE)


# ---- the validator ------------------------------------------------------------------------------

def test_validator_rejects_a_mild_plan_without_foam_rolling():
    plan = solved_plan(MILD_CFG)

    def drop_note(p):
        run = next(d for d in p["days"][:7] if d["run_kind"] != "rest")
        run["notes"] = [n for n in run["notes"] if "foam" not in n.lower()]

    broken, _ = find_break(MILD_CFG, plan, "pain", [("foam-rolling note dropped", drop_note)])
    assert any("foam-rolling" in v.message for v in violations(MILD_CFG, broken, "pain"))


def test_validator_rejects_a_mild_plan_with_a_long_run_over_the_cap():
    """A week 1-2 long run lengthened to 0.9 x onset + 0.1, an easy run of the week shortened by
    the same amount (same weekly distance)."""
    plan = solved_plan(MILD_CFG)
    edits = []
    for w in (1, 2):
        for i in runs_of(plan, w, "long"):
            for e in runs_of(plan, w, "easy"):
                extra = round(MILD_CAP + 0.1 - plan["days"][i]["distance"], 1)
                edits.append((f"week {w} long run {MILD_CAP + 0.1} km",
                              lambda p, e=e, i=i, extra=extra: move_distance(MILD_CFG, p, e, i, extra)))
    broken, description = find_break(MILD_CFG, plan, "pain", edits)
    assert any("mild pain" in v.message for v in violations(MILD_CFG, broken, "pain")), description


def persistent_edits(cfg, plan):
    edits = []
    days = plan["days"]
    for s in range(1, 7):  # a hip/core session moves onto day 0 (not next to another one)
        if days[s]["strength"] and (s == 1 or not days[1]["strength"]):
            edits.append((f"first day not full rest: session of day {s} moved to it",
                          lambda p, s=s: move_strength(cfg, p, s, 0)))

    def week_1_over(p):
        add_easy_distance(cfg, p, 1, round(PERSISTENT_WEEK1_CAP + 0.1 - sum(d["distance"] for d in p["days"][:7]), 1))
    edits.append(("week 1 over 0.7 x last week", week_1_over))

    for i in range(13):  # a rest day next to a run gets half of another easy run of its week
        if days[i]["run_kind"] != "rest" and days[i + 1]["run_kind"] == "rest" and not days[i + 1]["strength"]:
            r = i + 1
            for e in runs_of(plan, r // 7 + 1, "easy"):
                def split(p, e=e, r=r):
                    half = round(p["days"][e]["distance"] / 2, 1)
                    set_run(cfg, p, e, "easy", p["days"][e]["distance"] - half)
                    set_run(cfg, p, r, "easy", half)
                edits.append((f"runs on days {i} and {r}", split))
    for i in runs_of(plan, 1, "easy") + runs_of(plan, 2, "easy"):
        edits.append((f"day {i} made quality", lambda p, i=i: set_run(cfg, p, i, "quality")))
    return edits


# A quality session weighs twice an easy run's load; acwr_max is relaxed so that turning an easy
# run into one breaks only the pain rule.
PERSISTENT_LOOSE = make_config(PERSISTENT_CFG, rules={"acwr_max": 2.0})


@pytest.mark.parametrize("cfg, what", [(PERSISTENT_CFG, "first day not full rest"), (PERSISTENT_CFG, "week 1 over"),
                                       (PERSISTENT_CFG, "runs on days"), (PERSISTENT_LOOSE, "made quality")],
                         ids=["first day", "week 1 distance", "back to back", "quality"])
def test_validator_rejects_a_persistent_plan_that_does_not_ease_off(cfg, what):
    plan = solved_plan(cfg)
    edits = [(text, edit) for text, edit in persistent_edits(cfg, plan) if what in text]
    assert edits
    broken, description = find_break(cfg, plan, "pain", edits)
    assert violations(cfg, broken, "pain"), description
