"""max_consecutive_run_days: no more than 5 (default) running days in a row, across week
boundaries (the race counts as a running day)."""

RULE = "max_consecutive_run_days"


def build(m) -> None:
    most = m.instance.config.rules.max_consecutive_run_days
    for first in range(len(m.days) - most):
        window = [m.running(i) for i in range(first, first + most + 1)]
        m.add(RULE, sum(window) <= most)
