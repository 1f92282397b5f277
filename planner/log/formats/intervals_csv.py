"""intervals.icu's activities CSV.

Columns are picked by name: `start_date_local` (local time, ISO), `type` (Strava's type
names: Run, TrailRun, VirtualRun, WeightTraining, ...), `moving_time` in seconds and
`distance` in metres; `elapsed_time`, `name` and `icu_rpe` (1 to 10) are used when present.
"""

from __future__ import annotations

import datetime as dt

from planner.log.activity import Parsed
from planner.log.formats.exports import ExportColumns, export_activities, local_start
from planner.log.formats.table import Columns, Table

NEEDS = "intervals.icu's activities CSV needs the columns start_date_local, type, moving_time and distance"


def matches(header: list[str], file_name: str) -> bool:
    return "start_date_local" in header


def parse(data: bytes, shown: str) -> Parsed:
    return export_activities(data, shown, NEEDS, _columns, _start)


def _columns(columns: Columns) -> ExportColumns:
    return ExportColumns(
        start=columns.column("start_date_local"), sport=columns.column("type"),
        moving=columns.column("moving_time"), elapsed=columns.column("elapsed_time", required=False),
        metres=columns.column("distance"), name=columns.column("name", required=False),
        effort=columns.column("icu_rpe", required=False),
    )


def _start(table: Table, row: int, text: str) -> dict:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise table.error(row, "start_date_local",
                          f"must be a local date and time like 2026-11-03T07:02:23, not {text!r}") from None
    return local_start(moment.replace(tzinfo=None))
