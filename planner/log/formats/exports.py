"""Rows of an activities export (Strava, intervals.icu) as activities.

Both exports hold one activity a row with the same facts under different column names: a
start, a type, moving and elapsed seconds, metres, a name and a perceived exertion. Each
reader finds its columns by name (`ExportColumns`) and says how to read its start time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from planner.log.activity import Activity, Parsed
from planner.log.formats.table import Column, Columns, Table, cell, number, read_table
from planner.log.session import Skip
from planner.log.sports import classify


@dataclass(frozen=True)
class ExportColumns:
    """Where one export keeps each fact: (column name, position), position None when absent."""

    start: Column
    sport: Column
    moving: Column
    elapsed: Column
    metres: Column
    name: Column
    effort: Column


StartReader = Callable[[Table, int, str], dict]  # (table, row, text) -> start_utc and start_local


def export_activities(data: bytes, shown: str, needs: str, pick: Callable[[Columns], ExportColumns],
                      read_start: StartReader) -> Parsed:
    """An activity per row of the CSV `data`; `pick` finds the columns (`needs` says which a
    missing-column message lists); a row with neither moving nor elapsed time is skipped."""
    table = read_table(data, shown)
    columns = pick(Columns(table, needs))
    parsed = Parsed()
    for row, cells in table.rows:
        seconds = (_number(table, row, cells, columns.moving, "a number of seconds")
                   or _number(table, row, cells, columns.elapsed, "a number of seconds"))
        if not seconds:
            parsed.skipped.append(Skip(f"row {row}", "has no moving or elapsed time"))
            continue
        sport = _text(cells, columns.sport) or None
        parsed.activities.append(Activity(
            kind=classify(sport), sport=sport, **read_start(table, row, _text(cells, columns.start)),
            metres=_number(table, row, cells, columns.metres, "a number of metres"), seconds=seconds,
            part=f"row {row}", rpe=perceived_exertion(_text(cells, columns.effort)),
            note=_text(cells, columns.name) or None,
        ))
    return parsed


def _text(cells: list[str], column: Column) -> str:
    return cell(cells, column[1])


def _number(table: Table, row: int, cells: list[str], column: Column, allowed: str) -> float | None:
    return number(table, row, column[0], _text(cells, column), allowed)


def perceived_exertion(text: str) -> float | None:
    """The athlete's own 1-to-10 rating when the export has one; anything else is ignored."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 1 <= value <= 10 else None


def utc_start(moment: dt.datetime) -> dict:
    return {"start_utc": moment, "start_local": None}


def local_start(moment: dt.datetime) -> dict:
    return {"start_utc": None, "start_local": moment}
