"""The planner's own CSV log: one session a row, columns named as the config's log entries.

    date,kind,distance,minutes,rpe,note
    2026-12-01,easy,8,50,,
    2026-12-02T18:30,quality,10 km,55,7,6 x 800 m
    2026-12-03,strength,,20,,

`date`, `kind` and `minutes` are required; `distance` is in the athlete's unit unless it
carries one ("10 km"). Each row is validated exactly as an entry in the config is, and a bad
one is a ConfigError naming the file, the row, the column and what is allowed.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.config import describe_error as describe_problem, parse_distance
from planner.errors import ConfigError
from planner.log.entries import LogEntry
from planner.log.formats.table import Table, read_table

COLUMNS = ("date", "kind", "distance", "minutes", "rpe", "note")
REQUIRED = ("date", "kind", "minutes")


def matches(header: list[str], file_name: str) -> bool:
    names = {name.lower() for name in header}
    return "date" in names and "kind" in names


def parse(data: bytes, shown: str, units: str) -> list[tuple[str, LogEntry]]:
    """Every row as a validated entry, with its label ("row 4")."""
    table = read_table(data, shown)
    names = _column_names(table)
    return [(f"row {row}", _entry(table, row, dict(zip(names, cells)), units)) for row, cells in table.rows]


def _column_names(table: Table) -> list[str]:
    names = [name.lower() for name in table.header]
    allowed = ", ".join(COLUMNS)
    for name in names:
        if name not in COLUMNS:
            raise ConfigError(f"column {name!r}", f"is not a column of the planner's CSV log (allowed: {allowed})",
                              path=table.shown)
    for name in REQUIRED:
        if name not in names:
            raise ConfigError(f"column {name!r}", f"is missing; the planner's CSV log needs {', '.join(REQUIRED)} "
                              f"(allowed: {allowed})", path=table.shown)
    return names


def _entry(table: Table, row: int, cells: dict[str, str], units: str) -> LogEntry:
    try:
        return entry_from_fields({name: text.strip() for name, text in cells.items() if text.strip()}, units)
    except EntryError as error:
        raise table.error(row, error.field, error.message) from None


class EntryError(ValueError):
    """A log entry's fields that do not validate: the first field at fault and what is allowed."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def entry_from_fields(fields: dict[str, Any], units: str) -> LogEntry:
    """A log entry from its fields as a person writes them (a row of this CSV, or `planner log
    add`'s options): the distance may carry its unit ("10 km"); EntryError names the first
    field at fault."""
    fields = dict(fields)
    if isinstance(fields.get("distance"), str):
        try:
            fields["distance"] = parse_distance(fields["distance"], units)
        except ValueError as error:
            raise EntryError("distance", str(error)) from None
    try:
        return LogEntry.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        raise EntryError(".".join(str(part) for part in first["loc"]) or "row", describe_problem(first)) from None
