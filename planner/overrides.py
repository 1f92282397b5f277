"""Change config fields by dotted path: ``apply_overrides(config, {"rules.acwr_max": 1.4})``.

Analysts explore "what if" questions by changing one field at a time. Overrides go through the
config's dict form and are validated again, so an overridden value obeys exactly the rules a
value written in the file does, and a bad one is a ConfigError naming the field.
"""

from __future__ import annotations

import copy
import difflib
import types
import typing
from pathlib import Path
from typing import Any, Mapping

from pydantic import BaseModel

from planner.config import AthleteConfig, parse_config, read_document
from planner.errors import ConfigError


def config_paths(model: type[BaseModel] = AthleteConfig, prefix: str = "") -> list[str]:
    """Every dotted field path of the config: sections ("rules") and fields ("rules.acwr_max")."""
    paths = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.append(path)
        for section in _sections(field.annotation):
            paths.extend(config_paths(section, prefix=f"{path}."))
    return paths


def _sections(annotation: Any) -> list[type[BaseModel]]:
    """The config sections an annotation holds: `Race | None` -> [Race]; lists are set whole."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [part for arg in typing.get_args(annotation) for part in _sections(arg)]
    return []


def check_path(path: str) -> None:
    """Raise a ConfigError naming `path` and its closest known paths when it is not a config field."""
    known = config_paths()
    if path in known:
        return
    raise ConfigError(path, f"is not a config field{_suggestion(path, known)}")


def _suggestion(path: str, known: list[str]) -> str:
    """'; did you mean ...?' from close full paths, then paths whose last part is close."""
    close = difflib.get_close_matches(path, known, n=3, cutoff=0.6)
    leaf = path.rsplit(".", 1)[-1]
    leaves = {p.rsplit(".", 1)[-1]: p for p in known}
    for name in difflib.get_close_matches(leaf, list(leaves), n=3, cutoff=0.7):
        if leaves[name] not in close:
            close.append(leaves[name])
    if close:
        return f"; did you mean {', '.join(close[:3])}?"
    sections = [p for p in known if "." not in p]
    return f"; paths look like rules.acwr_max or availability.tue (sections: {', '.join(sections)})"


def config_dict(config: AthleteConfig | Mapping | str | Path) -> dict:
    """A config as a plain, validatable dict (a copy): an AthleteConfig is dumped, a path read."""
    if isinstance(config, AthleteConfig):
        return config.model_dump(mode="json")
    if isinstance(config, Mapping):
        return copy.deepcopy(dict(config))
    return read_document(Path(config))


def apply_overrides(
    config: AthleteConfig | Mapping | str | Path, overrides: Mapping[str, Any] | None = None
) -> AthleteConfig:
    """`config` with each dotted path in `overrides` set to its value, validated again.

    A path names a field ("rules.acwr_max", "availability.tue", "strength.sessions_per_week") or
    a whole section ("rules": {...}); a list is set whole ("history.weekly_distance": [30, 32]).
    Unknown paths and bad values raise ConfigError naming the field (and, for a file, the file).
    """
    overrides = dict(overrides or {})
    for path in overrides:
        check_path(path)
    if isinstance(config, AthleteConfig) and not overrides:
        return config
    source = config.source if isinstance(config, AthleteConfig) else None if isinstance(config, Mapping) else Path(config)
    data = config_dict(config)
    for path, value in overrides.items():
        _set(data, path, copy.deepcopy(value))
    try:
        return parse_config(data, path=source)
    except ConfigError as error:
        for problem in error.problems:
            overridden = next((p for p in overrides if _within(problem.field, p)), None)
            if overridden is not None:
                problem.problem += f" (set by the override {overridden}={overrides[overridden]!r})"
        raise


def _set(data: dict, path: str, value: Any) -> None:
    """Set `path` in nested dicts, making missing sections (a missing race is made, then validated)."""
    *sections, field = path.split(".")
    node = data
    for name in sections:
        if not isinstance(node.get(name), dict):
            node[name] = {}
        node = node[name]
    node[field] = value


def _within(field: str, path: str) -> bool:
    return field == path or field.startswith(path + ".")
