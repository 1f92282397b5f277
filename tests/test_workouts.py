"""Quality sessions a runner can follow (issue 15): named workouts whose parts add up to the
run's minutes, at paces from the easy pace or a recent race, a sharpener in race week, and
every quality day of a plan carrying one in its notes and in every export."""

from __future__ import annotations

import copy
import html
import json

import pytest

import planner
from planner.config import load_config
from planner.errors import ConfigError
from planner.paces import pace_text, race_seconds, training_paces, vdot
from planner.schema import Plan
from planner.workouts import COOLDOWN_LEAST, WARMUP_LEAST, WORK_LEAST, quality_workout, workout_text
from tests.conftest import BASE_CONFIG, ROOT


def paces_for(easy_pace: str = "6:00", units: str = "km", recent_race: dict | None = None):
    config = copy.deepcopy(BASE_CONFIG)
    config["athlete"].update(easy_pace=easy_pace, units=units)
    if recent_race is not None:
        config["athlete"]["recent_race"] = recent_race
    return training_paces(load_config(config))


def seconds(pace: str) -> int:
    """"5:00/km" -> 300."""
    minutes, rest = pace.split("/")[0].split(":")
    return int(minutes) * 60 + int(rest)


def minutes_of(workout, part: str) -> float:
    return sum(step.minutes for step in workout.steps if step.part == part)


EASY = paces_for()


# ---- the parts add up -------------------------------------------------------------------------

@pytest.mark.parametrize("number", [0, 1, 2])
@pytest.mark.parametrize("race_distance", [None, 21.1])
def test_a_workout_adds_up_to_the_runs_minutes_whatever_its_length(number, race_distance):
    for minutes in range(5, 181):
        workout = quality_workout(minutes, number, EASY, race_distance)
        assert workout.minutes == minutes
        assert sum(step.minutes for step in workout.steps) == minutes, (minutes, workout)
        assert all(step.minutes > 0 for step in workout.steps), (minutes, workout)
        for step in workout.steps:  # a repeated part holds its repetitions and the jogs between them
            if step.repeats > 1:
                assert step.minutes == step.repeats * step.rep_minutes + (step.repeats - 1) * step.recovery_minutes


@pytest.mark.parametrize("number", [0, 1, 2])
def test_a_workout_has_at_least_10_minutes_warm_up_10_of_work_and_5_of_cool_down(number):
    for minutes in range(WARMUP_LEAST + WORK_LEAST + COOLDOWN_LEAST, 181):
        workout = quality_workout(minutes, number, EASY)
        assert minutes_of(workout, "warm-up") >= 10 and minutes_of(workout, "cool-down") >= 5
        assert minutes_of(workout, "work") >= 10
        assert [step.part for step in workout.steps][0] == "warm-up" and workout.steps[-1].part == "cool-down"


def test_the_workouts_take_turns():
    names = [quality_workout(50, number, EASY).name for number in range(6)]
    assert names == ["cruise intervals", "intervals", "progression run"] * 2
    assert quality_workout(35, 0, EASY).name == "tempo run"  # 25 minutes of tempo or less: in one go


def test_a_long_tempo_is_split_into_cruise_intervals():
    workout = quality_workout(90, 0, EASY)
    (work,) = [step for step in workout.steps if step.part == "work"]
    assert work.repeats > 1 and work.rep_minutes * work.repeats <= 40


@pytest.mark.parametrize(("minutes", "name"), [(24, "short tempo"), (20, "short tempo"), (19, "easy run with strides"),
                                               (14, "easy run with strides"), (12, "easy run")])
def test_a_run_too_short_for_a_workout_is_a_short_tempo_or_strides(minutes, name):
    workout = quality_workout(minutes, 0, EASY)
    assert workout.name == name
    if name == "short tempo":
        assert [step.minutes for step in workout.steps] == [10, minutes - 15, 5]
    if name == "easy run with strides":
        strides = next(step for step in workout.steps if step.part == "work")
        assert strides.repeats >= 2 and strides.rep_minutes == 0.5 and minutes_of(workout, "warm-up") >= 8


# ---- paces ------------------------------------------------------------------------------------

def test_paces_from_the_easy_pace_are_faster_in_the_order_of_effort():
    assert EASY.easy == 360
    assert EASY.interval < EASY.tempo < EASY.marathon < EASY.easy
    faster = paces_for("5:00")
    assert (faster.marathon, faster.tempo, faster.interval) < (EASY.marathon, EASY.tempo, EASY.interval)
    assert "easy pace of 6:00/km" in EASY.source


def test_paces_from_a_race_match_the_published_vdot_table():
    """Daniels' Running Formula, VDOT 50: 5 km 19:57, 10 km 41:21, marathon 3:10:49; threshold
    4:15/km, interval 3:55/km, marathon pace 4:31/km."""
    assert vdot(5000, 19 * 60 + 57) == pytest.approx(50, abs=0.1)
    assert vdot(10000, 41 * 60 + 21) == pytest.approx(50, abs=0.1)
    assert race_seconds(42195, 50) == pytest.approx(3 * 3600 + 10 * 60 + 49, abs=30)
    paces = paces_for(recent_race={"distance": 5, "time": "19:57"})
    assert paces.tempo == pytest.approx(255, abs=2) and paces.interval == pytest.approx(235, abs=2)
    assert paces.marathon == pytest.approx(271, abs=2)
    assert paces.easy == 360  # warm-ups stay at the athlete's own easy pace
    assert paces.source == "your 5 km in 19:57"


def test_a_race_in_another_unit_gives_the_same_paces():
    in_km = paces_for("6:00", "km", {"distance": 10, "time": "48:30"})
    in_mi = paces_for("9:39", "mi", {"distance": "10 km", "time": "48:30"})
    per_mile = 1.609344
    assert in_mi.tempo == pytest.approx(in_km.tempo * per_mile, abs=3)
    assert in_mi.race(13.1) == pytest.approx(in_km.race(21.1) * per_mile, abs=3)


def test_a_workout_uses_its_paces():
    paces = paces_for(recent_race={"distance": 10, "time": "48:30"})
    tempo = next(step for step in quality_workout(40, 0, paces).steps if step.part == "work")
    intervals = next(step for step in quality_workout(40, 1, paces).steps if step.part == "work")
    assert tempo.pace == pace_text(paces.tempo, "km") and intervals.pace == pace_text(paces.interval, "km")
    text = workout_text(quality_workout(40, 1, paces))
    assert intervals.pace in text and "Paces from your 10 km in 48:30" in text


@pytest.mark.parametrize(("race", "allowed"), [
    ({"distance": 10, "time": 2910}, '"48:30"'),
    ({"distance": 10, "time": "4:30"}, "2:00 to 20:00"),
    ({"distance": 0.5, "time": "2:00"}, "1.5 to 50 km"),
    ({"distance": 10, "time": "48 minutes"}, "minutes:seconds"),
    ({"distance": 10}, "required"),
])
def test_a_bad_recent_race_is_a_named_error(race, allowed):
    config = copy.deepcopy(BASE_CONFIG)
    config["athlete"]["recent_race"] = race
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert caught.value.field.startswith("athlete.recent_race")
    assert allowed in caught.value.problem


# ---- race week --------------------------------------------------------------------------------

def test_race_week_keeps_only_a_short_sharpener():
    race_pace = EASY.race(21.1)
    for minutes in range(25, 121):
        workout = quality_workout(minutes, 0, EASY, race_distance=21.1)
        (work,) = [step for step in workout.steps if step.part == "work"]
        assert workout.name == "race-week sharpener"
        assert work.rep_minutes == 1 and work.repeats <= 4 and work.pace == pace_text(race_pace, "km")
        assert minutes_of(workout, "warm-up") + minutes_of(workout, "cool-down") >= minutes - 10
    assert quality_workout(20, 0, EASY, race_distance=21.1).name == "race-week strides"


# ---- in a plan --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_plans():
    return {name: planner.plan(ROOT / "examples" / f"{name}.yaml")
            for name in ("half_marathon", "marathon_limited_weekdays")}


@pytest.mark.parametrize("name", ["half_marathon", "marathon_limited_weekdays"])
def test_every_quality_day_of_an_example_plan_has_its_workout_first_in_its_notes(example_plans, name):
    plan = example_plans[name]
    quality = [day for day in plan.day_list if day.run_kind == "quality"]
    assert quality
    for day in quality:
        assert day.workout is not None and day.workout.minutes == day.run_minutes
        assert sum(step.minutes for step in day.workout.steps) == day.run_minutes
        assert day.notes[0] == workout_text(day.workout)
    assert all(day.workout is None for day in plan.day_list if day.run_kind != "quality")


def test_the_race_week_quality_day_of_a_plan_is_a_sharpener(example_plans):
    plan = example_plans["half_marathon"]
    race_week = plan.week_list[-1].week
    in_race_week = [d for d in plan.day_list if d.run_kind == "quality" and d.week == race_week]
    before = [d for d in plan.day_list if d.run_kind == "quality" and d.week < race_week]
    assert in_race_week and all("sharpener" in d.workout.name or "strides" in d.workout.name for d in in_race_week)
    assert not any("sharpener" in d.workout.name for d in before)


def test_paces_of_a_plan_follow_its_recent_race(example_plans):
    config = load_config(ROOT / "examples" / "marathon_limited_weekdays.yaml")
    paces = training_paces(config)
    assert paces.source == "your 13.1 mi in 1:42:00"
    for day in example_plans["marathon_limited_weekdays"].day_list:
        if day.workout is not None and day.workout.name in ("tempo run", "cruise intervals"):
            assert pace_text(paces.tempo, "mi") in day.notes[0]


def test_every_export_shows_the_workout(example_plans, tmp_path):
    plan = example_plans["half_marathon"]
    day = next(d for d in plan.day_list if d.run_kind == "quality" and d.run_minutes >= 40)
    text = workout_text(day.workout)
    data = json.loads(plan.to_json())
    (saved,) = [d for d in data["days"] if d["date"] == day.date.isoformat()]
    assert saved["workout"]["name"] == day.workout.name and saved["notes"][0] == text
    assert Plan.model_validate_json(plan.to_json()).day_list[plan.day_list.index(day)].workout == day.workout
    csv_text = plan.save(tmp_path / "plan.csv").read_text()
    assert text in csv_text
    from icalendar import Calendar

    calendar = Calendar.from_ical(plan.save(tmp_path / "plan.ics").read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if e.decoded("DTSTART") == day.date]
    assert text in str(event.get("DESCRIPTION"))
    html_text = plan.save(tmp_path / "plan.html").read_text()
    assert html.escape(text) in html_text
