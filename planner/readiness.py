"""Race readiness (docs/plan.md, warnings): a plan whose longest run before race week falls short of
what its race asks for says so, with how many more weeks of building the rules would need.

A race of 21 km (13 mi) or more asks for a longest run of at least 0.6 x its distance, a
shorter race for its distance. Plans of one or two weeks are judged by `longest_recent_run`;
a re-plan from after race day is not judged. The weeks needed follow the long run's growth as
the rules allow it past the plan's end: at most `long_run_step` a week, at most `run_spike`
over the longest run of the weeks before, and never more than `long_run_max_share` of the
target week, the long-run days' minutes or `long_run_max_minutes` allow.
"""

from __future__ import annotations

import math

from planner.instance import Instance, scaled_down, tenths_down
from planner.schema import Plan

LONG_RACE = {"km": 21.0, "mi": 13.0}
LONG_RACE_SHARE = 0.6
MOST_WEEKS = 104


def readiness_warning(instance: Instance, plan: Plan) -> str | None:
    """The warning for a race the plan does not prepare for, or None."""
    race = instance.config.goal.race
    if race is None or plan.status in ("halted", "infeasible") or instance.race_day is None:
        return None
    if instance.first > instance.race_day.index:
        return None
    units = instance.config.units
    needed = LONG_RACE_SHARE * race.distance if race.distance >= LONG_RACE[units] else race.distance
    longest = _longest_before_race_week(instance, plan)
    if longest + 1e-9 >= needed:
        return None
    weeks, stop = weeks_to_reach(instance, longest, needed)
    if weeks is None:
        more = f"the rules would not get there: {CAP_TEXT[stop]} caps a long run at {_top(instance) / 10:g} {units}"
        advice = f"Consider a shorter race, or {CAP_ADVICE[stop]}."
    else:
        more = f"the rules would need about {weeks} more week(s) of building to get there"
        advice = "Consider a later race, a shorter race, or more time on the long-run day."
    return (f"Your longest run before the {race.distance:g} {units} race on {race.date} is {longest:.1f} {units}, short of "
            f"the {needed:.1f} {units} it asks for; {more}. {advice}")


CAP_TEXT = {"share": "long_run_max_share of the target week", "day": "the long-run days' minutes",
            "minutes": "rules.long_run_max_minutes"}
CAP_ADVICE = {"share": "a higher goal.target_weekly_distance (a long run is at most long_run_max_share of a week)",
              "day": "more time on the long-run day", "minutes": "a higher rules.long_run_max_minutes"}


def _top(instance: Instance) -> int:
    return min(_long_run_caps(instance).values())


def _longest_before_race_week(instance: Instance, plan: Plan) -> float:
    if instance.weeks <= 2:
        return instance.past.longest_recent_run
    race_week = instance.race_week
    return max((d.distance for d in plan.day_list if d.week < race_week and d.run_kind not in ("rest", "race")), default=0.0)


def weeks_to_reach(instance: Instance, longest: float, needed: float) -> tuple[int | None, str]:
    """Weeks of building from a longest run of `longest` to `needed` (in the unit), or None and
    the cap ("share", "day", "minutes") that stops the long run short of it."""
    rules = instance.config.rules
    step = tenths_down(instance.config.long_run_step)
    grow = scaled_down(1 + rules.run_spike, 1000)
    run, goal = tenths_down(longest), math.ceil(needed * 10 - 1e-9)
    caps = _long_run_caps(instance)
    top, stop = min(caps.values()), min(caps, key=caps.get)
    if top < goal:
        return None, stop
    for week in range(1, MOST_WEEKS + 1):
        run = min(max(run + step, instance.long_run_floor), max(grow * run // 1000, instance.long_run_floor), top)
        if run >= goal:
            return week, ""
    return MOST_WEEKS, ""


def _long_run_caps(instance: Instance) -> dict[str, int]:
    """The most a long run could ever be (tenths), by what caps it."""
    rules, config = instance.config.rules, instance.config
    days = [config.availability.minutes(day) for day in config.availability.long_days()]
    return {
        "share": scaled_down(rules.long_run_max_share, 1000) * instance.target // 1000,
        "day": (max(days, default=0) + 1) * 600 // instance.pace,
        "minutes": (rules.long_run_max_minutes + 1) * 600 // instance.pace,
    }
