"""long_run_max_share: a long run <= 0.40 (default) x its week's distance."""

RULE = "long_run_max_share"
SCALE = 1000


def build(m) -> None:
    share = round(SCALE * m.instance.config.rules.long_run_max_share)
    for week in m.week_numbers:
        m.add(RULE, SCALE * m.week_long[week] <= share * m.week_distance[week])
