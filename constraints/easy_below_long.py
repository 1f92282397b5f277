"""easy_below_long: in a week with a long run, every easy run is strictly shorter than it."""

RULE = "easy_below_long"


def build(m) -> None:
    for week in m.week_numbers:
        for _, v in m.week_vars(week):
            # easy_distance is 0 without an easy run, so this binds only easy runs
            m.add(RULE, v.easy_distance + v.easy <= m.week_long[week], when=[m.has_long[week]])
