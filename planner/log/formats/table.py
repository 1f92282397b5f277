"""CSV logs as tables whose columns are picked by name, with errors that name row and column.

Exports change their columns over time, so readers never rely on positions: `Columns.find`
looks a column up by its header name (the first or last of a repeated name) and a missing one
is a ConfigError naming it. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

from planner.errors import ConfigError
from planner.log.activity import Unreadable
from planner.log.formats.common import BOM


Column = tuple[str, int | None]  # a column's name (for messages) and its position (None: absent)


@dataclass(frozen=True)
class Table:
    """A CSV file's header and its non-empty rows, each with its spreadsheet row number."""

    shown: str
    header: list[str]
    rows: list[tuple[int, list[str]]]

    def error(self, row: int, column: str, problem: str) -> ConfigError:
        return ConfigError(f"row {row}: {column}", problem, path=self.shown)


def text_of(data: bytes) -> str:
    try:
        return data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(f"is not UTF-8 text (byte {error.start})") from None


def header_of(data: bytes) -> list[str]:
    """The first row's cells, stripped (for recognising a CSV's format); [] for an empty file."""
    first_line = data[:65536].removeprefix(BOM).decode("utf-8", errors="replace").splitlines()[:1]
    return [cell.strip() for cell in next(csv.reader(first_line), [])]


def read_table(data: bytes, shown: str) -> Table:
    rows = list(csv.reader(io.StringIO(text_of(data), newline="")))
    if not rows:
        return Table(shown, [], [])
    header = [cell.strip() for cell in rows[0]]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    return Table(shown, header, body)


class Columns:
    """Column positions by header name, for one table; `needs` describes the format in errors."""

    def __init__(self, table: Table, needs: str):
        self.table = table
        self.needs = needs

    def find(self, name: str, *, last: bool = False, required: bool = True) -> int | None:
        """The position of column `name` (the last one of that name with `last`), or None
        when it is absent and not `required`."""
        positions = [index for index, heading in enumerate(self.table.header) if heading == name]
        if positions:
            return positions[-1] if last else positions[0]
        if required:
            raise self.missing(name)
        return None

    def column(self, name: str, *, last: bool = False, required: bool = True) -> Column:
        """`find`, as the column's name and position."""
        return name, self.find(name, last=last, required=required)

    def missing(self, name: str, problem: str | None = None) -> ConfigError:
        found = ", ".join(repr(heading) for heading in self.table.header[:8])
        more = ", ..." if len(self.table.header) > 8 else ""
        why = problem or "is missing"
        return ConfigError(f"column {name!r}", f"{why}; {self.needs} (the header has {found}{more})", path=self.table.shown)


def cell(row: list[str], position: int | None) -> str:
    """The stripped text at `position`, "" when the column is absent or the row is short."""
    if position is None or position >= len(row):
        return ""
    return row[position].strip()


def number(table: Table, row: int, column: str, text: str, allowed: str) -> float | None:
    """`text` as a number >= 0 (None when empty); otherwise a ConfigError naming row and column."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise table.error(row, column, f"must be {allowed}, not {text!r}")
    return value
