"""race: race day is the race itself (distance rounded to 0.1, run_minutes = distance x easy pace
rounded up; set by the plan, not a variable) with no training run or strength besides it."""

from constraints.rule import Rule

RULE = Rule(
    name="race",
    summary="race day holds the race and nothing else",
    suggestion="move goal.race.date",
    relaxable=False,
    within_week=True,
)


def build(m) -> None:
    for index in m.checked_days:
        if m.plan_day(index).is_race:
            v = m.day(index)
            m.add(RULE.name, v.run + v.strength == 0)
