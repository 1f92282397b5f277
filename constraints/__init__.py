"""The plan's hard rules, one module per rule (docs/rules.md), found by looking in this package.

Each module has `RULE` (a `constraints.rule.Rule`: its name, what it says, what to change when
it conflicts, whether it can be relaxed, whether it concerns one week's days only) and
`build(m)`, which adds the rule's constraints to a `planner.model.PlanModel` through
`m.add(RULE.name, ...)` for the days and weeks the model checks. A module whose rule caps a
week's distance also has `week_cap(m, week)`, the cap as a `constraints.rule.Cap`: the model,
the weekly bound of the solver and the long-run exemption all read it from there. Tests sit
next to each module (`test_<rule>.py`).
"""

import importlib
import pkgutil

from constraints.rule import Rule

NOT_RULES = frozenset({"conftest", "rule"})


def _rule_modules() -> tuple:
    """Every module of this package that declares a RULE, in name order (so that adding a rule
    is adding its module: nothing here lists them)."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__)
                   if not info.name.startswith("test_") and info.name not in NOT_RULES)
    modules = (importlib.import_module(f"{__name__}.{name}") for name in names)
    return tuple(module for module in modules if isinstance(getattr(module, "RULE", None), Rule))


ALL = _rule_modules()  # importing each also makes it an attribute: constraints.acwr, ...

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
