"""Race readiness (docs/plan.md, warnings): a race the plan does not prepare for is named, with the
longest run and how many more weeks of building the rules would need."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import planner
from planner.instance import Instance
from planner.readiness import weeks_to_reach
from tests.conftest import BASE_CONFIG

TODAY = dt.date(2026, 11, 30)


def racer(distance: float, date: str = "2027-01-24", **changes) -> dict:
    data = copy.deepcopy(BASE_CONFIG)
    data["history"] = {"weekly_distance": [20, 20, 20, 20], "longest_recent_run": 8}
    data["goal"] = {"target_weekly_distance": 70, "race": {"date": date, "distance": distance}}
    data["plan"] = {"start": "2026-11-30"}
    data["availability"] = {"tue": 60, "wed": 60, "thu": 60, "sat": 90, "sun": 240, "long_run_days": ["sun"]}
    data.update(changes)
    return data


def readiness(plan) -> str | None:
    return next((n.message for n in plan.notices if n.code == "race_readiness"), None)


def test_a_marathon_eight_weeks_out_for_a_20_km_runner_is_named_with_its_numbers():
    plan = planner.plan(racer(42.2), today=TODAY)
    warning = readiness(plan)
    assert warning is not None
    longest = max(d.distance for d in plan.day_list if d.week < 8 and d.run_kind not in ("rest", "race"))
    assert f"{longest:.1f} km" in warning and "25.3 km" in warning and "2027-01-24" in warning
    weeks = int(re.search(r"about (\d+) more week", warning).group(1))
    assert weeks == weeks_to_reach(Instance(planner.load_config(racer(42.2))), longest, 0.6 * 42.2)[0]
    assert "later race" in warning and "shorter race" in warning


def test_the_weeks_needed_follow_the_long_run_growth_the_rules_allow():
    instance = Instance(planner.load_config(racer(42.2)))
    # from 12.0 km, at most +10 % of the longest run and at most +2 km a week, each down to 0.1 km:
    # 13.2, 14.5, 15.9, 17.4, 19.1, 21.0, then the 2 km step: 23.0, 25.0, 27.0 (>= 25.3) -> 9 weeks
    assert weeks_to_reach(instance, 12.0, 25.3) == (9, "")


def test_a_short_race_asks_for_its_own_distance():
    plan = planner.plan(racer(10.0), today=TODAY)
    longest = max(d.distance for d in plan.day_list if d.week < 8 and d.run_kind not in ("rest", "race"))
    assert longest >= 10 and readiness(plan) is None  # prepared: no warning
    short = racer(10.0, date="2026-12-13")  # two weeks: the 8 km recent run stands for the plan
    short["plan"] = {"start": "2026-11-30", "weeks": 2}
    assert "short of the 10.0 km" in readiness(planner.plan(short, today=TODAY))


def test_a_cap_that_stops_the_long_run_short_says_what_to_change():
    capped = racer(42.2, goal={"target_weekly_distance": 45, "race": {"date": "2027-01-24", "distance": 42.2}})
    warning = readiness(planner.plan(capped, today=TODAY))
    assert "would not get there" in warning and "target_weekly_distance" in warning


def test_a_plan_of_two_weeks_is_judged_by_the_longest_recent_run():
    data = racer(21.1, date="2026-12-13")
    data["plan"] = {"start": "2026-11-30", "weeks": 2}
    warning = readiness(planner.plan(data, today=TODAY))
    assert warning is not None and "is 8.0 km" in warning


def test_the_validator_rejects_a_plan_without_its_readiness_warning():
    """The warning is part of the contract: a plan whose longest run falls short and says
    nothing is rejected by the independent validator."""
    config = planner.load_config(racer(42.2))
    plan = planner.plan(config, today=TODAY)
    assert readiness(plan) and planner.validate(config, plan) == []
    silent = json.loads(plan.to_json())
    silent["warnings"] = [w for w in silent["warnings"] if w != readiness(plan)]
    assert [v.rule for v in planner.validate(config, silent)] == ["warnings"]
