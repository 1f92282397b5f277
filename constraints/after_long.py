"""after_long: the day after a long run is not long, quality or race."""

RULE = "after_long"


def build(m) -> None:
    days = m.instance.days
    for index in range(len(days) - 1):
        today, tomorrow = m.days[index], m.days[index + 1]
        if days[index + 1].is_race:
            m.add(RULE, today.long == 0)
        else:
            m.add(RULE, today.long + tomorrow.long + tomorrow.quality <= 1)
