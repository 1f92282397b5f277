"""The plan's hard rules, one module per rule of SPEC sections 3 and 4.

Each module has `RULE` (the SPEC rule name it enforces) and `build(m)`, which adds that rule's
constraints to a `planner.model.PlanModel` through `m.add(RULE, ...)`. Tests sit next to each
module (`test_<rule>.py`).
"""

from constraints import (
    acwr,
    after_long,
    availability,
    blackout,
    cutback,
    easy_below_long,
    long_run_max_minutes,
    long_run_max_share,
    long_run_step,
    long_runs,
    max_consecutive_run_days,
    max_weekly_increase,
    min_rest_days,
    min_run_minutes,
    pace,
    pain,
    quality,
    race,
    run_spike,
    strength,
    target,
    taper,
)

ALL = (
    availability,
    blackout,
    pace,
    min_run_minutes,
    target,
    max_weekly_increase,
    cutback,
    long_runs,
    long_run_max_share,
    long_run_step,
    long_run_max_minutes,
    run_spike,
    easy_below_long,
    min_rest_days,
    max_consecutive_run_days,
    after_long,
    strength,
    quality,
    acwr,
    race,
    taper,
    pain,
)

RULE_NAMES = tuple(module.RULE for module in ALL)


def build_all(m, skip=()) -> None:
    """Add every rule to the model, except the modules in `skip` (e.g. acwr, added lazily)."""
    for module in ALL:
        if module not in skip:
            module.build(m)
