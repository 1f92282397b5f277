"""The batch summary: one row per athlete (planner.runtime.rows.Row), written as summary.csv and
summary.html, the athletes who need a coach's eye first.

Statuses: a plan's own status (`optimal`, `feasible`, `halted`, `infeasible`), `invalid` (the
config or the athlete's input did not validate; nothing planned), `error` (planning crashed)
or `pending` (not planned yet: the summary of a batch that is running or was interrupted).
`halted` (a pain red flag) is not a failure, since the plan did its job, but the athlete needs
a professional's attention. Both files put first the failures, then the athletes with a reason
to look (runtime.attention: a red flag, new pain, missed sessions, running more than planned,
a peak below the target; the most urgent first), then the rest, each group in roster order.
Columns have readable names with their units (COLUMNS), and summary.html links each
athlete's HTML report and plan file.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from planner.io import write_atomic
from planner.runtime.attention import rank
from planner.runtime.rows import PLANNED, Row, failure_row, plan_row  # noqa: F401 - the batch's rows
from planner.safe_text import csv_cell, plotly_text
from planner.units import KM_PER_MILE

# (column header, Row field), in the order shown; "{unit}" is the roster's distance unit (unit_label)
COLUMNS = (
    ("athlete", "athlete"),
    ("status", "status"),
    ("needs attention", "attention"),
    ("weeks", "weeks"),
    ("peak ({unit})", "peak_distance"),
    ("target ({unit})", "target"),
    ("unit", "units"),
    ("total load (RPE×min)", "total_load"),
    ("max ACWR", "max_acwr"),
    ("pain", "pain_level"),
    ("limits", "limits"),
    ("solve time (s)", "solve_seconds"),
    ("error", "error"),
    ("report", "report"),
    ("plan file", "output"),
    ("source", "source"),
    ("attention codes", "attention_codes"),
)
LINKS = ("report", "output")  # fields that name a file beside the summary


def unit_label(rows: list[Row]) -> str:
    """The distance unit for the headers: the roster's one unit, else a pointer to the unit column."""
    units = sorted({row.units for row in rows if row.units})
    if len(units) == 1:
        return units[0]
    return f"{' or '.join(units)}: see unit" if units else "see unit"


def headers(rows: list[Row]) -> list[str]:
    """Every column header, units filled in."""
    unit = unit_label(rows)
    return [header.format(unit=unit) for header, _ in COLUMNS]


def ordered(rows: list[Row]) -> list[Row]:
    """Failures first, then the athletes who need a coach's eye (most urgent reason first), then
    the rest; roster order within each group."""
    return sorted(rows, key=attention_rank)


def attention_rank(row: Row) -> int:
    if row.failed:
        return -1
    return rank([code.strip() for code in row.attention_codes.split(";")])


# ---- summary.csv -----------------------------------------------------------------------------

def write_csv(rows: list[Row], path: Path) -> None:
    """summary.csv, one line per athlete, those who need attention first. Every field is quoted
    and every text cell is one line with formula starts neutralised (safe_text.csv_cell): a name
    such as =HYPERLINK(...) must not run in a spreadsheet, nor a CR in it split the row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(headers(rows))
    for row in ordered(rows):
        values = row.as_dict()
        writer.writerow(["" if values[field] is None else csv_cell(values[field]) for _, field in COLUMNS])
    write_atomic(path, buffer.getvalue())


# ---- summary.html ----------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
tr.failed td { background: #fde2e2; }
tr.halted td { background: #fff1cc; }
tr.attention td { background: #fff8e6; }
.attention { border-left: 4px solid #c0392b; padding: 0.2em 1em; margin-bottom: 1.5em; }
"""


def write_html(rows: list[Row], path: Path) -> None:
    """summary.html: who needs attention (failures, red flags, new pain, missed sessions, more
    run than planned, a peak below the target) with why and a link to the report, the table,
    then one weekly-volume chart.

    Self-contained (plotly.js inlined), so it can be mailed or opened offline; the reports and
    plan files it links are beside it in OUT_DIR."""
    rows_in_order = ordered(rows)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Batch plan summary</title>',
        f"<style>{STYLE}</style></head><body>",
        "<h1>Batch plan summary</h1>",
        f"<p>{html.escape(_counts(rows))}</p>",
        _attention(rows_in_order),
        _table(rows_in_order, headers(rows)),
        "<h2>Weekly volume</h2>",
        _chart(rows),
        "</body></html>",
    ]
    write_atomic(path, "\n".join(parts) + "\n")


def _counts(rows: list[Row]) -> str:
    planned = sum(row.status in PLANNED for row in rows)
    halted = sum(row.status == "halted" for row in rows)
    pending = sum(row.status == "pending" for row in rows)
    failed = sum(row.failed for row in rows) - pending
    counts = f"{len(rows)} athletes: {planned} planned ({halted} halted by a pain red flag), {failed} failed."
    if pending:
        counts += f" INCOMPLETE: {pending} not planned yet (the batch is running or was interrupted)."
    return counts


def _attention(rows_in_order: list[Row]) -> str:
    flagged = [row for row in rows_in_order if row.failed or row.attention]
    if not flagged:
        return ""
    items = "".join(
        f"<li><b>{html.escape(row.athlete)}</b> ({html.escape(row.status)}): "
        f"{html.escape(row.error or row.attention)}{_report_link(row)}</li>"
        for row in flagged
    )
    return f'<div class="attention"><h2>Needs attention</h2><ul>{items}</ul></div>'


def _report_link(row: Row) -> str:
    if not row.report:
        return ""
    return f' (<a href="{html.escape(row.report, quote=True)}">report</a>)'


def _table(rows_in_order: list[Row], names: list[str]) -> str:
    header = "".join(f"<th>{html.escape(name)}</th>" for name in names)
    lines = [f"<table><thead><tr>{header}</tr></thead><tbody>"]
    for row in rows_in_order:
        css = _row_class(row)
        values = row.as_dict()
        cells = "".join(_cell(field, values[field]) for _, field in COLUMNS)
        lines.append(f'<tr class="{css}">{cells}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _row_class(row: Row) -> str:
    """The row's colour: failed, halted (a red flag), attention (another reason) or its status."""
    if row.failed:
        return "failed"
    if row.status == "halted":
        return "halted"
    return "attention" if row.attention else row.status


def _cell(field: str, value) -> str:
    """A table cell; the report and plan file are links relative to the summary (all in OUT_DIR)."""
    text = html.escape("" if value is None else str(value))
    if field in LINKS and value:
        return f'<td><a href="{html.escape(str(value), quote=True)}">{text}</a></td>'
    return f"<td>{text}</td>"


def _chart(rows: list[Row]) -> str:
    """One line per planned athlete; the legend is dropped when it would be a wall of names."""
    figure = weekly_figure(rows)
    if figure is None:
        return "<p>No plans to chart.</p>"
    return figure.to_html(full_html=False, include_plotlyjs=True, config={"displaylogo": False})


def weekly_figure(rows: list[Row]):
    """Every planned athlete's weekly distance as one plotly line each (None with no plans)."""
    import plotly.graph_objects as go

    drawn = [row for row in rows if row.weekly]
    if not drawn:
        return None
    figure = go.Figure()
    for row in drawn:  # one axis in km, so km and mi athletes compare; the hover keeps their unit
        factor = KM_PER_MILE if row.units == "mi" else 1.0
        figure.add_trace(go.Scatter(
            x=list(range(1, len(row.weekly) + 1)),
            y=[round(distance * factor, 1) for distance in row.weekly],
            customdata=row.weekly,
            mode="lines+markers",
            name=plotly_text(row.athlete),
            hovertemplate=f"{plotly_text(row.athlete)}<br>week %{{x}}: %{{customdata}} {row.units}<extra></extra>",
        ))
    figure.update_layout(
        xaxis_title="plan week",
        yaxis_title="weekly distance (km)",
        showlegend=len(drawn) <= 30,
        height=520,
        margin={"t": 20},
    )
    return figure
