"""Resuming a batch: which athletes already have an up-to-date plan.

Each finished athlete leaves a small record in OUT_DIR/.batch/<slug>.json: a hash of
everything that decides its plan (the validated config, template merged, the time limit, the
format and the planner version) and its summary row. A re-run skips an
athlete whose hash is unchanged and whose plan file is still there. A hash, unlike file
times, notices a template or CSV row change, and ignores a config file merely touched.
Athletes whose answer could change on a re-run (a crash, or no plan found before the time
limit) are always tried again.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from planner.runtime.rows import Row
from planner.config import AthleteConfig
from planner.io import write_atomic

STATE_DIR = ".batch"


def fingerprint(config: AthleteConfig, time_limit: float, fmt: str) -> str:
    """A hash of what decides the plan. It hashes the validated config, so a default written
    out, "14 km" for 14, or a date from YAML rather than CSV do not count as changes."""
    settings = config.model_dump(mode="json")
    decided_by = {"config": settings, "time_limit": time_limit, "format": fmt, "planner": _version()}
    text = json.dumps(decided_by, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _version() -> str:
    try:
        return metadata.version("running-planner")
    except metadata.PackageNotFoundError:
        return "unknown"


def up_to_date(out_dir: Path, slug: str, expected: str) -> Row | None:
    """The stored row of `slug` if its plan is current, else None."""
    try:
        stored = json.loads((out_dir / STATE_DIR / f"{slug}.json").read_text(encoding="utf-8"))
        row = Row(**stored["row"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stored.get("fingerprint") != expected or not row.final:
        return None
    if not row.output or not (out_dir / row.output).is_file():
        return None
    return row


def remember(out_dir: Path, slug: str, hash_: str, row: Row) -> None:
    """Record a finished athlete (after its plan file is written)."""
    record = {"fingerprint": hash_, "row": row.as_dict()}
    write_atomic(out_dir / STATE_DIR / f"{slug}.json", json.dumps(record, indent=1) + "\n")
