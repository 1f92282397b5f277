"""min_run_minutes: every run lasts at least this long (default 20; a race excepted)."""

RULE = "min_run_minutes"


def build(m) -> None:
    shortest = m.instance.config.rules.min_run_minutes
    for v in m.days:
        m.add(RULE, v.minutes >= shortest * v.run)
