"""target: no week's distance (a race's excepted) exceeds target_weekly_distance."""

from constraints.rule import Cap, Rule

RULE = Rule(
    name="target",
    summary="no week's distance exceeds goal.target_weekly_distance",
    suggestion="raise goal.target_weekly_distance",
    within_week=True,
)


def week_cap(m, week: int) -> Cap:
    return Cap((m.instance.target,))


def build(m) -> None:
    for week in m.checked_weeks:
        m.cap_week(RULE.name, week, week_cap(m, week))


def limit_reading(bound, instance, week: int, value: int) -> str:
    return f"the target of {value / 10:g} {instance.config.units} a week"
