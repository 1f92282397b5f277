"""min_run_minutes: every run lasts at least this long (default 20; a race excepted)."""

from constraints.rule import Rule

RULE = Rule(
    name="min_run_minutes",
    summary="every run lasts at least rules.min_run_minutes",
    suggestion="lower rules.min_run_minutes",
    within_week=True,
)


def build(m) -> None:
    shortest = m.instance.config.rules.min_run_minutes
    for index in m.checked_days:
        v = m.day(index)
        m.add(RULE.name, v.minutes >= shortest * v.run)
