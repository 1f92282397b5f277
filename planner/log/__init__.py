"""The training log (docs/log.md): what the athlete actually did, read from their files.

    from planner.log import read_log
    log = read_log(config.log, "athlete.yaml", units=config.units, timezone=config.athlete.timezone)
    log.sessions     # Session records, by date then start time, each counted once
    log.files        # a FileReport per file read: path, format, sessions found, what was skipped and why
    log.duplicates   # sessions found twice (a watch file and an export row): which copy was kept
    log.warnings     # files that could not be read, folders without log files, an unwritable cache

`read_log(log, config_path=None, units="km", timezone=None, cache_dir=None)` reads the config's
`log:` section (`planner.log.entries.LogSection`): each of `files` relative to the config's
folder (a folder: every log file below it), then the inline `entries`. A `Session` has the
local start `date` and `start` (None when only a date is known), `kind` (easy long quality
race run strength cross; activity files give run, strength or cross), `distance` in `units`
(None unless a run), `minutes` (moving time where the file has it), `rpe`, `note`, the source's
own `sport` text and `source` ("log/watch/run1.fit", "training.csv row 4", "log.entries.2").

Files are recognised by extension (optionally .gz) and, for CSVs, by header; one module per
format in planner.log.formats: the planner's own CSV, Strava's activities.csv, intervals.icu's
activities CSV, FIT (fitdecode), GPX (gpxpy) and TCX (tcxreader). Times given only in UTC are
made local with `timezone` (default UTC); FIT files carry their own local time.

Errors follow docs/config.md: a missing file (`log.files.N`), a bad row (file, row, column,
what is allowed) or a bad entry is a planner.errors.ConfigError; an activity file that cannot
be read is named in a warning and skipped, so one broken file does not lose an export.

Parsed activity files are cached (planner.log.cache): the cache directory is `cache_dir`, else
$PLANNER_CACHE_DIR, else $XDG_CACHE_HOME/running-planner/activities; deleting it is safe.

Modules: `entries` (the config models), `session` (Session, TrainingLog, FileReport),
`activity` (a file's unit- and timezone-free records), `read` (read_log), `duplicates`,
`cache`, `sports` (which activity types are runs), `formats` (the readers).
"""

from __future__ import annotations

from typing import Any

from planner.log.entries import LogEntry, LogSection
from planner.log.session import Duplicate, FileReport, Session, Skip, TrainingLog

__all__ = ["read_log", "config_log", "LogEntry", "LogSection", "Session", "TrainingLog", "FileReport", "Skip", "Duplicate"]


def config_log(config) -> TrainingLog | None:
    """The training log of an athlete config (its `log:` section read with the config's units,
    timezone and folder), or None when it has none."""
    if config.log is None:
        return None
    from planner.log.read import read_log

    return read_log(config.log, config.source, units=config.units, timezone=config.athlete.timezone)


def __getattr__(name: str) -> Any:
    """`read_log` is imported on first use: planner.config imports this package for its models,
    and the readers import planner.config."""
    if name == "read_log":
        from planner.log.read import read_log

        return read_log
    raise AttributeError(f"module 'planner.log' has no attribute {name!r}")
