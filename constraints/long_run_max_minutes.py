"""long_run_max_minutes: a long run's run_minutes <= 180 (default)."""

RULE = "long_run_max_minutes"


def build(m) -> None:
    most = m.instance.config.rules.long_run_max_minutes
    for v in m.days:
        m.add(RULE, v.long_minutes <= most)
