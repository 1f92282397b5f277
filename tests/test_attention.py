"""Why a coach should look at an athlete (planner.runtime.attention): each reason from the
plan's fields and notice codes, in plain words, the most urgent first."""

from __future__ import annotations

import copy

import pytest

import planner
from planner.runtime.attention import CODES, rank, reasons
from planner.schema import Notice, PainReport
from tests.conftest import BASE_CONFIG


@pytest.fixture(scope="module")
def plan():
    data = copy.deepcopy(BASE_CONFIG)
    data["goal"]["target_weekly_distance"] = 30  # reached: no reason of its own
    return planner.plan(data)


def with_days(plan, changes: dict[int, dict]):
    """The plan with days (by index) logged and changed as given."""
    days = [day.model_copy(update={"logged": True, **changes[i]}) if i in changes else day
            for i, day in enumerate(plan.day_list)]
    return plan.model_copy(update={"day_list": days})


def codes(found) -> list[str]:
    return [reason.code for reason in found]


def test_a_plan_run_as_planned_needs_no_look(plan):
    assert reasons(plan, None, 30) == []


def test_a_peak_below_the_target_names_the_numbers_and_what_holds_it(plan):
    (reason,) = reasons(plan, None, 60)
    peak = max(plan.training_distances())
    held = ", ".join(dict.fromkeys(note.rule for note in plan.explanation.limits))
    assert reason.code == "below_target"
    assert reason.text == f"peaks at {peak:.1f} of the 60 km target" + (f", held there by {held}" if held else "")


def test_missed_runs_are_named_by_day_and_what_was_planned(plan):
    changed = with_days(plan, {1: {"adherence": "missed", "planned": "E 7.2", "planned_distance": 7.2,
                                   "run_kind": "rest", "distance": 0.0}})
    (reason,) = reasons(changed, plan, 30)
    assert reason.code == "missed"
    assert reason.text == f"missed 1 planned run: {plan.day_list[1].date.strftime('%a %d %b')} (E 7.2)"


def test_only_runs_longer_than_planned_count_as_running_more(plan):
    longer = {"adherence": "partial", "planned": "E 7.0", "planned_distance": 7.0, "distance": 9.0}
    shorter = {"adherence": "partial", "planned": "E 7.0", "planned_distance": 7.0, "distance": 5.0}
    extra = {"adherence": "extra", "planned": "rest", "planned_distance": 0.0, "run_kind": "easy", "distance": 4.0}
    (reason,) = reasons(with_days(plan, {1: longer, 2: shorter, 0: extra}), plan, 30)
    day = lambda i: plan.day_list[i].date.strftime("%a %d %b")  # noqa: E731
    assert reason.code == "ran_more"
    assert reason.text == f"ran more than planned: {day(0)} 4.0 km on a planned rest day, {day(1)} 9.0 km where E 7.0 was planned"
    assert reasons(with_days(plan, {2: shorter}), plan, 30) == []


def test_a_rule_the_log_used_up_is_told_by_its_notice_code(plan):
    used_up = "week 1 already holds 3 hip/core sessions of the 2 planned: no more this week"
    notices = [Notice(code="waived_strength", message=used_up), Notice(code="stale_log", message="the log ends early")]
    (reason,) = reasons(plan.model_copy(update={"notices": notices}), plan, 30)
    assert (reason.code, reason.text) == ("ran_more", used_up)


@pytest.mark.parametrize("before, now, flagged", [
    ("none", "mild", True), ("mild", "persistent", True), ("mild", "mild", False), ("persistent", "mild", False),
])
def test_new_pain_is_a_level_worse_than_the_previous_plans(plan, before, now, flagged):
    previous = plan.model_copy(update={"pain": PainReport(level=before, actions=[], message="")})
    current = plan.model_copy(update={"pain": PainReport(level=now, actions=[], message="", reasons=["knee 3/10"])})
    found = reasons(current, previous, 30)
    assert codes(found) == (["new_pain"] if flagged else [])
    if flagged:
        assert found[0].text == f"new {now} pain ({before} in the previous plan): knee 3/10"
    assert codes(reasons(current, None, 30)) == ["new_pain"]  # no previous plan: any pain is new


def test_a_red_flag_comes_first_and_is_not_also_new_pain():
    data = copy.deepcopy(BASE_CONFIG)
    data["pain"] = {"checkins": [{"date": "2026-11-28", "location": "hip", "severity": 8, "character": "sharp",
                                  "during": "long_run"}]}
    halted = planner.plan(data)
    found = reasons(halted, None, 45)
    assert codes(found) == ["red_flag"] and "physical therapist or doctor" in found[0].text
    assert all(reason in found[0].text for reason in halted.pain.reasons)


def test_rank_orders_by_the_most_urgent_code():
    assert [rank([code]) for code in CODES] == list(range(len(CODES)))
    assert rank(["below_target", "missed"]) == CODES.index("missed")
    assert rank([]) == rank([""]) == len(CODES)
