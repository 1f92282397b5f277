"""`planner log add`: one session appended to the athlete's own log.

Where the config's `log.files` names one of the planner's own CSV logs, the session becomes a
row at its end; otherwise it is added to the config's `log.entries` (comments and layout kept,
as `planner checkin` does). Either way the edit is locked, re-read under the lock and written
atomically (planner.io.edit_in_place), the session is validated as any log entry is, and the
whole file must still read cleanly afterwards, so bad input writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from planner.checkin import append_item
from planner.config import edit_config, load_config, parse_config, parse_document
from planner.errors import ConfigError
from planner.io import edit_in_place
from planner.log.entries import LogEntry
from planner.log.formats import csv_format, planner_csv
from planner.log.formats.table import header_of
from planner.log.session import Session


def add_entry(config_path: Path, fields: dict[str, Any], today: dt.date) -> tuple[LogEntry, Path, str, str]:
    """Validate a session (dated at most `today` in the athlete's timezone, as the log reads a
    start time with a UTC offset) and append it; returns the entry, the file
    written, where in it ("row N" or "log.entries.N") and the athlete's distance unit."""
    config = load_config(config_path)
    entry = _validated(fields, config.units, config_path)
    day = Session.from_entry(entry, ZoneInfo(config.athlete.timezone or "UTC"), "").date  # as the log reads it
    if day > today:
        raise ConfigError("log entry date", f"{day} is after today ({today}); a log records what was done "
                                            "(pass --today to log as of another day)", path=config_path)
    target = _native_csv(config)
    if target is not None:
        return entry, target, _append_row(target, entry, config.units), config.units
    return entry, config_path, _append_entry(config_path, entry), config.units


def _validated(fields: dict[str, Any], units: str, path: Path) -> LogEntry:
    try:
        return planner_csv.entry_from_fields({name: value for name, value in fields.items() if value is not None}, units)
    except planner_csv.EntryError as error:
        raise ConfigError(f"log entry {error.field}", error.message, path=path) from None


def _native_csv(config) -> Path | None:
    """The first file in log.files that is one of the planner's own CSV logs."""
    for name in config.log.files if config.log else ():
        path = Path(name)
        if path.is_file() and path.suffix.lower() == ".csv":
            header = header_of(path.read_bytes()) or list(planner_csv.COLUMNS)
            form = csv_format(header, path)
            if form is not None and form.module is planner_csv:
                return path
    return None


def _append_row(path: Path, entry: LogEntry, units: str) -> str:
    written = {}

    def append(text: str) -> str:
        header = next(csv.reader(io.StringIO(text)), None) or list(planner_csv.COLUMNS)
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\n")
        if not text.strip():
            writer.writerow(header)
        writer.writerow([_cell(entry, name.strip().lower()) for name in header])
        new = (text if text.endswith("\n") or not text else text + "\n") + stream.getvalue()
        rows = planner_csv.parse(new.encode(), str(path), units)  # the whole file must still read
        written["where"] = rows[-1][0]
        return new

    edit_in_place(path, append)
    return written["where"]


def _cell(entry: LogEntry, name: str) -> str:
    value = getattr(entry, name, None)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return f"{value:g}" if isinstance(value, float) else str(value)


def _append_entry(path: Path, entry: LogEntry) -> str:
    written = {}
    record = {name: getattr(entry, name) for name in planner_csv.COLUMNS if getattr(entry, name) is not None}

    def append(text: str) -> str:
        new = append_item(text, path, ("log", "entries"), record)
        config = parse_config(parse_document(new, path), path=path)  # the whole new document must still be valid
        written["where"] = f"log.entries.{len(config.log.entries) - 1}"
        return new

    edit_config(path, append)
    return written["where"]
