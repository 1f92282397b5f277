"""Injury-aware running training plans from a CP-SAT model.

    import planner
    config = planner.load_config("examples/half_marathon.yaml")
    plan = planner.plan(config)          # a planner.result.Plan
    plan.weeks                           # pandas DataFrame, one row per week
    print(plan.to_json())
    plan.save("plan.html")               # or .json, .csv, .ics (planner.exports)

Submodules are imported on first use so that `planner --help` stays fast.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_config", "plan", "validate", "ConfigError"]


def load_config(source: Any):
    """Load and validate an athlete config from a path (YAML/TOML/JSON) or a dict."""
    from planner.config import load_config as _load

    return _load(source)


def plan(config: Any, **options: Any):
    """Plan every day for a config (object, dict or path); options: time_limit, workers, progress."""
    from planner.planning import make_plan

    return make_plan(config, **options)


def validate(config: Any, plan_or_dict: Any):
    """Check a plan against every rule of the contract; returns a list of violations ([] = valid)."""
    from planner.validator import validate as _validate

    config = load_config(config)
    data = plan_or_dict.to_dict() if hasattr(plan_or_dict, "to_dict") else plan_or_dict
    return _validate(config, data)


def __getattr__(name: str):
    if name == "ConfigError":
        from planner.errors import ConfigError

        return ConfigError
    raise AttributeError(name)
