"""Writing one athlete's plan file: every format comes from planner.exports."""

from __future__ import annotations

from pathlib import Path

from planner.batch import BatchError
from planner.errors import ExportError
from planner.exports import format_for, save_plan
from planner.exports.html_report import write_shared_plotly


def check_format(fmt: str) -> str:
    """The format, lower-cased, if a plan can be written in it; BatchError otherwise."""
    try:
        return format_for("", fmt.lower().lstrip("."))
    except ExportError as error:
        raise BatchError(str(error)) from None


def write_plan(plan, path: Path, fmt: str, config=None) -> None:
    """Write `plan` to `path` in `fmt`, atomically (complete or absent). HTML reports share one
    plotly.js beside them: inlined, a 1,000-athlete batch would hold 1,000 copies (4.8 GB)."""
    if fmt == "html":
        write_shared_plotly(path.parent)
    save_plan(plan, path, fmt=fmt, config=config, shared_plotly=fmt == "html")
