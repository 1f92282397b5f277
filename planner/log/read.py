"""Reading a config's `log:` section into a TrainingLog (the package docstring has the API)."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from planner.errors import ConfigError
from planner.log.activity import Parsed, Unreadable, to_session
from planner.log.cache import ActivityCache, Outcome, file_key
from planner.log.duplicates import drop_duplicates
from planner.log.entries import LogEntry, LogSection
from planner.log.formats import ALLOWED, ENTRY_RANK, Format, by_suffix, csv_format, is_log_file
from planner.log.formats.table import header_of
from planner.log.session import FileReport, Session, Skip, TrainingLog
from planner.units import METRES_PER_UNIT

ENTRIES = "log.entries"
CSV_KINDS = ("is not a training log CSV: the planner's own has the columns date, kind, distance, minutes, rpe, note; "
             "Strava's activities.csv has Activity Date and Activity Type; intervals.icu's has start_date_local and type")
LONGEST_PROBLEM = 200  # characters of a parser's own error message shown in a warning
T = TypeVar("T")


def read_log(log: LogSection | None, config_path: Path | str | None = None, units: str = "km",
             timezone: str | None = None, cache_dir: Path | str | None = None) -> TrainingLog:
    """Every session of `log` (files relative to `config_path`'s folder, else the current one),
    in `units` and local to `timezone` (an IANA name; None: UTC). Raises ConfigError for a
    missing file, a bad row or entry; a file that cannot be read is skipped with a warning."""
    reader = LogReader(config_path, units, timezone, ActivityCache(cache_dir))
    for index, name in enumerate(log.files if log else ()):
        for path, named in reader.files(index, name):
            reader.read_file(path, named, f"log.files.{index}")
    reader.add_entries(log.entries if log else ())
    return reader.result()


@dataclass
class Report:
    """A FileReport while it is being filled in."""

    path: str
    format: str
    sessions: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def frozen(self) -> FileReport:
        return FileReport(self.path, self.format, self.sessions, tuple(self.skipped))


class LogReader:
    """Reads one log: the files in order, then the entries, gathering sessions and reports."""

    def __init__(self, config_path: Path | str | None, units: str, timezone: str | None, cache: ActivityCache):
        if units not in METRES_PER_UNIT:
            raise ConfigError("athlete.units", f"must be one of {', '.join(METRES_PER_UNIT)}", path=config_path)
        self.config_path = config_path
        self.base = Path(config_path).resolve().parent if config_path is not None else Path.cwd()
        self.units = units
        self.zone = _zone(timezone, config_path)
        self.cache = cache
        self.found: list[tuple[int, Session]] = []
        self.reports: dict[str, Report] = {}
        self.report_of: dict[str, Report] = {}  # session source -> its file's report
        self.warnings: list[str] = []
        self.seen: set[Path] = set()

    # ---- which files ---------------------------------------------------------------------------
    def files(self, index: int, name: str) -> list[tuple[Path, bool]]:
        """The files `log.files.<index>` names, each with whether it was named itself (True)
        or found in a folder; a folder means every log file below it (hidden ones left out)."""
        label = f"log.files.{index}"
        path = self.base / Path(name).expanduser()
        if not path.exists():
            raise ConfigError(label, f"{name!r} does not exist (paths are relative to the config file's folder, "
                                     f"{self.base})", path=self.config_path)
        if path.is_dir():
            found = sorted(item for item in path.rglob("*") if item.is_file() and is_log_file(item)
                           and not any(part.startswith(".") for part in item.relative_to(path).parts))
            if not found:
                self.warnings.append(f"{label}: the folder {name!r} holds no log files ({ALLOWED})")
            return [(item, False) for item in found]
        if not is_log_file(path):
            raise ConfigError(label, f"{name!r} is not a log file this planner reads: {ALLOWED}", path=self.config_path)
        return [(path, True)]

    # ---- one file ------------------------------------------------------------------------------
    def read_file(self, path: Path, named: bool, label: str) -> None:
        if path.resolve() in self.seen:
            return  # named twice (a file and its folder): read once
        self.seen.add(path.resolve())
        shown = self.shown(path)
        form, data = by_suffix(path), None
        if form is None:  # a CSV: which one is told by its header
            data, problem = guarded("CSV file", lambda: read_bytes(path))
            if problem is not None:
                self.unreadable(shown, "csv", problem)
                return
            form = csv_format(header_of(data), path)
            if form is None:
                if named:
                    raise ConfigError(label, f"{shown} {CSV_KINDS}", path=self.config_path)
                self.report(shown, "csv").skipped.append(Skip(shown, "is not a training log CSV"))
                return
        if form.entries:
            self.read_entries_file(form, path, shown, data)
        else:
            self.read_activities(form, path, shown, data)

    def read_activities(self, form: Format, path: Path, shown: str, data: bytes | None) -> None:
        outcome = self.cached_outcome(form, path, shown) if form.cached else parse(form, path, shown, data)
        if outcome.problem is not None:
            self.unreadable(shown, form.name, outcome.problem)
            return
        report = self.report(shown, form.name)
        parsed = outcome.parsed or Parsed()
        for activity in parsed.activities:
            made = to_session(activity, self.units, self.zone, f"{shown} {activity.part}".strip())
            if isinstance(made, Skip):
                report.skipped.append(made)
            else:
                self.add(form.rank, made, report)
        report.skipped.extend(Skip(f"{shown} {skip.what}".strip(), skip.why) for skip in parsed.skipped)

    def cached_outcome(self, form: Format, path: Path, shown: str) -> Outcome:
        key, problem = guarded(form.title, lambda: file_key(path, form.name))
        if problem is not None:  # gone or unreadable since the folder was listed
            return Outcome(problem=problem)
        outcome = self.cache.get(key)
        if outcome is None:
            outcome = parse(form, path, shown, None)
            self.cache.put(key, outcome)
        return outcome

    def read_entries_file(self, form: Format, path: Path, shown: str, data: bytes) -> None:
        rows, problem = guarded(form.title, lambda: form.module.parse(data, shown, self.units))
        if problem is not None:
            self.unreadable(shown, form.name, problem)
            return
        report = self.report(shown, form.name)
        for label, entry in rows:
            self.add(form.rank, Session.from_entry(entry, self.zone, f"{shown} {label}"), report)

    # ---- entries, results ----------------------------------------------------------------------
    def add_entries(self, entries: tuple[LogEntry, ...] | list[LogEntry]) -> None:
        if not entries:
            return
        report = self.report(ENTRIES, "entries")
        for index, entry in enumerate(entries):
            self.add(ENTRY_RANK, Session.from_entry(entry, self.zone, f"{ENTRIES}.{index}"), report)

    def add(self, rank: int, session: Session, report: Report) -> None:
        self.found.append((rank, session))
        self.report_of[session.source] = report
        report.sessions += 1

    def report(self, shown: str, format_name: str) -> Report:
        return self.reports.setdefault(shown, Report(shown, format_name))

    def unreadable(self, shown: str, format_name: str, problem: str) -> None:
        self.report(shown, format_name).skipped.append(Skip(shown, problem))
        self.warnings.append(f"{shown} {problem}; skipped")

    def shown(self, path: Path) -> str:
        """A file's name as the athlete wrote it: relative to the config's folder ("log/run.fit",
        "../shared/run.fit"), or absolute when it was written so."""
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix()

    def result(self) -> TrainingLog:
        sessions, duplicates = drop_duplicates(self.found)
        for duplicate in duplicates:
            dropped = duplicate.dropped
            self.report_of[dropped.source].skipped.append(
                Skip(dropped.source, f"is the same session as {duplicate.kept.source}, which is counted"))
        if self.cache.problem:
            self.warnings.append(f"{self.cache.problem}: activity files are parsed afresh every time")
        sessions.sort(key=lambda s: (s.date, s.start is not None, s.start or dt.datetime.min, s.source))
        return TrainingLog(
            sessions=tuple(sessions), files=tuple(report.frozen() for report in self.reports.values()),
            duplicates=tuple(duplicates), warnings=tuple(self.warnings),
        )


def parse(form: Format, path: Path, shown: str, data: bytes | None) -> Outcome:
    """What `form`'s reader makes of the file, or why it cannot read it."""
    parsed, problem = guarded(form.title, lambda: form.module.parse(data if data is not None else read_bytes(path), shown))
    return Outcome(parsed=parsed, problem=problem)


def guarded(title: str, action: Callable[[], T]) -> tuple[T | None, str | None]:
    """`action()` and None, or None and why the file cannot be read. A corrupt file can make a
    parser raise anything; it is named and skipped, never a traceback. A ConfigError (a bad
    row) is the athlete's to fix and goes through."""
    try:
        return action(), None
    except ConfigError:
        raise
    except Exception as error:
        return None, describe(error, title)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, decompressed when its name ends in .gz."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.lower().endswith(".gz") else data


def describe(error: Exception, title: str) -> str:
    """Why a file cannot be read, for a warning ("is truncated: ..." follows the file's name)."""
    if isinstance(error, Unreadable):
        return str(error)
    message = " ".join(str(error).split())[:LONGEST_PROBLEM] or "no detail"
    return f"cannot be read as a {title} ({type(error).__name__}: {message})"


def _zone(name: str | None, config_path: Path | str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError, OSError):
        raise ConfigError("athlete.timezone", f"{name!r} is not an IANA time zone name such as Europe/Berlin",
                          path=config_path) from None
