"""blackout: nothing on blackout dates (no run, no strength)."""

RULE = "blackout"


def build(m) -> None:
    for day, v in zip(m.instance.days, m.days):
        if day.blackout:
            m.add(RULE, v.run + v.strength == 0)
