"""planner.pain: every trigger of docs/rules.md, Pain, the reasons it gives, and halted plans."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

import planner
from planner.pain import assess_pain
from tests.conftest import BASE_CONFIG

START = dt.date(2026, 11, 30)


def checkin(days_before: int, **fields) -> dict:
    entry = {"date": (START - dt.timedelta(days=days_before)).isoformat(), "location": "lower_back",
             "severity": 3, "character": "dull", "during": "long_run"}
    entry.update(fields)
    return entry


def config_with(checkins, cleared_days_before=None) -> dict:
    config = copy.deepcopy(BASE_CONFIG)
    config["pain"] = {"checkins": checkins}
    if cleared_days_before is not None:
        config["pain"]["cleared_on"] = (START - dt.timedelta(days=cleared_days_before)).isoformat()
    return config


CASES = [
    ("no check-ins", [], None, "none"),
    ("severity 0 only", [checkin(2, severity=0)], None, "none"),
    ("radiating", [checkin(3, character="radiating", severity=2)], None, "red_flag"),
    ("numbness", [checkin(3, character="numbness", severity=1)], None, "red_flag"),
    ("severity 7", [checkin(3, severity=7)], None, "red_flag"),
    ("sharp twice", [checkin(3, character="sharp"), checkin(9, character="sharp", location="hip")], None, "red_flag"),
    ("sharp twice same day", [checkin(3, character="sharp"), checkin(3, character="sharp", location="hip")], None, "mild"),
    ("sharp unresolved", [checkin(3, character="sharp", resolved_after_rest=False)], None, "red_flag"),
    ("3 days in 7", [checkin(1), checkin(3), checkin(6)], None, "persistent"),
    ("3 days but not in 7", [checkin(1), checkin(3), checkin(9)], None, "mild"),
    ("3 days, 3 locations", [checkin(1), checkin(3, location="hip"), checkin(6, location="knee")], None, "mild"),
    ("unresolved", [checkin(5, resolved_after_rest=False)], None, "persistent"),
    ("cleared within 14 days", [checkin(12, character="radiating")], 10, "persistent"),
    ("cleared: earlier check-ins ignored", [checkin(12, character="radiating"), checkin(3)], 10, "persistent"),
    ("cleared long ago", [checkin(3)], 20, "mild"),
    ("older than 14 days", [checkin(15, character="radiating")], None, "none"),
    ("mild", [checkin(4)], None, "mild"),
]


@pytest.mark.parametrize(("name", "checkins", "cleared", "level"), CASES, ids=[c[0] for c in CASES])
def test_level_and_reasons(name, checkins, cleared, level):
    assessment = assess_pain(planner.load_config(config_with(checkins, cleared)))
    assert assessment.level == level
    assert bool(assessment.reasons) == (level != "none")


def test_reasons_name_the_triggering_check_in():
    assessment = assess_pain(planner.load_config(config_with([checkin(3, severity=8)])))
    assert any("severity 8" in reason and "2026-11-27" in reason for reason in assessment.reasons)


def test_red_flag_halts_every_day_whatever_the_config_says():
    config = config_with([checkin(2, character="radiating")])
    config["plan"] = {"start": START.isoformat()}
    config["goal"]["race"] = {"date": "2026-12-20", "distance": 10}
    config["quality_sessions_per_week"] = 2
    plan = planner.plan(config)
    assert plan.status == "halted"
    assert all(d.run_kind == "rest" and not d.strength and d.full_rest for d in plan.day_list)
    assert all(not w.cutback and not w.taper for w in plan.week_list)
    assert "physical therapist or doctor" in plan.pain.message and "disc or nerve" in plan.pain.message
    assert any("race" in warning for warning in plan.warnings)
    assert planner.validate(config, plan) == []


@pytest.mark.parametrize(("checkins", "expected"), [
    ([checkin(4, onset_distance=10)], ["Hip/core sessions raised to 3", "9.0 km", "Foam rolling"]),
    ([checkin(5, resolved_after_rest=False, onset_distance=10)],
     ["full rest day", "two days in a row", "70 %", "8.0 km", "raised to 3"]),
])
def test_actions_say_what_changed(checkins, expected):
    plan = planner.plan(config_with(checkins))
    text = " ".join(plan.pain.actions)
    for phrase in expected:
        assert phrase in text
    assert planner.validate(config_with(checkins), plan) == []
