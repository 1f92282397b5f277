"""availability: run_minutes + strength_minutes <= the weekday's minutes (a race's own minutes
excepted). A day with 0 minutes therefore has no training."""

RULE = "availability"


def build(m) -> None:
    strength_minutes = m.instance.config.strength.minutes
    for day, v in zip(m.instance.days, m.days):
        m.add(RULE, v.minutes + strength_minutes * v.strength <= day.minutes)
