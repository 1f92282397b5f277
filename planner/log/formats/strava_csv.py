"""Strava's bulk export `activities.csv`.

The header repeats several names (`Elapsed Time`, `Distance`, `Max Heart Rate`, `Relative
Effort`, `Commute`): the first `Distance` is in the athlete's Strava unit (km or mi), the
later one in metres, and both `Elapsed Time` columns are seconds. Columns are picked by name,
the later copy where a name repeats, because their number and order change between exports.
`Activity Date` is UTC, written like `Nov 3, 2026, 6:02:23 AM`. Translated headers cannot be
read: the message names the missing column and says to export in English.
"""

from __future__ import annotations

import datetime as dt

from planner.log.activity import Parsed
from planner.log.formats.exports import ExportColumns, export_activities, utc_start
from planner.log.formats.table import Columns, Table

FILE_NAME = "activities.csv"
NEEDS = ("Strava's activities.csv needs the columns Activity Date, Activity Type, Elapsed Time, Moving Time and "
         "Distance (twice); a header in another language cannot be read: set Strava's language to English and "
         "request the export again")
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M:%S %p", "%d %b %Y, %H:%M:%S")
SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})  # newer exports put a narrow space before AM/PM


def matches(header: list[str], file_name: str) -> bool:
    """Strava's export by its header, or any file named activities.csv (so a translated
    export gets a message naming the missing column instead of "not a log"). The archive's
    other CSVs (comments, media, ...) may have an Activity ID, but not these two."""
    return ("Activity Date" in header and "Activity Type" in header) or file_name.lower() == FILE_NAME


def parse(data: bytes, shown: str) -> Parsed:
    return export_activities(data, shown, NEEDS, _columns, _start)


def _columns(columns: Columns) -> ExportColumns:
    return ExportColumns(
        start=columns.column("Activity Date"), sport=columns.column("Activity Type"),
        moving=columns.column("Moving Time"), elapsed=columns.column("Elapsed Time", last=True),
        metres=("Distance", _metres_column(columns)), name=columns.column("Activity Name", required=False),
        effort=columns.column("Perceived Exertion", required=False),
    )


def _metres_column(columns: Columns) -> int:
    """The later `Distance` column, the one in metres; one alone is in km or mi, so refused."""
    first, last = columns.find("Distance"), columns.find("Distance", last=True)
    if first == last:
        raise columns.missing("Distance", "appears once, but Strava's export has two (the first in km or mi, "
                                          "the second in metres) and only the metres one can be read")
    return last


def _start(table: Table, row: int, text: str) -> dict:
    cleaned = " ".join(text.translate(SPACES).split())
    for pattern in DATE_FORMATS:
        try:
            return utc_start(dt.datetime.strptime(cleaned, pattern).replace(tzinfo=dt.timezone.utc))
        except ValueError:
            continue
    raise table.error(row, "Activity Date", f"must be a UTC date and time like 'Nov 3, 2026, 6:02:23 AM', not {text!r}")
