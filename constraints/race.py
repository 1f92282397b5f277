"""race: race day is the race itself (distance rounded to 0.1, run_minutes = distance x easy pace
rounded up; set by the plan, not a variable) with no training run or strength besides it.
(Nothing after the race is part of the taper rule, as in SPEC.)"""

RULE = "race"


def build(m) -> None:
    for day, v in zip(m.instance.days, m.days):
        if day.is_race:
            m.add(RULE, v.run + v.strength == 0)
