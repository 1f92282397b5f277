"""The file formats a training log is read from, one module each, and how a file's format is
recognised: by its extension (after an optional `.gz`) and, for a CSV, by its header.

Activity readers (`fit`, `gpx`, `tcx`, `strava_csv`, `intervals_csv`) have
`parse(data, shown) -> Parsed`: the file's bytes (decompressed) and its name as shown to the
athlete, giving unit- and timezone-free activities. The planner's own CSV (`planner_csv`)
holds log entries instead: `parse(data, shown, units) -> [(label, LogEntry)]`. A CSV reader
also has `matches(header, file_name)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from planner.log.formats import fit, gpx, intervals_csv, planner_csv, strava_csv, tcx


@dataclass(frozen=True)
class Format:
    """A log file format: `name` as reports show it, its reader `module`, whether parsed files
    are cached (the slow activity formats), whether rows are log entries, and `rank`: of two
    copies of one session, the one from the lower rank is kept (a person's own log first,
    then the watch's file, then exports)."""

    name: str
    title: str
    suffix: str
    module: ModuleType
    rank: int
    cached: bool = False
    entries: bool = False


PLANNER_CSV = Format("planner-csv", "the planner's CSV log", ".csv", planner_csv, rank=0, entries=True)
FIT = Format("fit", "FIT activity file", ".fit", fit, rank=1, cached=True)
TCX = Format("tcx", "TCX activity file", ".tcx", tcx, rank=2, cached=True)
STRAVA_CSV = Format("strava-csv", "Strava activities.csv", ".csv", strava_csv, rank=3)
INTERVALS_CSV = Format("intervals-csv", "intervals.icu activities CSV", ".csv", intervals_csv, rank=4)
GPX = Format("gpx", "GPX track", ".gpx", gpx, rank=5, cached=True)

FORMATS = (PLANNER_CSV, FIT, TCX, INTERVALS_CSV, STRAVA_CSV, GPX)  # CSVs tried in this order
SUFFIXES = (".csv", ".fit", ".gpx", ".tcx")
ENTRY_RANK = 0  # inline entries in the config rank with the planner's own CSV
ALLOWED = ".csv (the planner's own, Strava's activities.csv or intervals.icu's), .fit, .gpx or .tcx, each also .gz"


def suffix_of(path: PurePath) -> str:
    """".fit" for run.fit and Run.FIT.gz; "" for no suffix."""
    return PurePath(path.name.lower().removesuffix(".gz")).suffix


def is_log_file(path: PurePath) -> bool:
    return suffix_of(path) in SUFFIXES


def by_suffix(path: PurePath) -> Format | None:
    """The format of an activity file by its extension; None for a CSV (see `csv_format`)."""
    suffix = suffix_of(path)
    return next((form for form in FORMATS if form.suffix == suffix and suffix != ".csv"), None)


def csv_format(header: list[str], path: PurePath) -> Format | None:
    """The CSV format whose header this is, or None when it is not a training log."""
    file_name = path.name.lower().removesuffix(".gz")
    return next((form for form in FORMATS if form.suffix == ".csv" and form.module.matches(header, file_name)), None)
