"""pace: a run's minutes follow from its distance at the athlete's easy pace.

The pace rule allows easy and long runs distance x pace - 1 .. 1.15 x distance x pace + 1 minutes, and
quality runs 0.8 x .. 1.0 x distance x pace (+-1). The model never plans a run faster than its
expected duration (easy and long runs at easy pace, quality runs at 0.9 x the easy time, rounded
to the nearest minute), so loads are never understated; it may plan one slower, up to the rules'
slow end, which lets a beginner's 20-minute run be a 2.8 km jog. The objective charges every
run minute, so runs sit at easy pace unless a rule needs otherwise. With distances in tenths
and pace in seconds per unit, minutes = distance x pace / 600.
"""

from constraints.rule import Rule

RULE = Rule(
    name="pace",
    summary="a run's minutes follow from its distance at the easy pace",
    suggestion="check athlete.easy_pace",
    relaxable=False,
    within_week=True,
)
QUALITY_TIME_FACTOR = 9  # tenths of the easy-pace time a quality run takes


def build(m) -> None:
    pace = m.instance.pace
    for index in m.checked_days:
        if not m.is_free(index):
            continue  # fixed days were run or planned already
        v = m.day(index)
        # a kind not run that day has distance 0, which forces its minutes to 0 too
        for distance, minutes in ((v.easy_distance, v.easy_minutes), (v.long_distance, v.long_minutes)):
            m.add(RULE.name, 600 * minutes - pace * distance >= -300)  # >= round(distance x pace)
            m.add(RULE.name, 12000 * minutes <= 23 * pace * distance + 12000)  # <= 1.15 x distance x pace + 1
        m.add(RULE.name, 6000 * v.quality_minutes - QUALITY_TIME_FACTOR * pace * v.quality_distance >= -3000)
        m.add(RULE.name, 600 * v.quality_minutes <= pace * v.quality_distance + 600)  # <= distance x pace + 1
