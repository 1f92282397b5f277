"""Tests of the independent plan validator (planner/validate.py) against docs/plan.md and docs/rules.md.

Plans here are written by hand: `build_plan` turns per-day (kind, distance, strength) tuples into
the JSON dict of docs/plan.md, filling minutes, loads and the weeks[] aggregates with its own
small arithmetic. Each rule test breaks one rule of a valid plan and expects that rule reported.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from planner.config import load_config
from planner.validator import Violation, assert_valid, pain_level, validate

START = dt.date(2026, 11, 30)  # a Monday
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RPE = {"rest": 0, "easy": 3, "long": 4, "quality": 6, "race": 8}

REST, STRENGTH_ONLY = ("rest", 0, False), ("rest", 0, True)

# The base plan: 2 weeks, 30 km/week history, long runs on Sunday, 2 strength sessions, 1 quality.
WEEK_1 = [REST, ("easy", 5, True), ("easy", 5, False), ("quality", 5, False), STRENGTH_ONLY,
          ("easy", 5, False), ("long", 11, False)]
WEEK_2 = [REST, ("easy", 5, True), ("easy", 6, False), ("quality", 5, False), STRENGTH_ONLY,
          ("easy", 6, False), ("long", 12, False)]


def day_of(week: int, weekday: str) -> int:
    return 7 * (week - 1) + WEEKDAY_NAMES.index(weekday)


def date_of(week: int, weekday: str) -> str:
    return (START + dt.timedelta(days=day_of(week, weekday))).isoformat()


def make_config(**changes):
    """The base config, with top-level sections updated (dicts merged one level deep)."""
    data = {
        "athlete": {"name": "Test Runner", "units": "km", "easy_pace": "6:00"},
        "history": {"weekly_distance": [30, 30, 30, 30], "longest_recent_run": 12},
        "goal": {"target_weekly_distance": 40},
        "plan": {"start": START.isoformat(), "weeks": 2},
        "availability": {day: 90 for day in WEEKDAY_NAMES} | {"long_run_days": ["sun"]},
        "strength": {"sessions_per_week": 2, "minutes": 20},
        "quality_sessions_per_week": 1,
    }
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return load_config(data)


def run_minutes(kind: str, distance: float, pace: float) -> int:
    if kind == "rest":
        return 0
    if kind == "quality":
        return round(0.9 * distance * pace)
    return math.ceil(round(distance * pace, 6))


def ratios(config, days: list[dict]) -> list[float]:
    """Acute/chronic load ratio of every plan day, docs/rules.md, computed test-side."""
    pace = config.pace_seconds / 60
    history = config.history.weekly_distance

    def history_day(back: int) -> float:  # back = 1 is the day before the plan
        week = (back - 1) // 7
        return (history[-1 - week] if week < len(history) else history[0]) * pace * 3.5 / 7

    loads = [history_day(back) for back in range(27, 0, -1)]
    loads += [0 if day["run_kind"] == "race" else day["load"] for day in days]
    floor = config.start_floor * pace * 3.5 + config.strength.sessions_per_week * config.strength.minutes * 3
    chronic = [max(sum(loads[i - 27:i + 1]) / 4, floor) for i in range(27, len(loads))]
    return [sum(loads[i - 6:i + 1]) / c if c else 0.0 for i, c in zip(range(27, len(loads)), chronic)]


def build_plan(config, weeks, *, status="optimal", level="none", cutback=(), taper=(), notes=(), minutes=None):
    """A plan dict from per-week lists of (kind, distance, strength) days.

    `minutes` maps a day index to a run_minutes override; `notes` is added to every run day.
    """
    pace, start = config.pace_seconds / 60, config.plan.start
    days = []
    for index, (kind, distance, strength) in enumerate(spec for week in weeks for spec in week):
        mins = (minutes or {}).get(index, run_minutes(kind, distance, pace))
        smin = config.strength.minutes if strength else 0
        days.append({
            "date": (start + dt.timedelta(days=index)).isoformat(),
            "weekday": WEEKDAY_NAMES[index % 7],
            "week": index // 7 + 1,
            "run_kind": kind,
            "distance": float(distance),
            "run_minutes": mins,
            "strength": strength,
            "strength_minutes": smin,
            "strength_exercises": ["clamshells", "glute bridges", "dead bugs"] if strength else [],
            "full_rest": kind == "rest" and not strength,
            "load": mins * RPE[kind] + smin * 3,
            "warmup": ["leg swings", "hip openers"] if kind != "rest" else [],
            "cooldown": ["static stretching"] if kind != "rest" else [],
            "notes": list(notes) if kind != "rest" else [],
        })
    daily_ratio = ratios(config, days)
    week_entries = []
    for w in range(1, len(weeks) + 1):
        block = days[7 * (w - 1): 7 * w]
        week_entries.append({
            "week": w,
            "start": block[0]["date"],
            "distance": round(sum(d["distance"] for d in block), 1),
            "long_run": max((d["distance"] for d in block if d["run_kind"] == "long"), default=0.0),
            "runs": sum(d["run_kind"] != "rest" for d in block),
            "strength_sessions": sum(d["strength"] for d in block),
            "full_rest_days": sum(d["full_rest"] for d in block),
            "load": sum(d["load"] for d in block),
            "max_acwr": round(max(daily_ratio[7 * (w - 1): 7 * w]), 2),
            "cutback": w in cutback,
            "taper": w in taper,
        })
    message = {
        "none": "No pain reported.",
        "red_flag": "Stop running and see a physical therapist or doctor: sharp or radiating pain can mean a disc or nerve problem.",
    }.get(level, "Pain reported: weeks 1-2 are eased.")
    return {
        "schema_version": 1,
        "athlete": config.athlete.name,
        "units": config.units,
        "status": status,
        "solve_seconds": 0.1,
        "pain": {"level": level, "actions": [] if level == "none" else ["eased weeks 1-2"], "message": message},
        "days": days,
        "weeks": week_entries,
        "warnings": [],
        "explanation": {"conflicts": [], "limits": []},
    }


def rules_of(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}


def with_day(weeks, week: int, weekday: str, spec):
    """A copy of per-week specs with one day replaced."""
    weeks = [list(days) for days in weeks]
    weeks[week - 1][WEEKDAY_NAMES.index(weekday)] = spec
    return weeks


# ---- the valid plans --------------------------------------------------------------------------

BASE = [WEEK_1, WEEK_2]


def test_base_plan_is_valid():
    config = make_config()
    assert validate(config, build_plan(config, BASE)) == []
    assert_valid(config, build_plan(config, BASE))


def test_assert_valid_lists_every_violation():
    config = make_config(goal={"target_weekly_distance": 32}, rules={"acwr_max": 1.0})
    with pytest.raises(AssertionError) as error:
        assert_valid(config, build_plan(config, BASE))
    assert "[target] week 2" in str(error.value)
    assert "[acwr_max]" in str(error.value)


RACE_CONFIG = {"goal": {"target_weekly_distance": 40, "race": {"date": "2026-12-19", "distance": 10}},
               "plan": {"start": START.isoformat(), "weeks": 3}}
RACE_WEEK_2 = [REST, ("easy", 5, True), ("easy", 5, False), REST, STRENGTH_ONLY, ("easy", 4, False), ("long", 8, False)]
RACE_WEEK_3 = [STRENGTH_ONLY, ("easy", 5, False), ("easy", 5, True), ("easy", 4, False), REST, ("race", 10, False), REST]
RACE_PLAN = [WEEK_1, RACE_WEEK_2, RACE_WEEK_3]


def race_plan(weeks=RACE_PLAN, **kwargs):
    config = make_config(**RACE_CONFIG)
    return config, build_plan(config, weeks, taper=(2, 3), **kwargs)


def test_race_plan_is_valid():
    config, plan = race_plan()
    assert plan["days"][day_of(3, "sat")]["run_minutes"] == 60
    assert validate(config, plan) == []


def test_race_plan_without_weeks_is_valid():
    config = make_config(goal=RACE_CONFIG["goal"], plan={"start": START.isoformat(), "weeks": None})
    assert config.weeks == 3
    assert validate(config, build_plan(config, RACE_PLAN, taper=(2, 3))) == []


MILD_CHECKIN = {"date": "2026-11-22", "location": "lower_back", "severity": 3, "character": "dull",
                "during": "long_run", "onset_distance": 14}
MILD_PLAN = [  # three strength sessions a week: sessions_per_week 2 + 1
    [REST, ("easy", 5, True), ("easy", 5, False), ("easy", 5, True), REST, ("easy", 5, True), ("long", 11, False)],
    [REST, ("easy", 5, True), ("easy", 6, False), ("easy", 5, True), REST, ("easy", 6, True), ("long", 12, False)],
]


def mild_config(**changes):
    return make_config(pain={"checkins": [MILD_CHECKIN]}, **changes)


def test_mild_plan_is_valid():
    config = mild_config()
    assert pain_level(config) == "mild"
    assert validate(config, build_plan(config, MILD_PLAN, level="mild", notes=["foam rolling after the run"])) == []


PERSISTENT_CHECKIN = {"date": "2026-11-25", "location": "knee", "severity": 3, "character": "dull",
                      "during": "easy_run", "resolved_after_rest": False}
PERSISTENT_WEEK = [REST, ("easy", 5.5, True), REST, ("easy", 5.5, True), REST, STRENGTH_ONLY, ("long", 7, False)]
PERSISTENT_PLAN = [PERSISTENT_WEEK, PERSISTENT_WEEK]


def persistent_config(**changes):
    return make_config(pain={"checkins": [PERSISTENT_CHECKIN]}, **changes)


def test_persistent_plan_is_valid():
    config = persistent_config()
    assert pain_level(config) == "persistent"
    assert validate(config, build_plan(config, PERSISTENT_PLAN, level="persistent")) == []


RED_CHECKIN = {"date": "2026-11-25", "location": "lower_back", "severity": 4, "character": "radiating", "during": "long_run"}
ALL_REST = [[REST] * 7, [REST] * 7]


def test_halted_plan_is_valid():
    config = make_config(pain={"checkins": [RED_CHECKIN]})
    assert validate(config, build_plan(config, ALL_REST, status="halted", level="red_flag")) == []


def test_halted_plan_is_valid_where_the_history_alone_breaks_the_load_ratio():
    """A jump to 40 km in the last history week: the first days' ratio is above 1.3 before the
    plan starts. Resting is all a halted plan does, so acwr_max does not hold it. A plan that
    trains is held to it: where the history alone breaks the cap, the planned days of that
    day's 7-day window must rest (docs/replanning.md), so a run on the first day is reported."""
    config = make_config(history={"weekly_distance": [10, 10, 10, 40], "longest_recent_run": 14},
                         pain={"checkins": [RED_CHECKIN]})
    assert validate(config, build_plan(config, ALL_REST, status="halted", level="red_flag")) == []
    trains = make_config(history={"weekly_distance": [10, 10, 10, 40], "longest_recent_run": 14})
    assert "acwr_max" not in rules_of(validate(trains, build_plan(trains, ALL_REST)))
    first_day_run = [[("easy", 5, False)] + [REST] * 6, [REST] * 7]
    assert "acwr_max" in rules_of(validate(trains, build_plan(trains, first_day_run)))


def test_infeasible_plan_without_days_is_valid():
    config = make_config()
    plan = build_plan(config, BASE) | {"status": "infeasible", "days": [], "weeks": [],
                                        "explanation": {"conflicts": [{"rule": "target", "message": "too low"}], "limits": []}}
    assert validate(config, plan) == []


# ---- one test per rule: a config change or a plan change breaks exactly that rule -----------

CONFIG_BREAKS = {
    "availability": dict(availability={"tue": 40}),
    "blackout": dict(availability={"blackout": [date_of(1, "wed")]}),
    "min_run_minutes": dict(rules={"min_run_minutes": 31}),
    "target": dict(goal={"target_weekly_distance": 32}),
    "max_weekly_increase": dict(rules={"max_weekly_increase": 0.0}),
    "cutback_reduction": dict(rules={"cutback_every": 2}),
    "long_run_max_share": dict(rules={"long_run_max_share": 0.3}),
    "long_run_step": dict(history={"weekly_distance": [30, 30, 30, 30], "longest_recent_run": 10.5},
                          rules={"long_run_step": 0}),
    "run_spike": dict(history={"weekly_distance": [30, 30, 30, 30], "longest_recent_run": 10.5},
                      rules={"run_spike": 0}),
    "long_run_max_minutes": dict(rules={"long_run_max_minutes": 70}),
    "min_rest_days": dict(rules={"min_rest_days": 2}),
    "max_consecutive_run_days": dict(rules={"max_consecutive_run_days": 2}),
    "acwr_max": dict(rules={"acwr_max": 1.0}),
    "quality": dict(quality_sessions_per_week=0),
    "strength": dict(strength={"sessions_per_week": 3, "minutes": 20}),
}


@pytest.mark.parametrize("rule", sorted(CONFIG_BREAKS))
def test_config_change_breaks_rule(rule):
    config = make_config(**CONFIG_BREAKS[rule])
    plan = build_plan(config, BASE, cutback=(2,) if rule == "cutback_reduction" else ())
    violations = validate(config, plan)
    assert rules_of(violations) == {rule}, violations
    assert all(v.message for v in violations)


PLAN_BREAKS = {  # case: (the rules reported, the plan's weeks)
    "two long runs in a week": ({"long_runs", "after_long"}, with_day(BASE, 2, "sat", ("long", 6, False))),
    "no long run in a week": ({"long_runs"}, with_day(BASE, 2, "sun", ("easy", 12, False))),
    "easy_below_long": ({"easy_below_long"},
                        with_day(with_day(BASE, 1, "sat", ("easy", 11, False)), 1, "sun", ("long", 5, False))),
    "after_long": ({"after_long"}, with_day(with_day(with_day(
        BASE, 2, "mon", ("quality", 5, False)), 2, "wed", REST), 2, "thu", ("easy", 6, False))),
    "quality before long": ({"quality"},
                            with_day(with_day(BASE, 1, "sat", ("quality", 5, False)), 1, "thu", ("easy", 5, False))),
    "strength on a long-run day": ({"strength"}, with_day(with_day(BASE, 1, "sun", ("long", 11, True)), 1, "fri", REST)),
    "strength on two days in a row": ({"strength"},
                                      with_day(with_day(BASE, 1, "wed", ("easy", 5, True)), 1, "fri", REST)),
    "race without a race in the config": ({"race", "long_run_max_share"}, with_day(BASE, 2, "sat", ("race", 6, False))),
}


@pytest.mark.parametrize("case", sorted(PLAN_BREAKS))
def test_plan_change_breaks_rule(case):
    expected, weeks = PLAN_BREAKS[case]
    config = make_config(rules={"acwr_max": 2.0})  # room for the moved sessions' load
    violations = validate(config, build_plan(config, weeks))
    assert rules_of(violations) == expected, violations


def test_long_run_on_a_day_not_allowed():
    config = make_config(availability={"long_run_days": ["sat"]})
    violations = validate(config, build_plan(config, BASE))
    assert rules_of(violations) == {"long_runs"}
    assert any(v.where == date_of(1, "sun") and "sat" in v.message for v in violations)


def test_pace_too_slow_and_quality_too_fast():
    config = make_config()
    plan = build_plan(config, BASE, minutes={day_of(1, "tue"): 40, day_of(1, "thu"): 22})
    violations = validate(config, plan)
    assert rules_of(violations) == {"pace"}
    assert {v.where for v in violations} == {date_of(1, "tue"), date_of(1, "thu")}


def test_strength_minutes_and_exercises():
    config = make_config()
    plan = build_plan(config, BASE)
    plan["days"][1]["strength_exercises"] = []
    plan["days"][4]["strength_minutes"] = 30
    violations = validate(config, plan)
    assert {v.where for v in violations if v.rule == "strength"} == {date_of(1, "tue"), date_of(1, "fri")}
    assert rules_of(violations) == {"strength", "structure"}  # the day's load field no longer matches


def test_long_run_week_exempt_when_long_run_days_blacked_out():
    config = make_config(availability={"blackout": [date_of(2, "sun")]})
    weeks = with_day(BASE, 2, "sun", REST)
    assert validate(config, build_plan(config, weeks)) == []
    assert "long_runs" in rules_of(validate(make_config(), build_plan(make_config(), weeks)))


# ---- race and taper -------------------------------------------------------------------------

@pytest.mark.parametrize("case, expected, weeks, minutes", [
    ("race distance", {"race"}, with_day(RACE_PLAN, 3, "sat", ("race", 9.9, False)), None),
    ("race minutes", {"race"}, RACE_PLAN, {day_of(3, "sat"): 59}),
    ("no race on the race date", {"race", "taper"}, with_day(RACE_PLAN, 3, "sat", ("easy", 10, False)), None),
    ("week before race too big", {"taper"}, with_day(RACE_PLAN, 2, "thu", ("easy", 4, False)), None),
    ("race week too big", {"taper"}, with_day(RACE_PLAN, 3, "fri", ("easy", 4, False)), None),
    ("long run in race week", {"taper", "long_runs", "long_run_max_share"},
     with_day(with_day(RACE_PLAN, 3, "tue", ("long", 5, False)), 3, "wed", ("rest", 0, True)), None),
    ("day before race too long", {"taper"}, with_day(with_day(RACE_PLAN, 3, "fri", ("easy", 5, False)), 3, "thu", REST),
     {day_of(3, "fri"): 31}),
    ("training after the race", {"taper"}, with_day(RACE_PLAN, 3, "sun", ("easy", 4, False)), None),
    ("strength 2 days before the race", {"strength"},
     with_day(with_day(RACE_PLAN, 3, "thu", ("easy", 4, True)), 3, "wed", ("easy", 5, False)), None),
])
def test_race_rules(case, expected, weeks, minutes):
    config, plan = race_plan(weeks, minutes=minutes)
    violations = validate(config, plan)
    assert rules_of(violations) == expected, violations


def test_race_day_minutes_excepted_from_availability():
    config = make_config(**RACE_CONFIG, availability={"sat": 30})
    plan = build_plan(config, with_day(RACE_PLAN, 2, "sat", ("easy", 4, False)), taper=(2, 3), minutes={day_of(2, "sat"): 24})
    assert validate(config, plan) == []


def test_taper_peak_from_history_in_short_plan():
    # A 2-week plan from 2026-12-07 with the race on Saturday of week 2: both weeks are taper
    # weeks, so the peak is the largest history week, 30, and week 1 may hold at most 22.5.
    config = make_config(goal=RACE_CONFIG["goal"], plan={"start": "2026-12-07", "weeks": 2})
    short = [RACE_WEEK_2, RACE_WEEK_3]
    assert validate(config, build_plan(config, short, taper=(1, 2))) == []
    bigger = build_plan(config, with_day(short, 1, "thu", ("easy", 4, False)), taper=(1, 2))
    assert rules_of(validate(config, bigger)) == {"taper"}


# ---- structure ------------------------------------------------------------------------------

def _set(path, value):
    def mutate(plan):
        node = plan
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


STRUCTURE_BREAKS = {
    "schema_version": _set(["schema_version"], 2),
    "unknown status": _set(["status"], "done"),
    "units": _set(["units"], "mi"),
    "athlete": _set(["athlete"], "Someone Else"),
    "day missing": lambda plan: plan["days"].pop(3),
    "dates out of order": lambda plan: plan["days"].insert(1, plan["days"].pop(2)),
    "weekday": _set(["days", 2, "weekday"], "mon"),
    "week number": _set(["days", 7, "week"], 1),
    "run_kind": _set(["days", 1, "run_kind"], "tempo"),
    "missing field": lambda plan: plan["days"][1].pop("warmup"),
    "distance not in tenths": _set(["days", 1, "distance"], 5.05),
    "rest with distance": _set(["days", 0, "distance"], 1.0),
    "run with zero distance": _set(["days", 1, "distance"], 0.0),
    "full_rest flag": _set(["days", 4, "full_rest"], True),
    "day load": _set(["days", 1, "load"], 160),
    "no warm-up on a run day": _set(["days", 1, "warmup"], []),
    "no cool-down on a run day": _set(["days", 1, "cooldown"], []),
    "weeks count": lambda plan: plan["weeks"].pop(),
    "week distance": _set(["weeks", 0, "distance"], 30.0),
    "week long_run": _set(["weeks", 0, "long_run"], 0.0),
    "week runs": _set(["weeks", 0, "runs"], 4),
    "week strength_sessions": _set(["weeks", 0, "strength_sessions"], 3),
    "week full_rest_days": _set(["weeks", 0, "full_rest_days"], 2),
    "week load": _set(["weeks", 0, "load"], 700),
    "week max_acwr": _set(["weeks", 0, "max_acwr"], 0.5),
    "week cutback flag": _set(["weeks", 1, "cutback"], True),
    "week taper flag": _set(["weeks", 1, "taper"], True),
    "week start": _set(["weeks", 1, "start"], "2026-12-08"),
    "explanation rule": _set(["explanation", "limits"], [{"rule": "speed", "message": "x"}]),
    "warnings not a list": _set(["warnings"], None),
    "infeasible with days": _set(["status"], "infeasible"),
}


@pytest.mark.parametrize("case", sorted(STRUCTURE_BREAKS))
def test_structure(case):
    config = make_config()
    plan = build_plan(config, BASE)
    STRUCTURE_BREAKS[case](plan)
    violations = validate(config, plan)
    assert violations, case
    assert rules_of(violations) == {"structure"}, violations


def test_not_a_dict():
    assert rules_of(validate(make_config(), [])) == {"structure"}


# ---- pain: classification -------------------------------------------------------------------

def checkin(days_before: int, **fields) -> dict:
    base = {"location": "hip", "severity": 3, "character": "dull", "during": "easy_run"}
    return base | fields | {"date": (START - dt.timedelta(days=days_before)).isoformat()}


@pytest.mark.parametrize("case, checkins, cleared_days_before, level", [
    ("radiating", [checkin(3, character="radiating")], None, "red_flag"),
    ("numbness", [checkin(3, character="numbness", severity=1)], None, "red_flag"),
    ("severity 7", [checkin(10, severity=7)], None, "red_flag"),
    ("sharp on two dates", [checkin(3, character="sharp"), checkin(9, character="sharp", location="knee")], None, "red_flag"),
    ("sharp unresolved", [checkin(3, character="sharp", resolved_after_rest=False)], None, "red_flag"),
    ("sharp once, resolved", [checkin(3, character="sharp")], None, "mild"),
    ("sharp twice on one date", [checkin(3, character="sharp"), checkin(3, character="sharp", location="knee")], None, "mild"),
    ("3 dates in last 7 days", [checkin(1), checkin(4), checkin(7)], None, "persistent"),
    ("3 dates, one older than 7 days", [checkin(1), checkin(4), checkin(8)], None, "mild"),
    ("3 dates, different locations", [checkin(1), checkin(4, location="knee"), checkin(7)], None, "mild"),
    ("3 dates, one with severity 0", [checkin(1), checkin(4, severity=0), checkin(7)], None, "mild"),
    ("unresolved", [checkin(12, resolved_after_rest=False)], None, "persistent"),
    ("cleared within 14 days", [], 14, "persistent"),
    ("cleared 15 days ago", [], 15, "none"),
    ("mild", [checkin(5, severity=2)], None, "mild"),
    ("severity 0 only", [checkin(5, severity=0)], None, "none"),
    ("no check-ins", [], None, "none"),
    ("radiating 14 days before counts", [checkin(14, character="radiating")], None, "red_flag"),
    ("older than 14 days ignored", [checkin(15, character="radiating"), checkin(20, severity=9)], None, "none"),
    ("on or before cleared_on ignored", [checkin(20, character="radiating"), checkin(10, severity=8)], 10, "persistent"),
    ("after cleared_on counts", [checkin(9, character="radiating")], 10, "red_flag"),
])
def test_pain_level(case, checkins, cleared_days_before, level):
    cleared = None if cleared_days_before is None else (START - dt.timedelta(days=cleared_days_before)).isoformat()
    config = make_config(pain={"cleared_on": cleared, "checkins": checkins})
    assert pain_level(config) == level, case


def test_wrong_pain_level_reported():
    config = mild_config()
    plan = build_plan(config, MILD_PLAN, level="none", notes=["foam rolling"])
    violations = validate(config, plan)
    assert rules_of(violations) == {"pain"}
    assert any("mild" in v.message for v in violations)


# ---- pain: what each level does to the plan -------------------------------------------------

def test_red_flag_plan_must_halt():
    config = make_config(pain={"checkins": [RED_CHECKIN]})
    violations = validate(config, build_plan(config, BASE, level="red_flag"))
    assert "pain" in rules_of(violations)
    assert any("halted" in v.message for v in violations if v.rule == "pain")


def test_halted_plan_with_training_or_no_advice():
    config = make_config(pain={"checkins": [RED_CHECKIN]})
    plan = build_plan(config, with_day(ALL_REST, 1, "tue", ("easy", 5, False)), status="halted", level="red_flag")
    assert "pain" in rules_of(validate(config, plan))
    plan = build_plan(config, ALL_REST, status="halted", level="red_flag")
    plan["pain"]["message"] = "Take it easy."
    assert rules_of(validate(config, plan)) == {"pain"}


def test_halted_plan_without_red_flag():
    config = make_config()
    assert "pain" in rules_of(validate(config, build_plan(config, ALL_REST, status="halted", level="none")))


def test_halted_race_plan_needs_a_warning():
    config = make_config(**RACE_CONFIG, pain={"checkins": [RED_CHECKIN]})
    plan = build_plan(config, [[REST] * 7] * 3, status="halted", level="red_flag")
    assert rules_of(validate(config, plan)) == {"pain"}
    plan["warnings"] = ["The race on 2026-12-19 is not run: see a professional first."]
    assert validate(config, plan) == []


@pytest.mark.parametrize("case, weeks", [
    ("first day not full rest", with_day(PERSISTENT_PLAN, 1, "mon", STRENGTH_ONLY)),
    ("too few full rest days", with_day(PERSISTENT_PLAN, 2, "wed", ("easy", 5, False))),
    ("two running days in a row", with_day(with_day(PERSISTENT_PLAN, 2, "wed", ("easy", 5.5, False)), 2, "thu", STRENGTH_ONLY)),
    ("quality run", with_day(PERSISTENT_PLAN, 2, "thu", ("quality", 5.5, True))),
    ("week 1 above 0.7 x last history week", with_day(with_day(with_day(
        PERSISTENT_PLAN, 1, "tue", ("easy", 7, True)), 1, "thu", ("easy", 7, True)), 1, "sun", ("long", 8, False))),
    ("long run above 0.8 x longest_recent_run", with_day(
        with_day(with_day(PERSISTENT_PLAN, 2, "tue", ("easy", 8, True)), 2, "thu", ("easy", 8, True)), 2, "sun", ("long", 10, False))),
])
def test_persistent_pain_rules(case, weeks):
    config = persistent_config()
    violations = validate(config, build_plan(config, weeks, level="persistent"))
    assert "pain" in rules_of(violations), violations
    assert rules_of(violations) <= {"pain", "strength", "min_rest_days"}, violations


def test_persistent_pain_raises_strength():
    config = persistent_config()
    weeks = with_day(PERSISTENT_PLAN, 1, "sat", REST)
    violations = validate(config, build_plan(config, weeks, level="persistent"))
    assert rules_of(violations) == {"strength"}
    assert any(v.where == "week 1" and "exactly 3" in v.message for v in violations)


def test_persistent_long_run_cap_from_onset_distance():
    checkin_with_onset = PERSISTENT_CHECKIN | {"onset_distance": 8}
    config = make_config(pain={"checkins": [checkin_with_onset]})
    # 0.8 x onset 8 = 6.4 < the plan's 7 km long runs
    violations = validate(config, build_plan(config, PERSISTENT_PLAN, level="persistent"))
    assert rules_of(violations) == {"pain"}
    assert any("6.4" in v.message for v in violations)


def test_persistent_tiny_cap_exempts_long_run():
    # 0.8 x onset 3 = 2.4 km, 14.4 minutes: too short for a 20-minute run, so no run fits in the
    # pain weeks and they need no long run: three hip/core sessions and rest are the plan.
    config = make_config(pain={"checkins": [PERSISTENT_CHECKIN | {"onset_distance": 3}]})
    no_runs_week = [REST, STRENGTH_ONLY, REST, STRENGTH_ONLY, REST, STRENGTH_ONLY, REST]
    no_runs = [no_runs_week, no_runs_week]
    assert validate(config, build_plan(config, no_runs, level="persistent")) == []
    # With the onset-free cap (0.8 x 12 = 9.6 km) the same plan misses its long runs.
    violations = validate(persistent_config(), build_plan(persistent_config(), no_runs, level="persistent"))
    assert rules_of(violations) == {"long_runs"}


@pytest.mark.parametrize("case, weeks, notes", [
    ("no foam-rolling note", MILD_PLAN, ["stretch your calves"]),
    ("long run above 0.9 x onset", with_day(with_day(MILD_PLAN, 2, "sun", ("long", 12.7, False)), 2, "sat", ("easy", 5.3, True)),
     ["foam roll your glutes"]),
])
def test_mild_pain_rules(case, weeks, notes):
    config = mild_config()
    violations = validate(config, build_plan(config, weeks, level="mild", notes=notes))
    assert rules_of(violations) == {"pain"}, violations


def test_mild_pain_raises_strength():
    config = mild_config()
    violations = validate(config, build_plan(config, BASE, level="mild", notes=["foam rolling"]))
    assert rules_of(violations) == {"strength"}
    assert {v.where for v in violations} == {"week 1", "week 2"}


# ---- weekly caps from history -----------------------------------------------------------------

def test_weekly_increase_uses_the_larger_of_the_two_weeks_before():
    # d[0] = 10, d[-1] = 40: week 1 may reach 1.1 x 40 = 44, so 31 km is fine.
    config = make_config(history={"weekly_distance": [40, 10], "longest_recent_run": 12}, rules={"acwr_max": 3.0})
    assert validate(config, build_plan(config, BASE)) == []
    # With one history week of 10 km, older weeks equal it too: the cap is max(11, start_floor 10).
    config = make_config(history={"weekly_distance": [10], "longest_recent_run": 12}, rules={"acwr_max": 3.0})
    violations = validate(config, build_plan(config, BASE))
    assert rules_of(violations) == {"max_weekly_increase"}
    assert any(v.where == "week 1" and "11" in v.message for v in violations)


BEGINNER = {"history": {"weekly_distance": [0], "longest_recent_run": 0},
            "plan": {"start": START.isoformat(), "weeks": 1}, "rules": {"min_run_minutes": 15}}


def test_start_floor_lets_a_beginner_start():
    config = make_config(**BEGINNER)
    week = [REST, ("easy", 3, True), REST, ("easy", 3, False), STRENGTH_ONLY, REST, ("long", 4, False)]
    # 10 km = start_floor; each run <= 0.4 x start_floor = 4 (run_spike and long_run_step floors).
    assert validate(config, build_plan(config, [week])) == []
    over = with_day([week], 1, "thu", ("easy", 3.5, False))
    assert rules_of(validate(config, build_plan(config, over))) == {"max_weekly_increase"}
    longer = with_day(with_day([week], 1, "sun", ("long", 4.2, False)), 1, "tue", ("easy", 2.8, True))
    # (in a week at start_floor, a long run above 0.4 x start_floor also breaks long_run_max_share)
    assert rules_of(validate(config, build_plan(config, longer))) == {"long_run_step", "run_spike", "long_run_max_share"}


def test_halted_plan_has_no_cutback_or_taper_flags():
    config = make_config(pain={"checkins": [RED_CHECKIN]}, rules={"cutback_every": 2})
    plan = build_plan(config, ALL_REST, status="halted", level="red_flag")
    assert validate(config, plan) == []
    plan["weeks"][1]["cutback"] = True
    violations = validate(config, plan)
    assert rules_of(violations) == {"structure"}
    assert violations[0].where == "week 2"


def test_violation_names_the_week_and_numbers():
    config = make_config(goal={"target_weekly_distance": 32})
    [violation] = validate(config, build_plan(config, BASE))
    assert (violation.rule, violation.where) == ("target", "week 2")
    assert "34" in violation.message and "32" in violation.message


def test_zero_chronic_floor_does_not_divide_by_zero():
    config = make_config(**BEGINNER | {"rules": {"start_floor": 0}}, strength={"sessions_per_week": 0})
    # An all-rest week has no load at all: ACWR is 0; its ramp cap of 0 leaves no room for three
    # runs, so it owes no long run either, and nothing is reported.
    assert rules_of(validate(config, build_plan(config, [[REST] * 7]))) == set()
    violations = validate(config, build_plan(config, [[REST] * 6 + [("long", 0.1, False)]]))
    assert "acwr_max" in rules_of(violations)


def test_warnings_and_history_the_contract_asks_for_are_checked():
    """Check-ins after the planning day must be named in a warning, the plan's `history` must
    be what it was planned from, and solve_seconds is a time."""
    import copy

    import planner
    from tests.conftest import BASE_CONFIG

    data = copy.deepcopy(BASE_CONFIG)
    data["pain"] = {"checkins": [{"date": "2026-12-05", "location": "hip", "severity": 2, "character": "dull",
                                  "during": "easy_run"}]}
    config = load_config(data)
    plan = json.loads(planner.plan(config).to_json())
    assert validate(config, plan) == []
    silent = copy.deepcopy(plan)
    silent["warnings"] = [w for w in plan["warnings"] if "2026-12-05" not in w]
    assert [v.rule for v in validate(config, silent)] == ["warnings"]
    wrong = copy.deepcopy(plan)
    wrong["history"]["weekly_distance"][0] += 5
    assert [v.rule for v in validate(config, wrong)] == ["history"]
    negative = copy.deepcopy(plan) | {"solve_seconds": -1}
    assert [v.rule for v in validate(config, negative)] == ["structure"]
