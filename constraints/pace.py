"""pace: a run's minutes follow from its distance at the athlete's easy pace.

SPEC allows easy and long runs distance x pace - 1 .. 1.15 x distance x pace + 1 minutes, and
quality runs 0.8 x .. 1.0 x distance x pace (+-1). The model plans the expected duration inside
those ranges: easy and long runs at easy pace, quality runs at 0.9 x the easy time, each
rounded to the nearest minute. With distances in tenths and pace in seconds per unit, minutes
= distance x pace / 600.
"""

RULE = "pace"
QUALITY_TIME_FACTOR = 9  # tenths of the easy-pace time a quality run takes


def build(m) -> None:
    pace = m.instance.pace
    for v in m.days:
        # round(distance x pace / 600): 600 x minutes - distance x pace in [-300, 299];
        # a kind not run that day has distance 0, which forces its minutes to 0 too.
        for kind_distance, kind_minutes in ((v.easy_distance, v.easy_minutes), (v.long_distance, v.long_minutes)):
            m.add(RULE, 600 * kind_minutes - pace * kind_distance >= -300)
            m.add(RULE, 600 * kind_minutes - pace * kind_distance <= 299)
        quality = 6000 * v.quality_minutes - QUALITY_TIME_FACTOR * pace * v.quality_distance
        m.add(RULE, quality >= -3000)
        m.add(RULE, quality <= 2999)
