"""The batch summary: one row per athlete (planner.runtime.rows.Row), written as summary.csv and
summary.html.

Statuses: a plan's own status (`optimal`, `feasible`, `halted`, `infeasible`), `invalid` (the
config did not validate; nothing planned), `error` (planning crashed) or `pending` (not
planned yet: the summary of a batch that is running or was interrupted). `halted` (a pain red
flag) is not a failure, since the plan did its job, but it is listed first in the HTML, with
the failures, because the athlete needs a professional's attention.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from planner.io import write_atomic
from planner.runtime.rows import PLANNED, Row, failure_row, plan_row  # noqa: F401 - the batch's rows
from planner.safe_text import csv_cell, plotly_text

CSV_COLUMNS = (
    "athlete", "source", "status", "weeks", "peak_distance", "target", "units",
    "pain_level", "limits", "solve_seconds", "error", "output",
)


# ---- summary.csv -----------------------------------------------------------------------------

def write_csv(rows: list[Row], path: Path) -> None:
    """summary.csv in roster order, one line per athlete. Every field is quoted and every text
    cell is one line with formula starts neutralised (safe_text.csv_cell): a name such as
    =HYPERLINK(...) must not run in a spreadsheet, nor a CR in it split the row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n",
                            quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else csv_cell(v)) for k, v in row.as_dict().items()})
    write_atomic(path, buffer.getvalue())


# ---- summary.html ----------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
tr.failed td { background: #fde2e2; }
tr.halted td { background: #fff1cc; }
.attention { border-left: 4px solid #c0392b; padding: 0.2em 1em; margin-bottom: 1.5em; }
"""


def write_html(rows: list[Row], path: Path) -> None:
    """summary.html: red flags and failures first, the table, then one weekly-volume chart.

    Self-contained (plotly.js inlined), so it can be mailed or opened offline."""
    ordered = sorted(rows, key=_attention_rank)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Batch plan summary</title>',
        f"<style>{STYLE}</style></head><body>",
        "<h1>Batch plan summary</h1>",
        f"<p>{html.escape(_counts(rows))}</p>",
        _attention(ordered),
        _table(ordered),
        "<h2>Weekly volume</h2>",
        _chart(rows),
        "</body></html>",
    ]
    write_atomic(path, "\n".join(parts) + "\n")


def _attention_rank(row: Row) -> int:
    return 0 if row.failed else 1 if row.status == "halted" else 2


def _counts(rows: list[Row]) -> str:
    planned = sum(row.status in PLANNED for row in rows)
    halted = sum(row.status == "halted" for row in rows)
    pending = sum(row.status == "pending" for row in rows)
    failed = sum(row.failed for row in rows) - pending
    counts = f"{len(rows)} athletes: {planned} planned ({halted} halted by a pain red flag), {failed} failed."
    if pending:
        counts += f" INCOMPLETE: {pending} not planned yet (the batch is running or was interrupted)."
    return counts


def _attention(ordered: list[Row]) -> str:
    flagged = [row for row in ordered if _attention_rank(row) < 2]
    if not flagged:
        return ""
    items = "".join(
        f"<li><b>{html.escape(row.athlete)}</b> ({html.escape(row.status)}): "
        f"{html.escape(row.error or row.note)}</li>"
        for row in flagged
    )
    return f'<div class="attention"><h2>Needs attention</h2><ul>{items}</ul></div>'


def _table(ordered: list[Row]) -> str:
    header = "".join(f"<th>{html.escape(column)}</th>" for column in CSV_COLUMNS)
    lines = [f"<table><thead><tr>{header}</tr></thead><tbody>"]
    for row in ordered:
        css = "failed" if row.failed else row.status
        values = row.as_dict()
        cells = "".join(_cell(column, values[column]) for column in CSV_COLUMNS)
        lines.append(f'<tr class="{css}">{cells}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _cell(column: str, value) -> str:
    """A table cell; the plan file is a link relative to the summary (both are in OUT_DIR)."""
    text = html.escape("" if value is None else str(value))
    if column == "output" and value:
        return f'<td><a href="{html.escape(str(value), quote=True)}">{text}</a></td>'
    return f"<td>{text}</td>"


KM_PER_MILE = 1.609344


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
