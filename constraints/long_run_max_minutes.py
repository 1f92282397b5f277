"""long_run_max_minutes: a long run's run_minutes <= 180 (default)."""

from constraints.rule import Rule

RULE = Rule(
    name="long_run_max_minutes",
    summary="a long run lasts at most rules.long_run_max_minutes",
    suggestion="raise rules.long_run_max_minutes",
    within_week=True,
)


def build(m) -> None:
    most = m.instance.config.rules.long_run_max_minutes
    for index in m.checked_days:
        m.add(RULE.name, m.day(index).long_minutes <= most)
