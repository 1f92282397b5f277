"""Writing one athlete's plan file: every format comes from planner.exports."""

from __future__ import annotations

from pathlib import Path

from planner.batch import BatchError
from planner.errors import ExportError
from planner.exports import format_for, save_plan


def check_format(fmt: str) -> str:
    """The format, lower-cased, if a plan can be written in it; BatchError otherwise."""
    try:
        return format_for("", fmt.lower().lstrip("."))
    except ExportError as error:
        raise BatchError(str(error)) from None


def write_plan(plan, path: Path, fmt: str, config=None) -> None:
    """Write `plan` to `path` in `fmt`, atomically (complete or absent)."""
    save_plan(plan, path, fmt=fmt, config=config)
