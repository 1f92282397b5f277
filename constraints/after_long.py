"""after_long: the day after a long run is not long, quality or race."""

from constraints.rule import Rule

RULE = Rule(
    name="after_long",
    summary="the day after a long run holds no long run, quality run or race",
    suggestion="add a long-run day that is not the day before a race or quality session",
    within_week=True,
)


def build(m) -> None:
    days = m.instance.days
    for index in m.checked_days:
        today = m.day(index)
        if index + 1 < len(days) and days[index + 1].is_race:
            m.add(RULE.name, today.long == 0)  # the race is known: today's long run is the one to forbid
        if index >= 1 and not days[index].is_race:
            yesterday = m.day(index - 1)
            m.add(RULE.name, yesterday.long + today.long + today.quality <= 1)
