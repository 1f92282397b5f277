"""target: no week's distance (a race's excepted) exceeds target_weekly_distance."""

RULE = "target"


def build(m) -> None:
    for week in m.week_numbers:
        m.add(RULE, m.week_distance[week] <= m.instance.target)
