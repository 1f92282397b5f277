"""Writing one athlete's plan file: the single place that knows about output formats.

JSON (SPEC section 2) is built in. Other formats come from `planner.exports.save_plan(plan,
path, fmt=None, config=None)` when that module is present; `write_plan` hands them over, so a
new format needs no change here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from planner.batch import BatchError
from planner.io import write_atomic

BUILTIN_FORMATS = ("json",)


def check_format(fmt: str) -> str:
    """The format, lower-cased, if a plan can be written in it; BatchError otherwise."""
    fmt = fmt.lower().lstrip(".")
    if fmt in BUILTIN_FORMATS:
        return fmt
    exports = _exports()
    if exports is None:
        raise BatchError(
            f"unknown output format {fmt!r}; allowed: {', '.join(BUILTIN_FORMATS)} "
            "(other formats need planner.exports, which this installation does not have)"
        )
    known = getattr(exports, "FORMATS", None)
    if known is not None and fmt not in known:
        allowed = ", ".join(sorted(set(BUILTIN_FORMATS) | set(known)))
        raise BatchError(f"unknown output format {fmt!r}; allowed: {allowed}")
    return fmt


def write_plan(plan, path: Path, fmt: str, config=None) -> None:
    """Write `plan` to `path` in `fmt`, atomically (complete or absent)."""
    if fmt == "json":
        write_atomic(path, plan.to_json())
        return
    exports = _exports()
    if exports is None:
        raise BatchError(f"cannot write {fmt!r}: planner.exports is not installed")
    exports.save_plan(plan, path, fmt=fmt, config=config)


def _exports():
    """planner.exports, or None when this installation does not have it."""
    try:
        return importlib.import_module("planner.exports")
    except ModuleNotFoundError as error:
        if error.name != "planner.exports":
            raise
        return None
