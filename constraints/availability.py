"""availability: run_minutes + strength_minutes <= the weekday's minutes (a race's own minutes
excepted). A day with 0 minutes therefore has no training."""

from constraints.rule import Rule

RULE = Rule(
    name="availability",
    summary="a day's run and hip/core minutes fit in the minutes free on that weekday",
    suggestion="add minutes on the available days, or another available day",
    within_week=True,
)


def build(m) -> None:
    strength_minutes = m.instance.config.strength.minutes
    for index in m.checked_days:
        v = m.day(index)
        m.add(RULE.name, v.minutes + strength_minutes * v.strength <= m.plan_day(index).minutes)
