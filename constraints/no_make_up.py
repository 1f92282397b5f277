"""no_make_up: with a previous plan, in the plan week that holds the planning day no planned day
is longer than the previous plan had it, and the week's distance (past and planned) is at most
the previous plan's for that week: missed sessions are never stacked onto later days (docs/replanning.md)."""

from constraints.rule import Cap, Rule

RULE = Rule(
    name="no_make_up",
    summary="a missed session is not made up: the re-plan's first week stays within the previous plan",
    suggestion="leave the missed session out; the plan builds again from what you ran",
    relaxable=False,
)


def build(m) -> None:
    previous = m.instance.previous
    if previous is None:
        return
    week = m.instance.first_week
    if week not in m.checked_weeks:
        return
    for index in m.week_indices(week):
        if index in m.checked_days:
            m.add(RULE.name, m.day(index).distance <= int(previous.get(index).distance if index in previous else 0))
    m.cap_week(RULE.name, week, week_cap(m, week))


def week_cap(m, week: int) -> Cap | None:
    previous = m.instance.previous
    if previous is None or week != m.instance.first_week:
        return None
    return Cap((sum(int(previous[i].distance) for i in range(7 * (week - 1), 7 * week) if i in previous),))


def limit_reading(bound, instance, week: int, value: int) -> str:
    return (f"missed sessions are not made up: week {week} stays within the {value / 10:g} "
            f"{instance.config.units} the previous plan had for it")
