"""What reading a training log gives: sessions, and a report of every file read.

A `Session` is one thing the athlete did, in the athlete's unit and local time, whatever
file it came from. The `TrainingLog` holds the sessions (each counted once) and says, file by
file, what was found and what was skipped and why, so `planner log` can show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from planner.log.entries import RUN_KINDS, LogEntry


@dataclass(frozen=True)
class Session:
    """One logged session.

    `date` is the local start date; `start` the local start time (naive) when the source has
    one. `kind` is an entry kind (docs/log.md): activity files give `run` or
    `cross`. `distance` is in the athlete's unit, None for strength and cross-training.
    `minutes` is moving time where the source has it, else elapsed time, unrounded. `sport` is
    the source's own activity type ("Trail Run", "running/treadmill"), None for entries.
    `source` says where it came from: "log/watch/run1.fit", "training.csv row 4", "log.entries.2".
    """

    date: dt.date
    start: dt.datetime | None
    kind: str
    distance: float | None
    minutes: float
    rpe: float | None = None
    note: str | None = None
    sport: str | None = None
    source: str = ""

    @property
    def is_run(self) -> bool:
        return self.kind in RUN_KINDS

    @classmethod
    def from_entry(cls, entry: LogEntry, zone: ZoneInfo, source: str) -> Session:
        """A logged entry as a session; a start time with a UTC offset is moved into `zone`."""
        start = entry.date if isinstance(entry.date, dt.datetime) else None
        if start is not None and start.tzinfo is not None:
            start = start.astimezone(zone).replace(tzinfo=None)
        day = start.date() if start is not None else entry.date
        return cls(date=day, start=start, kind=entry.kind, distance=entry.distance, minutes=entry.minutes,
                   rpe=entry.rpe, note=entry.note, source=source)


@dataclass(frozen=True)
class Skip:
    """Something in a file that did not become a session, and why."""

    what: str
    why: str


@dataclass(frozen=True)
class FileReport:
    """One file read: its path as shown to the athlete, its format, the sessions found in it
    (duplicates included) and what was skipped."""

    path: str
    format: str
    sessions: int = 0
    skipped: tuple[Skip, ...] = ()


@dataclass(frozen=True)
class Duplicate:
    """A session found twice: `kept` is counted, `dropped` is not."""

    kept: Session
    dropped: Session


@dataclass(frozen=True)
class TrainingLog:
    """The sessions of a log, sorted by date then start time, each counted once; the report
    of every file read (in the order read), the duplicates dropped, and warnings."""

    sessions: tuple[Session, ...] = ()
    files: tuple[FileReport, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    warnings: tuple[str, ...] = field(default=())
