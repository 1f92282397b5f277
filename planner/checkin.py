"""Append a pain check-in to an athlete config file, keeping its comments and layout.

YAML files are edited with ruamel.yaml's round-trip mode and TOML files with tomlkit, so
comments, key order and formatting survive; JSON is rewritten with two-space indents. The new
document is validated as a whole before it replaces the file, so a bad check-in never leaves a
broken or half-written config behind. The edit goes through `planner.io.edit_in_place`: the
file is locked and read again under the lock, so two check-ins at once both land, and a
symlinked config is written through to its target.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from planner.config import Checkin, edit_config, parse_config, parse_document
from planner.config_errors import validation_problems
from planner.errors import ConfigError, Problem


def add_checkin(path: Path, fields: dict[str, Any], today: dt.date | None = None) -> Checkin:
    """Validate a check-in (dated at most `today`) and append it to `path`'s pain.checkins;
    returns the check-in. The plan takes it from the planning day it falls in (docs/rules.md, Pain)."""
    checkin = _validated(fields, path)

    def append(text: str) -> str:
        parse_config(parse_document(text, path), path=path)  # valid before we touch it
        if today is not None and checkin.date > today:
            raise ConfigError("check-in date", f"{checkin.date} is after today ({today}); a check-in records pain "
                                               "that was felt (pass --today to plan as of another day)", path=path)
        new = _append(text, path, checkin)
        parse_config(parse_document(new, path), path=path)  # the whole new document must still be valid
        return new

    edit_config(path, append)
    return checkin


def _validated(fields: dict[str, Any], path: Path) -> Checkin:
    """The check-in, or a ConfigError naming every bad field of it."""
    checkin, problems = validation_problems(Checkin, {k: v for k, v in fields.items() if v is not None})
    if problems:
        raise ConfigError.of([Problem(f"check-in {p.field}", p.problem) for p in problems], path=path)
    return checkin


def _record(checkin: Checkin) -> dict[str, Any]:
    """The check-in as written in a config: defaults left out, the date as a date."""
    record = checkin.model_dump(exclude_none=True)
    if checkin.resolved_after_rest:
        del record["resolved_after_rest"]  # true is the default
    return record


def _append(text: str, path: Path, checkin: Checkin) -> str:
    """`text` (the config at `path`) with the check-in appended, in the file's own format."""
    return append_item(text, path, ("pain", "checkins"), _record(checkin))


def append_item(text: str, path: Path, where: tuple[str, str], record: dict[str, Any]) -> str:
    """`text` (a config at `path`) with `record` appended to the list `section.key`
    (`where`), made where missing, in the file's own format: YAML round-trips (comments and
    layout kept), TOML through tomlkit, JSON rewritten with two-space indents."""
    section, key = where
    suffix = path.suffix.lower()
    record = {name: value.isoformat() if hasattr(value, "isoformat") and suffix == ".json" else value
              for name, value in record.items()}
    if suffix == ".json":
        data = json.loads(text)
        data.setdefault(section, {}).setdefault(key, []).append(record)
        return json.dumps(data, indent=2) + "\n"
    if suffix == ".toml":
        import tomlkit

        document = tomlkit.parse(text)
        table = document.setdefault(section, tomlkit.table())
        items = table.setdefault(key, tomlkit.aot())
        items.append(tomlkit.item(record))
        return tomlkit.dumps(document)
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments and layout are kept
    yaml.preserve_quotes = True
    document = yaml.load(text)
    if document.get(section) is None:
        document[section] = {}
    if document[section].get(key) is None:
        document[section][key] = []
    document[section][key].append(record)
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()
