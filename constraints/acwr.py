"""acwr_max: for every plan day, acute / chronic workload <= 1.3 (default).

acute(d) = load summed over days d-6..d; chronic(d) = load summed over d-27..d divided by 4,
floored at the weekly load of start_floor at easy pace plus the weekly strength load. Days
before the plan carry history loads (distance x easy pace x 3.5 per week, spread evenly).

The plan's part of each 7-day sum is one variable (`acute_load`), and each 28-day sum is four
of those. acute <= r x max(chronic, floor) is split with one boolean per day: either the rolling chronic
sum or the floor bounds the acute load. History constants are rounded against the athlete
(acute up, chronic down), so the plan holds with exact arithmetic too.
"""

import math
from dataclasses import dataclass

from planner.instance import RPE, STRENGTH_RPE, scaled_down

RULE = "acwr_max"
SCALE = 100  # acwr_max in hundredths
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class DayBound:
    """400 x acute + acute_history <= ratio x chronic + chronic_history, or <= floor."""

    index: int
    ratio: int
    acute_history: int
    chronic_history: int
    floor: int


def day_bound(inst, index: int) -> DayBound:
    ratio = scaled_down(inst.config.rules.acwr_max, SCALE)
    acute = sum(inst.history_day_load(k) for k in range(1, ACUTE_DAYS - index))
    chronic = sum(inst.history_day_load(k) for k in range(1, CHRONIC_DAYS - index))
    return DayBound(
        index=index,
        ratio=ratio,
        acute_history=math.ceil(4 * SCALE * acute - 1e-9),
        chronic_history=math.floor(ratio * chronic + 1e-9),
        floor=math.floor(ratio * 4 * inst.chronic_floor),
    )


def build(m) -> None:
    acute_load = [_acute_load(m, index) for index in range(len(m.days))]
    for index in range(len(m.days)):
        bound = day_bound(m.instance, index)
        acute = acute_load[index]
        # days index-27..index are the acute windows ending at index, index-7, index-14, index-21
        chronic = sum(acute_load[end] for end in range(index, index - CHRONIC_DAYS, -ACUTE_DAYS) if end >= 0)
        left = 4 * SCALE * acute + bound.acute_history
        if bound.chronic_history >= bound.floor:  # history alone lifts chronic above the floor
            m.add(RULE, left <= bound.ratio * chronic + bound.chronic_history)
            continue
        above_floor = m.cp.NewBoolVar(f"chronic_above_floor_{index}")
        m.add(RULE, left <= bound.ratio * chronic + bound.chronic_history, when=[above_floor])
        m.add(RULE, left <= bound.floor, when=[above_floor.Not()])


def _acute_load(m, index: int):
    """The plan's load over days index-6..index as one variable. The 28-day chronic sum is four
    of these, so each day's bound has a handful of terms instead of about a hundred (measured:
    phase 1 about 15 % faster on 33 athletes, same plans)."""
    window = range(max(0, index - ACUTE_DAYS + 1), index + 1)
    most = ACUTE_DAYS * (max(RPE.values()) * MINUTES_PER_DAY + STRENGTH_RPE * m.instance.config.strength.minutes)
    total = m.cp.NewIntVar(0, most, f"acute_load_{index}")
    m.cp.Add(total == sum(m.load[i] for i in window))
    return total
