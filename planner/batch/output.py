"""Writing one athlete's files: the plan JSON, its HTML report and the --format file.

The files' text comes back from the worker (runtime.worker renders every format where the plan
is), so this process only writes. Every athlete gets `<slug>.json` (the canonical plan, and the
previous plan of the next `--replan`) and `<slug>.html` (the report the summary links); with
`--format csv` or `ics` also `<slug>.csv` or `<slug>.ics`. HTML reports load one shared
plotly.js beside them: inlined, a 1,000-athlete batch would hold 1,000 copies (4.8 GB).
"""

from __future__ import annotations

from pathlib import Path

from planner.batch import BatchError
from planner.errors import ExportError
from planner.exports import format_for
from planner.exports.html_report import write_shared_plotly
from planner.io import write_atomic

PLAN_FORMAT, REPORT_FORMAT = "json", "html"


def check_format(fmt: str) -> str:
    """The format, lower-cased, if a plan can be written in it; BatchError otherwise."""
    try:
        return format_for("", fmt.lower().lstrip("."))
    except ExportError as error:
        raise BatchError(str(error)) from None


def rendered_formats(fmt: str) -> list[str]:
    """The formats a worker renders for an athlete: the plan JSON, the report, and `fmt`."""
    return list(dict.fromkeys([PLAN_FORMAT, REPORT_FORMAT, fmt]))


def file_name(slug: str, fmt: str) -> str:
    return f"{slug}.{fmt}"


def write_files(out_dir: Path, slug: str, texts: dict[str, str]) -> None:
    """Write an athlete's files, each atomically (complete or absent), the plan JSON last: it
    is the next re-plan's previous plan, so it only moves on once the rest is written."""
    if REPORT_FORMAT in texts:
        write_shared_plotly(out_dir)
    for fmt in sorted(texts, key=lambda fmt: fmt == PLAN_FORMAT):
        write_atomic(out_dir / file_name(slug, fmt), texts[fmt])
