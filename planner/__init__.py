"""Injury-aware running training plans from a CP-SAT model.

    import planner
    config = planner.load_config("examples/half_marathon.yaml")
    plan = planner.plan(config)          # a planner.result.Plan
    plan.weeks                           # pandas DataFrame, one row per week
    print(plan.to_json())
    plan.save("plan.html")               # or .json, .csv, .ics (planner.exports)
    planner.plan(config, overrides={"rules.acwr_max": 1.4})            # what if?
    planner.tradeoffs(config, vary={"rules.acwr_max": [1.2, 1.3, 1.4]})  # a table of plans
    planner.pareto(config, acwr_caps=[1.1, 1.2, 1.3, 1.5])              # volume against load

Submodules are imported on first use so that `import planner` and `planner --help` stay fast.
"""

from __future__ import annotations

from typing import Any, Mapping

__all__ = [
    "load_config", "plan", "replan", "validate", "apply_overrides", "tradeoffs", "pareto",
    "ConfigError", "Tradeoffs", "Pareto",
]

SOLVER_OPTIONS = ("time_limit", "workers", "progress", "today")


def load_config(source: Any):
    """Load and validate an athlete config from a path (YAML/TOML/JSON) or a dict."""
    from planner.config import load_config as _load

    return _load(source)


def plan(config: Any, overrides: Mapping[str, Any] | None = None, **options: Any):
    """Plan every day for a config (object, dict or path).

    Solver options: time_limit, workers, progress, today (see planning.make_plan).
    Any other keyword is a config field by dotted path, set before planning, as is each entry
    of `overrides`: ``plan(cfg, overrides={"rules.acwr_max": 1.4, "availability.tue": 40})``,
    ``plan(cfg, **{"rules.acwr_max": 1.4})`` or, with a double underscore for the dot,
    ``plan(cfg, rules__acwr_max=1.4)``. A bad path or value raises ConfigError."""
    from planner.overrides import apply_overrides as _apply
    from planner.planning import make_plan

    solver = {key: value for key, value in options.items() if key in SOLVER_OPTIONS}
    fields = {key.replace("__", "."): value for key, value in options.items() if key not in SOLVER_OPTIONS}
    for key in fields:
        if "." not in key:
            _check_keyword(key)
    return make_plan(_apply(config, {**fields, **(overrides or {})}), **solver)


def _check_keyword(key: str) -> None:
    """A plain keyword is a top-level config field or a mistyped solver option (TypeError)."""
    from planner.errors import ConfigError as _ConfigError
    from planner.overrides import check_path

    try:
        check_path(key)
    except _ConfigError:
        import difflib

        close = difflib.get_close_matches(key, SOLVER_OPTIONS, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise TypeError(
            f"plan() got an unexpected keyword argument {key!r}{hint} "
            f"(solver options: {', '.join(SOLVER_OPTIONS)}; config fields go by dotted path, e.g. "
            "overrides={'rules.acwr_max': 1.4})"
        ) from None


def apply_overrides(config: Any, overrides: Mapping[str, Any] | None = None):
    """The config with dotted-path fields set ({"rules.acwr_max": 1.4}), validated again."""
    from planner.overrides import apply_overrides as _apply

    return _apply(config, overrides)


def tradeoffs(
    config: Any,
    vary: Mapping[str, Any],
    *,
    overrides: Mapping[str, Any] | None = None,
    time_limit: float | None = None,
    workers: int | None = None,
    processes: int | None = None,
    progress: bool = True,
    max_settings: int | None = None,
):
    """Plan once per setting of the numeric fields in `vary`, e.g. {"rules.acwr_max": [1.2, 1.4]};
    several fields give every combination (the grid product). Returns a Tradeoffs: `.table`
    (a row per setting), `.plans`, `.figure()`. time_limit and workers are per plan (default:
    the planner's, 10 s and 1); processes default to one per CPU. A grid of more than
    `max_settings` settings (default 1,000) is refused before anything is built or solved.
    See planner.sweep.tradeoffs."""
    from planner.sweep import tradeoffs as _tradeoffs

    options = _given(time_limit=time_limit, workers=workers, max_settings=max_settings)
    return _tradeoffs(config, vary, overrides=overrides, processes=processes, progress=progress, **options)


def pareto(
    config: Any,
    acwr_caps: Any,
    *,
    overrides: Mapping[str, Any] | None = None,
    time_limit: float | None = None,
    workers: int | None = None,
    processes: int | None = None,
    progress: bool = True,
):
    """Volume against load: one plan per ACWR cap (rules.acwr_max), the Pareto front of total
    distance against total load marked. Returns a Pareto: `.table` (with `on_front`), `.plans`,
    `.figure()`. Options as for tradeoffs. See planner.frontier.pareto."""
    from planner.frontier import pareto as _pareto

    options = _given(time_limit=time_limit, workers=workers)
    return _pareto(config, acwr_caps, overrides=overrides, processes=processes, progress=progress, **options)


def _given(**options: Any) -> dict[str, Any]:
    """The options that were given (None means the planner's default)."""
    return {key: value for key, value in options.items() if value is not None}


def validate(config: Any, plan_or_dict: Any, previous: Any = None):
    """Check a plan against every rule of the contract; returns a list of violations ([] = valid).
    `previous`: the plan a re-plan was made from (a Plan or its JSON dict), for the re-plan rules."""
    from planner.validator import validate as _validate

    config = load_config(config)
    as_dict = (lambda plan: plan.to_dict() if hasattr(plan, "to_dict") else plan)
    return _validate(config, as_dict(plan_or_dict), as_dict(previous) if previous is not None else None)


def replan(config: Any, start: Any = None, previous: Any = None, **options: Any):
    """Re-plan `config` from `start` (a date; default today, or tomorrow when the log already
    holds training today), the past from its training log, `previous` (a Plan, its JSON dict or
    a path) the plan to keep to. Options: time_limit, workers, progress, today. See
    planner.replanning.replan and docs/replanning.md."""
    import datetime as _dt

    from planner.replanning import replan as _replan

    if isinstance(start, str):
        start = _dt.date.fromisoformat(start)
    return _replan(config, start=start, previous=previous, **options)


_LAZY = {"ConfigError": "planner.errors", "Tradeoffs": "planner.sweep", "Pareto": "planner.frontier"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'planner' has no attribute {name!r}")
