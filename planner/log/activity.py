"""An activity as a file gives it, before the athlete's unit and time zone are applied.

Readers of activity files and exports return `Activity` records: metres, seconds and the
start time as the file states it (UTC, local, or both). That is what the cache stores, so a
change of `athlete.units` or `athlete.timezone` needs no re-read. `to_session` then makes
the athlete's `Session` from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo

from planner.log.session import Session, Skip
from planner.units import METRES_PER_UNIT


@dataclass(frozen=True)
class Activity:
    """One activity from a file.

    `kind` is "run" or "cross" (the reader classifies its own spelling of the
    type, kept in `sport`). `start_utc` is timezone-aware UTC; `start_local` is naive local
    time, given only when the file states it (FIT, intervals.icu). `seconds` is moving time
    where the file has it, else elapsed time. `part` says where in the file it is ("row 4",
    "session 2"; empty for a file of one activity).
    """

    kind: str
    sport: str | None
    start_utc: dt.datetime | None
    start_local: dt.datetime | None
    metres: float | None
    seconds: float
    part: str = ""
    rpe: float | None = None
    note: str | None = None

    def to_json(self) -> dict:
        record = asdict(self)
        for name in ("start_utc", "start_local"):
            if record[name] is not None:
                record[name] = record[name].isoformat()
        return record

    @classmethod
    def from_json(cls, record: dict) -> Activity:
        values = dict(record)
        for name in ("start_utc", "start_local"):
            if values[name] is not None:
                values[name] = dt.datetime.fromisoformat(values[name])
        return cls(**values)


class Unreadable(Exception):
    """A file that cannot be read as what it claims to be: the message says why."""


@dataclass(frozen=True)
class Parsed:
    """What a reader found in one file: its activities and what it skipped."""

    activities: list[Activity] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def local_start(activity: Activity, zone: ZoneInfo) -> dt.datetime | None:
    """The local start (naive): as the file gives it, else its UTC start in `zone`."""
    if activity.start_local is not None:
        return activity.start_local
    if activity.start_utc is None:
        return None
    return activity.start_utc.astimezone(zone).replace(tzinfo=None)


def to_session(activity: Activity, units: str, zone: ZoneInfo, source: str) -> Session | Skip:
    """The athlete's session for an activity, or why it cannot be one (no start, no time)."""
    start = local_start(activity, zone)
    if start is None:
        return Skip(source, "has no start time, so it cannot be dated")
    if not activity.seconds > 0:
        return Skip(source, "has no moving or elapsed time")
    distance = None
    if activity.kind == "run":
        distance = (activity.metres or 0.0) / METRES_PER_UNIT[units]
    return Session(
        date=start.date(), start=start, kind=activity.kind, distance=distance, minutes=activity.seconds / 60,
        rpe=activity.rpe, note=activity.note, sport=activity.sport, source=source,
    )
