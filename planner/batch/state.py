"""Resuming a batch: which athletes already have an up-to-date plan.

Each finished athlete leaves a small record in OUT_DIR/.batch/<slug>.json: a hash of
everything that decides its plan (the validated config, template merged, the time limit, the
format and the planner version; for a re-plan also the planning day and the log files as
they are), a hash of the plan JSON it wrote, and its summary row. A re-run skips an athlete
whose hash is unchanged and whose files are still there; a re-plan also needs its plan JSON
to be the one it wrote, since that file is the next re-plan's previous plan (a re-run of an
interrupted nightly batch must not re-plan an athlete against its own new plan). A hash,
unlike file times, notices a template or CSV row change, and ignores a config file merely
touched. Athletes whose answer could change on a re-run (a crash, or no plan found before
the time limit) are always tried again.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from planner.config import AthleteConfig
from planner.io import write_atomic
from planner.runtime.rows import Row

STATE_DIR = ".batch"


def fingerprint(config: AthleteConfig, time_limit: float, fmt: str, replan: dict | None = None) -> str:
    """A hash of what decides the plan. It hashes the validated config, so a default written
    out, "14 km" for 14, or a date from YAML rather than CSV do not count as changes. `replan`:
    what else decides a re-plan (its planning day, the log's files)."""
    settings = config.model_dump(mode="json")
    decided_by = {"config": settings, "time_limit": time_limit, "format": fmt, "planner": _version()}
    if replan is not None:
        decided_by["replan"] = replan
    text = json.dumps(decided_by, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def log_files(config: AthleteConfig) -> list[list]:
    """The athlete's log files as they are now: each file's path, size and modification time
    (a folder: every file under it), so that a re-plan is redone when the log changed."""
    found: list[list] = []
    for name in config.log.files if config.log is not None else []:
        path = Path(name)
        files = sorted(item for item in path.rglob("*") if item.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                status = file.stat()
                found.append([str(file), status.st_size, status.st_mtime_ns])
            except OSError:
                found.append([str(file), None, None])
    return found


def _version() -> str:
    try:
        return metadata.version("running-planner")
    except metadata.PackageNotFoundError:
        return "unknown"


def digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def up_to_date(out_dir: Path, slug: str, expected: str, plan_file: str | None = None) -> Row | None:
    """The stored row of `slug` if its plan is current, else None. `plan_file`: a file that
    must still hold what this batch wrote into it (a re-plan's JSON)."""
    try:
        stored = json.loads((out_dir / STATE_DIR / f"{slug}.json").read_text(encoding="utf-8"))
        row = Row(**stored["row"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stored.get("fingerprint") != expected or not row.final:
        return None
    if not all(name and (out_dir / name).is_file() for name in (row.output, row.report)):
        return None
    if plan_file is not None and stored.get("wrote") != digest(out_dir / plan_file):
        return None
    return row


def remember(out_dir: Path, slug: str, hash_: str, row: Row, wrote: str | None = None) -> None:
    """Record a finished athlete (after its files are written); `wrote`: the plan JSON's text."""
    record = {"fingerprint": hash_, "row": row.as_dict()}
    if wrote is not None:
        record["wrote"] = hashlib.sha256(wrote.encode()).hexdigest()
    write_atomic(out_dir / STATE_DIR / f"{slug}.json", json.dumps(record, indent=1) + "\n")
