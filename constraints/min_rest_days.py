"""min_rest_days: at least this many full rest days (no run, no strength) per 7-day plan week."""

RULE = "min_rest_days"


def build(m) -> None:
    fewest = m.instance.config.rules.min_rest_days
    for week in m.week_numbers:
        m.add(RULE, sum(v.rest for _, v in m.week_vars(week)) >= fewest)
