"""pain: what a pain level changes in the pain weeks (the plan week holding the planning day and
the one after; docs/rules.md, Pain). Hip/core sessions are raised through the strength rule
(`Instance.strength_sessions`); red_flag plans are halted and never modelled.

Both levels: every run (the race excepted) <= the pain cap (`Instance.pain_cap`).
persistent, besides: the planning day is a full rest day; full rest days >= min_rest_days + 1 a
week; no two running days in a row from the planning day to the end of the pain weeks; no
quality; the 7 days from the planning day carry <= 0.7 x the distance of the 7 days before it.
"""

import math

from constraints.min_rest_days import at_least_rest_days
from constraints.rule import Cap, Rule
from planner.instance import scaled_down
from planner.pain import PERSISTENT_SEVEN_DAY_SHARE

RULE = Rule(
    name="pain",
    summary="pain eases the two weeks from the planning day: runs capped, more hip/core work, "
    "and with persistent pain more rest and no quality",
    suggestion="the pain adjustments leave no room: plan from a later day, after the pain has settled",
    within_week=True,
)
SCALE = 1000
SEVEN_DAYS = 7


def build(m) -> None:
    inst = m.instance
    if not inst.pain_weeks:
        return
    pain_days = [i for i in m.checked_days if inst.in_pain_weeks(i)]
    for index in pain_days:
        v = m.day(index)
        if not m.plan_day(index).is_race:
            m.add(RULE.name, v.distance <= inst.pain_cap)
    if inst.pain.level == "persistent":
        _persistent(m, pain_days)


def _persistent(m, pain_days: list[int]) -> None:
    inst = m.instance
    if inst.first in m.checked_days:
        m.add(RULE.name, m.day(inst.first).rest == 1)
    for week in m.checked_weeks:
        if week in inst.pain_weeks:
            at_least_rest_days(m, RULE.name, week, inst.config.rules.min_rest_days + 1)
    for index in pain_days:
        m.add(RULE.name, m.day(index).quality == 0)
        if index > inst.first:
            m.add(RULE.name, m.running(index - 1) + m.running(index) <= 1)
    days = seven_days(inst)
    if any(i in m.checked_days for i in days):
        # days after the model's window carry no distance yet, so the known ones alone must fit
        total = sum(m.day(i).distance for i in days if m.known(i))
        m.add(RULE.name, SCALE * total <= seven_day_cap(inst))


def seven_days(inst) -> list[int]:
    """The 7 days from the planning day (those inside the plan)."""
    return list(range(inst.first, min(inst.first + SEVEN_DAYS, inst.days_total)))


def seven_day_cap(inst) -> int:
    """SCALE x the cap on the 7 days from the planning day: 0.7 x the distance of the 7 days
    before it (for a new plan, 0.7 x the last history week), rounded down."""
    before = sum(inst.rule_day(i).distance for i in range(inst.first - SEVEN_DAYS, inst.first))
    return math.floor(scaled_down(PERSISTENT_SEVEN_DAY_SHARE, SCALE) * before + 1e-6)


def week_cap(m, week: int) -> Cap | None:
    """The 7-day cap, as a cap on the week it covers exactly (a new plan's first week)."""
    inst = m.instance
    if inst.pain.level != "persistent" or inst.first % 7 or week != inst.first_week:
        return None
    return Cap((seven_day_cap(inst),), SCALE)


def limit_reading(bound, instance, week: int, value: int) -> str:
    return (f"persistent pain holds the 7 days from {instance.start_date} to 70 % of the 7 days before, "
            f"{value / 10:g} {instance.config.units}")
