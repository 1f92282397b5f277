"""Re-planning (docs/replanning.md): the past from the log, every rule on the planned days with the
past as fixed history, no make-up, coming back, stable plans, changes, adherence, calendars,
and pain reported in the middle of a plan."""

from __future__ import annotations

import copy
import datetime as dt
import math
import json

import pytest
import yaml
from typer.testing import CliRunner

import planner
from planner.cli import app
from planner.errors import ConfigError
from tests.conftest import BASE_CONFIG
from tests.replan_helpers import as_run, with_log

runner = CliRunner()
START = dt.date(2026, 11, 30)
WEEKS = 6


def base(**changes) -> dict:
    data = copy.deepcopy(BASE_CONFIG)
    data["plan"]["weeks"] = WEEKS
    data.update(changes)
    return data


_PLANS: dict[str, planner.schema.Plan] = {}


def planned(data: dict):
    """The plan of `data` (solved once per config)."""
    key = json.dumps(data, sort_keys=True, default=str)
    if key not in _PLANS:
        _PLANS[key] = planner.plan(data)
    return _PLANS[key]


def day_of(days: int) -> dt.date:
    return START + dt.timedelta(days=days)


def replanned(data, days, entries, previous=None, **options):
    logged = with_log(data, entries)
    plan = planner.replan(logged, start=day_of(days), previous=previous, today=day_of(days), **options)
    return logged, plan


def valid(config, plan, previous=None) -> list:
    return planner.validate(config, plan, previous)


# ---- the past ----------------------------------------------------------------------------------

def test_the_past_is_what_the_log_says_and_a_day_without_a_run_was_rest():
    data = base()
    plan = planned(data)
    entries = as_run(plan, 10, skip={str(day_of(1))})
    logged, again = replanned(data, 10, entries)
    past = again.day_list[:10]
    assert all(day.logged for day in past) and not any(day.logged for day in again.day_list[10:])
    assert past[1].run_kind == "rest" and past[1].distance == 0
    for before, after in zip(plan.day_list[2:10], past[2:]):
        assert (after.run_kind, after.distance, after.strength) == (before.run_kind, before.distance, before.strength)
    assert again.planned_from == day_of(10)
    assert valid(logged, again) == []


def test_a_start_outside_the_plan_is_an_error_naming_it():
    data = with_log(base(), [])
    for day in (START - dt.timedelta(days=1), START + dt.timedelta(days=7 * WEEKS)):
        with pytest.raises(ConfigError, match="outside the plan"):
            planner.replan(data, start=day, today=day)


def test_the_default_start_is_today_or_tomorrow_when_today_is_logged():
    data = base()
    plan = planned(data)
    running_day = next(day for day in plan.day_list[7:] if day.run_kind != "rest")
    index = (running_day.date - START).days
    logged = with_log(data, as_run(plan, index + 1))
    assert planner.replan(logged, today=running_day.date).planned_from == running_day.date + dt.timedelta(days=1)
    logged = with_log(data, as_run(plan, index))
    assert planner.replan(logged, today=running_day.date).planned_from == running_day.date


def test_a_re_plan_reads_the_training_log_once(monkeypatch):
    """The default start and the past come from one reading of the log."""
    import planner.log.read

    data = base()
    plan = planned(data)
    logged = with_log(data, as_run(plan, 10))
    reads = []
    real = planner.log.read.read_log
    monkeypatch.setattr(planner.log.read, "read_log", lambda *args, **kwargs: reads.append(1) or real(*args, **kwargs))
    again = planner.replan(logged, today=START + dt.timedelta(days=10), previous=plan)
    assert again.planned_from == START + dt.timedelta(days=10) and len(reads) == 1


# ---- stable plans, changes and adherence ---------------------------------------------------------

@pytest.mark.parametrize("days", [3, 10, 17, 30])
def test_a_log_that_matches_the_previous_plan_gives_it_back(days):
    data = base()
    plan = planned(data)
    logged, again = replanned(data, days, as_run(plan, days), previous=plan)
    assert [(d.run_kind, d.distance, d.strength) for d in again.day_list[days:]] == \
        [(d.run_kind, d.distance, d.strength) for d in plan.day_list[days:]]
    assert again.changes == []
    assert {day.adherence for day in again.day_list[:days]} <= {"done", "rest"}
    assert valid(logged, again, plan) == []


def test_adherence_of_each_kind_of_past_day():
    data = base()
    plan = planned(data)
    runs = [day for day in plan.day_list[:10] if day.run_kind not in ("rest", "race")]
    rests = [day for day in plan.day_list[:10] if day.run_kind == "rest" and not day.strength]
    done_20, partial, missed = runs[0], runs[1], runs[2]
    entries = as_run(plan, 10, skip={str(missed.date)},
                     change={str(done_20.date): math.floor(done_20.distance * 12 + 1e-9) / 10, str(partial.date): round(partial.distance * 0.7, 1)})
    entries.append({"date": str(rests[0].date), "kind": "easy", "distance": 4, "minutes": 24})
    logged, again = replanned(data, 10, entries, previous=plan)
    by_date = {day.date: day.adherence for day in again.day_list}
    assert by_date[done_20.date] == "done"  # within 20 %, 20 % included
    assert by_date[partial.date] == "partial"
    assert by_date[missed.date] == "missed"
    assert by_date[rests[0].date] == "extra"
    assert by_date[rests[-1].date] in ("rest", "extra")
    assert valid(logged, again, plan) == []


def test_past_days_carry_what_the_previous_plan_had_for_them():
    data = base()
    plan = planned(data)
    missed = next(day for day in plan.day_list[:10] if day.run_kind == "easy")
    _, again = replanned(data, 10, as_run(plan, 10, skip={str(missed.date)}), previous=plan)
    for before, after in zip(plan.day_list[:10], again.day_list[:10]):
        summary = "rest" if before.run_kind == "rest" else f"{before.run_kind[0].upper()} {before.distance:.1f}"
        assert after.planned == summary + (" +S" if before.strength else "")
        assert after.planned_distance == before.distance
    assert again.day_list[(missed.date - START).days].distance == 0
    assert all(day.planned is None and day.planned_distance is None for day in again.day_list[10:])
    _, without = replanned(data, 10, as_run(plan, 10))
    assert all(day.planned is None and day.planned_distance is None for day in without.day_list)


def test_a_missed_week_is_not_made_up_and_every_change_is_listed_with_a_reason():
    data = base()
    plan = planned(data)
    missed = {str(day_of(i)) for i in range(7, 10)}
    logged, again = replanned(data, 10, as_run(plan, 10, skip=missed), previous=plan)
    week = again.day_list[7:14]
    before = {day.date: day for day in plan.day_list}
    for day in week[3:]:
        assert day.distance <= before[day.date].distance + 1e-9
    assert sum(d.distance for d in week) <= sum(before[d.date].distance for d in week) + 1e-9
    listed = {change.date for change in again.changes}
    for day in again.day_list[10:]:
        old = before[day.date]
        if (day.run_kind, day.distance, day.strength) != (old.run_kind, old.distance, old.strength):
            assert day.date in listed
    assert all(change.reason for change in again.changes)
    assert valid(logged, again, plan) == []


def test_the_validator_rejects_a_missed_session_stacked_onto_a_later_day():
    data = base()
    plan = planned(data)
    missed_day = next(day for day in plan.day_list[7:10] if day.run_kind == "easy")
    logged, again = replanned(data, 10, as_run(plan, 10, skip={str(missed_day.date)}), previous=plan)
    broken = again.to_dict()
    later = next(day for day in broken["days"][10:14] if day["run_kind"] == "easy")
    later["distance"] = round(later["distance"] + missed_day.distance, 1)
    later["run_minutes"] = round(later["distance"] * 6)
    found = {v.rule for v in valid(logged, broken, plan)}
    assert "no_make_up" in found


# ---- coming back --------------------------------------------------------------------------------

def test_after_three_days_without_running_the_first_two_runs_are_easy_and_short():
    data = base()
    plan = planned(data)
    runs = [day for day in plan.day_list[:14] if day.run_kind != "rest"]
    last_before = runs[2]
    index = (last_before.date - START).days
    gap_end = index + 5  # five days without a run, some of them planned runs
    logged, again = replanned(data, gap_end, as_run(plan, index + 1), previous=plan)
    first_two = [day for day in again.day_list[gap_end:] if day.run_kind != "rest"][:2]
    assert all(day.run_kind == "easy" and day.distance <= last_before.distance for day in first_two)
    assert valid(logged, again, plan) == []


def test_rest_the_previous_plan_scheduled_is_no_lapse():
    data = base(availability={"tue": 60, "wed": 60, "sat": 120, "sun": 150, "long_run_days": ["sun"]})
    plan = planned(data)
    # Wed-Fri of week 2 hold no run in the plan: three days in a row of planned rest
    rest_run = [day for day in plan.day_list[7:14]]
    assert all(day.run_kind == "rest" for day in rest_run[3:5])
    logged, again = replanned(data, 12, as_run(plan, 12), previous=plan)
    assert again.changes == []  # the log matches the plan: nothing changes, no return rule applies


# ---- pain in the middle of a plan ----------------------------------------------------------------

def checkin(day: int, **fields) -> dict:
    return {"date": str(day_of(day)), "location": "lower_back", "severity": 3, "character": "dull",
            "during": "long_run", **fields}


def test_mild_pain_in_week_3_caps_every_run_of_that_week_and_the_next():
    data = base()
    plan = planned(data)
    pained = base(pain={"checkins": [checkin(15, onset_distance=8)]})
    logged, again = replanned(pained, 16, as_run(plan, 16), previous=plan)
    assert again.pain.level == "mild"
    for day in again.day_list[16:28]:  # the pain weeks: weeks 3 and 4
        if day.run_kind not in ("rest", "race"):
            assert day.distance <= 0.9 * 8 + 1e-9
    assert valid(logged, again, plan) == []


def test_persistent_pain_mid_plan_rests_the_planning_day_and_eases_the_next_seven_days():
    data = base()
    plan = planned(data)
    checkins = [checkin(d, location="knee", severity=2, during="easy_run") for d in (12, 14, 15)]
    pained = base(pain={"checkins": checkins})
    logged, again = replanned(pained, 16, as_run(plan, 16), previous=plan)
    assert again.pain.level == "persistent"
    assert again.day_list[16].full_rest
    seven_before = sum(d.distance for d in again.day_list[9:16])
    assert sum(d.distance for d in again.day_list[16:23]) <= 0.7 * seven_before + 1e-9
    assert valid(logged, again, plan) == []


def test_a_red_flag_in_week_6_halts_the_rest_and_keeps_the_past():
    data = base()
    plan = planned(data)
    pained = base(pain={"checkins": [checkin(36, character="radiating", severity=5)]})
    logged, again = replanned(pained, 37, as_run(plan, 37), previous=plan)
    assert again.status == "halted"
    assert all(day.logged for day in again.day_list[:37])
    assert [d.distance for d in again.day_list[:37]] == [d.distance for d in plan.day_list[:37]]
    assert all(day.full_rest for day in again.day_list[37:])
    assert valid(logged, again, plan) == []


def test_the_validator_rejects_a_re_plan_that_ignores_a_mid_plan_checkin():
    data = base()
    plan = planned(data)
    pained = base(pain={"checkins": [checkin(15, onset_distance=8)]})
    logged = with_log(pained, as_run(plan, 16))
    ignoring = planner.replan(with_log(data, as_run(plan, 16)), start=day_of(16), previous=plan, today=day_of(16))
    found = {v.rule for v in valid(logged, ignoring, plan)}
    assert "pain" in found


# ---- the command line ---------------------------------------------------------------------------

def test_replan_command_reads_the_previous_plan_from_the_output_file_and_raises_the_calendar_sequence(tmp_path):
    data = base()
    plan = planned(data)
    path = tmp_path / "athlete.yaml"
    out = tmp_path / "plan.json"
    missed = {str(day_of(i)) for i in range(7, 10)}
    path.write_text(yaml.safe_dump(with_log(data, as_run(plan, 10, skip=missed))))
    out.write_text(plan.to_json())
    result = runner.invoke(app, ["replan", str(path), "--from", str(day_of(10)), "-o", str(out), "--today", str(day_of(10))])
    assert result.exit_code == 0, result.output
    again = json.loads(out.read_text())
    assert again["revision"] == 1 and again["changes"]
    assert "missed" in result.stdout and "What changed" in result.stdout
    calendar = tmp_path / "plan.ics"
    result = runner.invoke(app, ["replan", str(path), "--from", str(day_of(10)), "--previous", str(tmp_path / "plan.json"),
                                 "-o", str(calendar), "--today", str(day_of(10))])
    assert result.exit_code == 0, result.output
    text = calendar.read_text()
    assert "SEQUENCE:2" in text
    dropped = [c for c in again["changes"] if c["after"] == "rest" and c["before"] != "rest"]
    if dropped:
        assert "STATUS:CANCELLED" in text


def test_replan_command_refuses_a_start_outside_the_plan(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(with_log(base(), [])))
    result = runner.invoke(app, ["replan", str(path), "--from", "2030-01-01"])
    assert result.exit_code == 2 and "outside the plan" in result.stderr


# ---- where the past leaves no way to obey a rule ------------------------------------------------

def test_a_week_already_over_its_cap_plans_no_more_running_and_says_why():
    data = base()
    plan = planned(data)
    # the first three days of week 2 hold 50 km, more than the 45 km target alone allows
    entries = as_run(plan, 7) + [{"date": str(day_of(d)), "kind": "easy", "distance": 16.7, "minutes": 100}
                                 for d in (7, 8, 9)]
    logged, again = replanned(data, 10, entries, previous=plan)
    assert all(day.run_kind == "rest" for day in again.day_list[10:14])
    assert any(notice.code.startswith("waived_") and "no more running" in notice.message for notice in again.notices)
    assert valid(logged, again, plan) == []


def test_hip_core_sessions_done_this_week_are_not_planned_again():
    data = base()
    plan = planned(data)
    entries = as_run(plan, 7) + [{"date": str(day_of(d)), "kind": "strength", "minutes": 20} for d in (7, 8)]
    logged, again = replanned(data, 9, entries)
    assert sum(day.strength for day in again.day_list[7:14]) == 2  # the two done, none more
    assert valid(logged, again) == []


def test_a_week_whose_long_run_was_run_plans_no_other():
    data = base()
    plan = planned(data)
    entries = as_run(plan, 7) + [{"date": str(day_of(7)), "kind": "long", "distance": 14, "minutes": 84}]
    logged, again = replanned(data, 8, entries)
    assert [day.run_kind for day in again.day_list[7:14]].count("long") == 1
    assert valid(logged, again) == []


def test_where_the_logged_load_alone_breaks_the_load_ratio_the_planned_days_of_its_window_rest():
    data = base()
    plan = planned(data)
    heavy = [{"date": str(day_of(d)), "kind": "quality", "distance": 15, "minutes": 80} for d in (7, 8, 9)]
    logged, again = replanned(data, 10, as_run(plan, 7) + heavy)
    assert again.day_list[10].full_rest
    assert any(notice.code == "waived_acwr_max" for notice in again.notices)
    assert valid(logged, again) == []


# ---- hip/core sessions still owed in the week of the planning day ---------------------------------

REVIEWED = {  # a week of missed sessions, then a re-plan from Wednesday of week 2
    "athlete": {"name": "Owed Sessions", "units": "km", "easy_pace": "6:00"},
    "history": {"weekly_distance": [28, 30, 26, 32], "longest_recent_run": 14},
    "goal": {"target_weekly_distance": 50, "race": {"date": "2027-02-07", "distance": 21.1}},
    "plan": {"start": "2026-11-30"},
    "availability": {"tue": 60, "wed": 45, "thu": 60, "sat": 120, "sun": 150, "long_run_days": ["sat", "sun"]},
    "quality_sessions_per_week": 1,
    "log": {"entries": [{"date": "2026-12-01", "kind": "easy", "distance": 7.2, "minutes": 43},
                        {"date": "2026-12-02", "kind": "easy", "distance": 7.3, "minutes": 44},
                        {"date": "2026-12-08", "kind": "easy", "distance": 5.9, "minutes": 35}]},
}


def test_a_mid_week_re_plan_keeps_the_hip_core_sessions_still_owed():
    """Two sessions owed from Wednesday on, and the days left hold them: both are planned
    (volume does not buy them off), and the validator holds the plan to it."""
    day = dt.date(2026, 12, 9)
    plan = planner.replan(REVIEWED, start=day, today=day)
    week = [d for d in plan.day_list if d.week == 2]
    assert sum(d.strength for d in week) == REVIEWED.get("strength", {}).get("sessions_per_week", 2)
    assert not plan.has_notice("strength_left")
    assert valid(planner.load_config(REVIEWED), plan) == []
    dropped = json.loads(plan.to_json())
    for item in dropped["days"]:
        if item["week"] == 2 and item["strength"]:
            item.update(strength=False, strength_minutes=0, strength_exercises=[])
            item["full_rest"] = item["run_kind"] == "rest"
            item["load"] = item["run_minutes"] * {"easy": 3, "long": 4, "quality": 6}.get(item["run_kind"], 0)
    assert any(v.rule == "strength" and "owes 2" in v.message for v in valid(planner.load_config(REVIEWED), dropped))


def test_sessions_that_cannot_fit_are_planned_as_far_as_they_go_with_a_warning():
    """Re-planned on Saturday, one long-run day left and no session on a long-run day: the two
    sessions cannot both fit; the plan places what fits and says why."""
    data = copy.deepcopy(REVIEWED)
    data["availability"] = {"tue": 60, "wed": 45, "thu": 60, "sun": 150, "long_run_days": ["sun"]}
    day = dt.date(2026, 12, 12)
    plan = planner.replan(data, start=day, today=day)
    week = [d for d in plan.day_list if d.week == 2 and d.date >= day]
    assert sum(d.strength for d in week) < 2
    assert plan.has_notice("strength_left")
    assert any("week 2" in w and "hip/core" in w for w in plan.warnings)
    assert valid(planner.load_config(data), plan) == []


def test_a_long_run_far_over_its_share_in_the_past_does_not_block_the_re_plan():
    """25 km logged on Tuesday of a week that could never hold 62.5 km: the share rule is the
    past's to have broken, not the planned days' to repair (a plan, not a conflict)."""
    data = base(log={"entries": [{"date": "2026-12-01", "kind": "easy", "distance": 7, "minutes": 42},
                                 {"date": "2026-12-03", "kind": "easy", "distance": 7, "minutes": 42},
                                 {"date": "2026-12-05", "kind": "long", "distance": 14, "minutes": 84},
                                 {"date": "2026-12-08", "kind": "long", "distance": 25, "minutes": 150}]})
    day = dt.date(2026, 12, 9)
    plan = planner.replan(data, start=day, today=day)
    assert plan.status in ("optimal", "feasible")
    assert not [d for d in plan.day_list if d.date >= day and d.week == 2 and d.run_kind == "long"]
    assert valid(planner.load_config(data), plan) == []


def test_a_re_plan_after_race_day_leaves_the_race_out_of_every_other_rule():
    """The logged race is no training: the ramp and the taper do not count its 21.1 km, so no
    rule warns that race week already holds too much, and the plan is valid."""
    data = base(goal={"target_weekly_distance": 50, "race": {"date": "2027-01-20", "distance": 21.1}},
                plan={"start": "2026-11-30"},
                log={"entries": [{"date": "2027-01-20", "kind": "race", "distance": 21.1, "minutes": 110}]})
    day = dt.date(2027, 1, 22)
    plan = planner.replan(data, start=day, today=day)
    assert plan.status in ("optimal", "feasible")
    assert not [n for n in plan.notices if n.code.startswith("waived_") and "21.1" in n.message], plan.warnings
    assert valid(planner.load_config(data), plan) == []


def test_a_log_with_hard_cross_training_on_top_is_no_match_and_the_re_plan_is_valid():
    """The runs as planned plus three hard 3-hour cross-training days: keeping the plan would
    break the load ratio, so the re-plan moves days, and the validator does not ask it to keep."""
    data = base()
    plan = planned(data)
    entries = as_run(plan, 10) + [{"date": str(day_of(d)), "kind": "cross", "minutes": 180, "rpe": 9} for d in (6, 7, 8)]
    logged, again = replanned(data, 10, entries, previous=plan)
    assert again.status in ("optimal", "feasible")
    assert valid(logged, again, plan) == []


def test_rest_forced_into_the_next_week_by_the_logged_load_still_plans():
    """Re-planned on a Thursday after three huge days: the load ratio rests the days into next
    week, so that week too is one the past holds; its sessions are tried with the days before it."""
    data = base(availability={"mon": 60, "tue": 60, "wed": 45, "thu": 60, "fri": 60, "sat": 120, "sun": 150,
                              "long_run_days": ["sat", "sun"]},
                log={"entries": [{"date": "2026-11-30", "kind": "easy", "distance": 15, "minutes": 90},
                                 {"date": "2026-12-01", "kind": "long", "distance": 25, "minutes": 150},
                                 {"date": "2026-12-02", "kind": "easy", "distance": 15, "minutes": 90},
                                 {"date": "2026-12-02", "kind": "cross", "minutes": 240, "rpe": 9}]})
    day = dt.date(2026, 12, 3)
    plan = planner.replan(data, start=day, today=day)
    assert plan.status in ("optimal", "feasible")
    resting = [d for d in plan.day_list if d.date >= day and d.full_rest]
    assert any(d.week == 2 for d in resting)
    assert valid(planner.load_config(data), plan) == []


def test_a_change_after_a_shorter_week_gives_that_week_as_its_reason():
    data = base()
    plan = planned(data)
    first_run = next(day for day in plan.day_list[:7] if day.run_kind == "easy")
    shorter = round(first_run.distance * 0.6, 1)
    logged, again = replanned(data, 7, as_run(plan, 7, change={str(first_run.date): shorter}), previous=plan)
    assert valid(logged, again, plan) == []
    done = sum(day.distance for day in again.day_list[:7])
    before = sum(day.distance for day in plan.day_list[:7])
    expected = f"week 1 ran {done:.1f} of the {before:.1f} km planned (less)"
    assert again.changes and all(change.reason.startswith(expected) for change in again.changes), again.changes
