"""min_rest_days: at least this many full rest days (no run, no strength, no logged
cross-training) per 7-day plan week."""

from constraints.rule import Rule

RULE = Rule(
    name="min_rest_days",
    summary="at least rules.min_rest_days full rest days a week",
    suggestion="lower rules.min_rest_days or free another day",
    within_week=True,
)


def build(m) -> None:
    fewest = m.instance.config.rules.min_rest_days
    for week in m.checked_weeks:
        at_least_rest_days(m, RULE.name, week, fewest)


def at_least_rest_days(m, rule: str, week: int, fewest: int) -> None:
    """`fewest` full rest days in the week; where the past leaves too few days for them, every
    planned day of the week rests."""
    indices = m.week_indices(week)
    rest = [m.day(i).rest for i in indices]
    done = m.fixed_sum(rest)
    free = [r for r in rest if not isinstance(r, int)]
    if free and done + len(free) < fewest:
        m.rest_free_days(rule, indices, f"week {week} has too few days left for {fewest} full rest days: "
                                        "every planned day of it rests")
        return
    m.add(rule, sum(free) + done >= fewest if free else done >= fewest)
