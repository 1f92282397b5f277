"""The plan's hard rules, one module per rule of SPEC sections 3 and 4 (docs/rules.md).

Each module has `RULE` (a `constraints.rule.Rule`: its name, what it says, what to change when
it conflicts, whether it can be relaxed, whether it concerns one week's days only) and
`build(m)`, which adds the rule's constraints to a `planner.model.PlanModel` through
`m.add(RULE.name, ...)` for the days and weeks the model checks. A module whose rule caps a
week's distance also has `week_cap(m, week)`, the cap as a `constraints.rule.Cap`: the model,
the weekly bound of the solver and the long-run exemption all read it from there. Tests sit
next to each module (`test_<rule>.py`).
"""

from constraints import (
    acwr,
    after_long,
    availability,
    blackout,
    cutback_reduction,
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
from constraints.rule import Rule

ALL = (
    availability,
    blackout,
    pace,
    min_run_minutes,
    target,
    max_weekly_increase,
    cutback_reduction,
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

RULES: dict[str, Rule] = {module.RULE.name: module.RULE for module in ALL}
RULE_NAMES = tuple(RULES)
CAPPING = tuple(module for module in ALL if hasattr(module, "week_cap"))
WITHIN_WEEK = tuple(module for module in ALL if module.RULE.within_week)


def by_name(name: str):
    """The module of a rule, by its name."""
    for module in ALL:
        if module.RULE.name == name:
            return module
    raise KeyError(name)


def week_caps(m, week: int) -> list:
    """Every rule's cap on a week's distance (constraints.rule.Cap), for a model or a bound."""
    caps = (module.week_cap(m, week) for module in CAPPING)
    return [cap for cap in caps if cap is not None]


def build_all(m, skip=()) -> None:
    """Add every rule to the model, except the modules in `skip`."""
    for module in ALL:
        if module not in skip:
            module.build(m)
