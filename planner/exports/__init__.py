"""Every file format of a plan, all made from the same `Plan` (docs/plan.md: JSON is canonical).

    save_plan(plan, "plan.html")              # format from the extension
    save_plan(plan, "plan.txt", fmt="csv")    # or named

- json: `plan.to_json()`, the canonical plan.
- csv: one row per day (list fields joined with "; "), for spreadsheets.
- ics: one all-day event per training day, for calendars; UIDs are stable per athlete and date,
  so importing a re-plan updates the events instead of duplicating them.
- html: a self-contained report (plotly.js inline, no network needed) with the charts and the
  day-by-day table.

This module stays light (the CLI imports it to check `-o` before solving); each format's
module, and pandas, plotly or icalendar with it, is imported only when that format is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import ExportError

if TYPE_CHECKING:
    from planner.config import AthleteConfig
    from planner.schema import Plan

FORMATS = ("json", "csv", "ics", "html")


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format to write: `fmt` when given, else the file's extension (case ignored)."""
    chosen = (fmt if fmt is not None else Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        allowed = ", ".join(FORMATS)
        if fmt is not None:
            raise ExportError(f"unknown plan format {fmt!r}; allowed: {allowed}")
        suffix = Path(path).suffix
        problem = f"no plan format has the extension {suffix!r}" if suffix else "no extension to choose the plan format by"
        raise ExportError(
            f"{path}: {problem}; allowed: {', '.join('.' + f for f in FORMATS)} (or name the format: {allowed})"
        )
    return chosen


def render(plan: "Plan", fmt: str, config: "AthleteConfig | None" = None, shared_plotly: bool = False) -> str:
    """The plan as the text of a `fmt` file. `config` supplies the target and ACWR cap for the
    HTML charts when the plan was read back from JSON (a freshly made plan carries them);
    `shared_plotly`: the HTML loads plotly.js from a file beside it (html_report.plan_html)."""
    fmt = format_for("", fmt)
    if fmt == "json":
        return plan.to_json()
    if fmt == "csv":
        from planner.exports.table import plan_csv

        return plan_csv(plan)
    if fmt == "ics":
        from planner.exports.ics import plan_ics

        return plan_ics(plan)
    from planner.exports.html_report import plan_html
    from planner.result import context_for

    return plan_html(plan, context_for(plan, config), shared_plotly)


def save_plan(
    plan: "Plan",
    path: str | Path,
    fmt: str | None = None,
    config: "AthleteConfig | None" = None,
    shared_plotly: bool = False,
) -> Path:
    """Write `plan` to `path` in the format of its extension (`fmt` overrides), atomically: the
    file is complete or, on any error, left as it was."""
    from planner.io import write_atomic

    path = Path(path)
    text = render(plan, format_for(path, fmt), config, shared_plotly)
    write_atomic(path, text)
    return path
