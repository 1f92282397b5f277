"""long_run_max_share: a long run <= 0.40 (default) x its week's distance."""

from planner.instance import scaled_down

RULE = "long_run_max_share"
SCALE = 1000


def build(m) -> None:
    share = scaled_down(m.instance.config.rules.long_run_max_share, SCALE)
    for week in m.week_numbers:
        m.add(RULE, SCALE * m.week_long[week] <= share * m.week_distance[week])
