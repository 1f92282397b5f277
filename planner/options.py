"""The solver options of the CLI and the Python API, checked in one place before planning.

A wrong type is a TypeError and a value out of range an OptionError (a ValueError); both name
the option and what it allows. `--time-limit inf` or `time_limit=0` must not run forever or
come back as a false "infeasible".
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from planner.errors import OptionError

MAX_TIME_LIMIT = 3600.0  # an hour per plan: far past any plan's need (52 weeks prove in < 10 s)
MAX_SEARCH_WORKERS = 64


def check_date(value: Any, name: str):
    """A day given as a date or as YYYY-MM-DD text (None stays None)."""
    import datetime as dt

    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise OptionError(f"{name} {value!r}: must be a date, YYYY-MM-DD") from None
    raise TypeError(f"{name} must be a date (datetime.date or 'YYYY-MM-DD'), not {type(value).__name__}")


def check_time_limit(value: Any, name: str = "time_limit", least: float = 0.0) -> float:
    """`value` as seconds: a finite number above `least` (the CLI: 0.5) and at most MAX_TIME_LIMIT."""
    _check_number(value, name, "a number of seconds")
    seconds = float(value)
    too_low = seconds <= least if least == 0 else seconds < least
    if not math.isfinite(seconds) or too_low or seconds > MAX_TIME_LIMIT:
        low = "more than 0" if least == 0 else f"from {least:g}"
        raise OptionError(f"{name} must be a number of seconds {low} to {MAX_TIME_LIMIT:g}, got {value!r}")
    return seconds


def check_count(value: Any, name: str, most: int | None = None, allow_none: bool = False) -> int | None:
    """`value` as a whole number from 1 (to `most`); None too where `allow_none`."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        none = " or None" if allow_none else ""
        raise TypeError(f"{name} must be a whole number{none}, got {type(value).__name__} {value!r}")
    if value < 1 or (most is not None and value > most):
        allowed = f"from 1 to {most}" if most is not None else "1 or more"
        raise OptionError(f"{name} must be {allowed}, got {value!r}")
    return int(value)


def check_flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def check_callback(value: Any, name: str) -> None:
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be a function taking a message, or None, got {type(value).__name__} {value!r}")


def check_solver_options(time_limit: Any, workers: Any, progress: Any = None) -> None:
    """The options of planning.make_plan (and planner.plan)."""
    check_time_limit(time_limit)
    check_count(workers, "workers", MAX_SEARCH_WORKERS)
    check_callback(progress, "progress")


def _check_number(value: Any, name: str, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {what}, got {type(value).__name__} {value!r}")
