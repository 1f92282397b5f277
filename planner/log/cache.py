"""A cache of parsed activity files, so re-planning every day does not re-read years of them.

One small JSON file per activity file, named by a hash of the file's absolute path and
holding the file's size and modification time: a changed file misses and is parsed again.
What is stored is unit- and timezone-free (metres, seconds, the times as the file gives them),
so changing `athlete.units` or `athlete.timezone` needs no re-read. A file that could not be
read is cached with the reason, so a broken file is not re-parsed every day either.

Writes go to a temporary file that replaces the entry atomically, so two processes planning
at once never see half an entry; a corrupt or unreadable entry counts as a miss. The cache
is never needed: when its directory cannot be written, files are parsed every time and a
warning says so. Delete the directory to empty it.

Where: the `cache_dir` argument, else $PLANNER_CACHE_DIR, else
$XDG_CACHE_HOME/running-planner/activities (~/.cache/running-planner/activities).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from planner.log.activity import Activity, Parsed
from planner.log.session import Skip

VERSION = 1  # bump when readers change what they store: every old entry then misses
ENVIRONMENT_VARIABLE = "PLANNER_CACHE_DIR"


def default_directory() -> Path:
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "running-planner" / "activities"


@dataclass(frozen=True)
class Outcome:
    """A parsed file, or why it could not be read (`problem`)."""

    parsed: Parsed | None = None
    problem: str | None = None


class ActivityCache:
    """Parsed activity files on disk, keyed by absolute path, size and modification time."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory is not None else default_directory()
        self.problem: str | None = None  # why the cache could not be written, once it could not

    def get(self, key: list) -> Outcome | None:
        """The cached outcome for `key` (see `file_key`), or None: a miss, or a corrupt entry."""
        try:
            record = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if record["key"] != key:
                return None
            if record["problem"] is not None:
                return Outcome(problem=str(record["problem"]))
            activities = [Activity.from_json(item) for item in record["activities"]]
            skipped = [Skip(str(what), str(why)) for what, why in record["skipped"]]
            return Outcome(parsed=Parsed(activities, skipped))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: list, outcome: Outcome) -> None:
        """Store `outcome` under `key`; a cache that cannot be written is remembered in `problem`."""
        parsed = outcome.parsed or Parsed()
        record = {
            "key": key, "problem": outcome.problem,
            "activities": [activity.to_json() for activity in parsed.activities],
            "skipped": [[skip.what, skip.why] for skip in parsed.skipped],
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomic(self._entry(key), json.dumps(record))
        except OSError as error:
            self.problem = self.problem or f"the activity cache {self.directory} cannot be written ({error.strerror or error})"

    def _entry(self, key: list) -> Path:
        digest = hashlib.sha256(key[2].encode("utf-8", "surrogateescape")).hexdigest()
        return self.directory / f"{digest[:40]}.json"


def file_key(path: Path, format_name: str) -> list:
    """What a cache entry must match to be used: the reader (and VERSION), the file's absolute
    path, its size and its modification time, as they are now."""
    status = path.stat()
    return [VERSION, format_name, str(path.resolve()), status.st_size, status.st_mtime_ns]


def _write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`. Not fsynced:
    a cache entry lost in a crash is only a miss."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

