"""blackout: nothing on blackout dates (no run, no strength)."""

from constraints.rule import Rule

RULE = Rule(
    name="blackout",
    summary="no training at all on a blackout date",
    suggestion="remove a blackout date",
    within_week=True,
)


def build(m) -> None:
    for index in m.checked_days:
        if m.plan_day(index).blackout:
            v = m.day(index)
            m.add(RULE.name, v.run + v.strength == 0)
