"""max_consecutive_run_days: no more than 5 (default) running days in a row, across week
boundaries (the race counts as a running day; days before the plan count where a log says
they held a run)."""

from constraints.rule import Rule

RULE = Rule(
    name="max_consecutive_run_days",
    summary="at most rules.max_consecutive_run_days running days in a row",
    suggestion="raise rules.max_consecutive_run_days",
    within_week=True,
)


def build(m) -> None:
    most = m.instance.config.rules.max_consecutive_run_days
    for last in m.checked_days:
        window = [m.running(i) for i in range(last - most, last + 1)]
        m.add(RULE.name, sum(window) <= most)
