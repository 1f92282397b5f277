"""Config mistakes as problems a person can fix in one go (planner.config uses these).

Every mistake of a config is reported at once, each naming its field and ending in what is
allowed or how to fix it. Where people trip, the message says what the file most likely
meant: a misspelt field or section gets "did you mean" from the known names; an unquoted
`5:45` pace (YAML 1.1 reads it as the number 345), `16k` or `half marathon` as a distance,
`28/02/2027` as a date, NaN or infinity, and `true` (YAML's yes/no/on/off) where a number
belongs each get the fix; a key given twice in a YAML mapping is named with both lines.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from planner.errors import Problem

# Fields that hold a distance (in the athlete's unit, or written with one: "14 km").
DISTANCE_FIELDS = frozenset({"weekly_distance", "longest_recent_run", "target_weekly_distance", "distance",
                             "start_floor", "long_run_step", "onset_distance"})
RACE_NAMES = {"marathon": (42.2, 26.2), "half marathon": (21.1, 13.1), "half": (21.1, 13.1)}  # in km, mi
UNIT_WORDS = {"k": "km", "ks": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
              "kilometres": "km", "mile": "mi", "miles": "mi", "mis": "mi", "m": None}
YAML_BOOLEANS = "YAML reads true, false, yes, no, on and off as true or false"
_NUMBER_AND_WORD = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*-?\s*([A-Za-z]+)\.?\s*$")
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})[./](\d{1,2})[./](\d{1,2})\s*$")
MAX_RENAMES = 5  # rounds of "validate again with misspelt keys renamed" (each round renames every one found)


# ---- all problems of a config ------------------------------------------------------------------

def validation_problems(model: type[BaseModel], data: dict, units: str | None = None
                        ) -> tuple[BaseModel | None, list[Problem]]:
    """Validate `data` with `model`: (the model or None, every problem found, top to bottom
    as the document has them).

    A key that is a close misspelling of a field its mapping lacks (`avalability:` for
    `availability:`) is reported once, as the typo with its fix, not also as "availability is
    required"; the data is then validated again as if it were spelt right, so that the mistakes
    inside it are reported too. With typos the model is returned all the same (the caller
    refuses the config for them but can still check what spans several fields)."""
    found: list[tuple[tuple, Problem]] = []  # (position in the document, problem)
    config, errors = None, []
    for _ in range(MAX_RENAMES):
        try:
            config, errors = model.model_validate(data), []
            break
        except ValidationError as error:
            errors = error.errors()
        renames = list(_misspelt_keys(errors, model, data))
        if not renames:
            break
        data = copy.deepcopy(data)
        for loc, right in renames:
            found.append((_position(data, loc), Problem(_dotted(loc), unknown_field(loc, model, right))))
            _rename(_node_at(data, loc[:-1]), loc[-1], right)
    for error in errors:
        found.append((_position(data, error["loc"]), Problem(_dotted(error["loc"]), describe_error(error, model, units))))
    return config, [problem for _, problem in sorted(found, key=lambda item: item[0])]


def _misspelt_keys(errors: list[dict], model: type[BaseModel], data: dict) -> Iterator[tuple[tuple, str]]:
    """(loc of an unknown key, the known field it misspells) where that field is not given."""
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = tuple(error["loc"])
        parent = _node_at(data, loc[:-1])
        right = closest(loc[-1], fields_at(model, loc[:-1]) or [])
        if right is not None and isinstance(parent, dict) and right not in parent:
            yield loc, right


def _node_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        data = data[part]
    return data


def _rename(mapping: dict, old: str, new: str) -> None:
    """Rename a key of `mapping` in place, keeping its place among the others."""
    items = list(mapping.items())
    mapping.clear()
    mapping.update((new if key == old else key, value) for key, value in items)


def _position(data: Any, loc: tuple | list) -> tuple[int, ...]:
    """Where `loc` is in the document: the place of each key in its mapping (or of each list
    item), so problems are listed in the file's order; a missing key comes after its section's."""
    position = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            position.append(list(data).index(part))
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            position.append(part)
        else:
            position.append(len(data) if isinstance(data, (dict, list)) else 0)
            break
        data = data[part]
    return tuple(position)


def _dotted(loc: tuple | list) -> str:
    return ".".join(str(part) for part in loc)


# ---- unknown fields ----------------------------------------------------------------------------

def fields_at(model: type[BaseModel] | None, loc: tuple | list) -> list[str] | None:
    """The field names of the section at `loc` (list items skipped), None where it is no section."""
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field is not None else None
    return list(model.model_fields) if model is not None else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The section model an annotation holds: Race | None -> Race, list[Checkin] -> Checkin."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def closest(name: object, known: list[str]) -> str | None:
    """The known name `name` most likely misspells (difflib), or None."""
    close = difflib.get_close_matches(str(name).lower(), known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_field(loc: tuple | list, model: type[BaseModel] | None, suggestion: str | None = None) -> str:
    """The problem of an unknown key at `loc`: "did you mean ..." from its section's names, or
    the names themselves when none is close."""
    what = "section" if len(loc) == 1 else "field"
    known = fields_at(model, loc[:-1]) if model is not None else None
    suggestion = suggestion or (closest(loc[-1], known) if known else None)
    if suggestion is not None:
        return f"is not a known {what}; did you mean {suggestion}?"
    names = f": the known ones are {', '.join(known)}" if known else ""
    return f"is not a known {what} (check the spelling; unknown fields are rejected){names}"


# ---- one pydantic error as a problem -----------------------------------------------------------

def describe_error(error: dict, model: type[BaseModel] | None = None, units: str | None = None) -> str:
    """A pydantic error as the end of a ConfigError's message ("must be ..."), with the fix
    where a common slip explains it. `model` (the validated model) names the fields an unknown
    key could have meant; `units` (the athlete's) words a distance hint."""
    kind, message, value = error["type"], error["msg"], error.get("input")
    loc = tuple(error.get("loc", ()))
    if kind == "extra_forbidden":
        return unknown_field(loc, model)
    if kind == "missing":
        return "is required"
    if kind == "finite_number":
        return f"must be a number, not NaN or infinity (got {value}); write the number itself"
    if kind == "literal_error":
        return message.replace("Input should be", "must be one of")
    if kind == "float_parsing" and isinstance(value, str) and _names_distance(loc):
        return distance_hint(value, units)
    if kind.startswith("date") and isinstance(value, str):
        return date_problem(value, message)
    if kind == "string_type" and isinstance(value, bool):
        return f"must be text, not {str(value).lower()} ({YAML_BOOLEANS}): put it in quotes"
    message = message.replace("Value error, ", "")
    return message[0].lower() + message[1:] if message else message


def _names_distance(loc: tuple) -> bool:
    names = [part for part in loc if isinstance(part, str)]
    return bool(names) and names[-1] in DISTANCE_FIELDS


# ---- hints where people trip -------------------------------------------------------------------

def distance_hint(text: str, units: str | None) -> str:
    """What to write for a distance that is no number and no "14 km": `16k` -> "16 km",
    `half marathon` -> 21.1 (km) or 13.1 (mi)."""
    unit = units or "km"
    allowed = f'must be a number (in {unit}) or a number with its unit, e.g. 14 or "14 km"'
    name = " ".join(text.lower().replace("-", " ").split())
    if name in RACE_NAMES:
        number = RACE_NAMES[name][0] if unit == "km" else RACE_NAMES[name][1]
        return f"{allowed}: write {number:g} (a {name} in {unit}), not {text!r}"
    match = _NUMBER_AND_WORD.match(text)
    written = UNIT_WORDS.get(match.group(2).lower(), False) if match else False
    if match and written:
        return f'{allowed}: write "{match.group(1).replace(",", ".")} {written}", not {text!r}'
    if match and written is None:
        return f"{allowed}; {text!r} is ambiguous (metres or miles?): write km or mi"
    return f"{allowed}, not {text!r}"


def date_problem(text: str, message: str) -> str:
    """A date that did not parse: the format, with pydantic's reason."""
    reason = message.split(", ", 1)[1] if ", " in message else message
    return f"must be a date written YYYY-MM-DD (e.g. 2026-11-30); {text!r} is not one ({reason})"


def date_readings(text: str) -> list[str]:
    """The dates 28/02/2027 (day/month/year), 02/28/2027 (month/day/year) or 2027/02/28 can
    mean, written YYYY-MM-DD; both readings of an ambiguous 03/04/2027."""
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        first, second, year = (int(part) for part in match.groups())
        orders = [((year, second, first), "day/month"), ((year, first, second), "month/day")]
    else:
        match = _YEAR_MONTH_DAY.match(text)
        if not match:
            return []
        year, month, day = (int(part) for part in match.groups())
        orders = [((year, month, day), "")]
    found: dict[str, str] = {}
    for (year, month, day), reading in orders:
        with contextlib.suppress(ValueError):
            found.setdefault(dt.date(year, month, day).isoformat(), reading)
    if len(found) == 1:
        return list(found)
    return [f"{date} ({reading})" for date, reading in found.items()]


def sexagesimal_hint(value: object, example: str = '"6:00"') -> str:
    """What to write for a pace or time that is no text: YAML 1.1 reads an unquoted 5:45 as
    5 x 60 + 45 = 345 (and 1:45:30 as 6330), so the number gives the text back."""
    if isinstance(value, bool):
        return f"must be text in quotes, e.g. {example}, not {str(value).lower()} ({YAML_BOOLEANS})"
    if isinstance(value, int) and value >= 60:
        hours, rest = divmod(value, 3600)
        minutes, seconds = divmod(rest, 60)
        text = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return (f"got the number {value}: YAML reads an unquoted {text} as {value} (a base-60 number); "
                f'put it in quotes: "{text}"')
    return f"must be text in quotes, e.g. {example}, not the number {value!r}"


def boolean_hint(value: bool) -> str:
    """Why `true` (or YAML's yes/on, or off/no as false) is no number, and what to write."""
    return f"must be a number, not {str(value).lower()} ({YAML_BOOLEANS}): write a number, e.g. 0 for none"


def check_not_boolean(value: Any, annotation: Any) -> None:
    """Raise ValueError for true/false given where `annotation` wants a number (pydantic would
    read true as 1), or in a list of numbers (naming the item)."""
    if isinstance(value, bool) and _wants_number(annotation):
        raise ValueError(boolean_hint(value))
    if isinstance(value, list) and typing.get_origin(annotation) is list and _wants_number(typing.get_args(annotation)[0]):
        for index, item in enumerate(value):
            if isinstance(item, bool):
                raise ValueError(f"item {index} {boolean_hint(item)}")


def _wants_number(annotation: Any) -> bool:
    """int, float, or either or None."""
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    return any(argument in (int, float) for argument in (typing.get_args(annotation) if union else (annotation,)))


# ---- keys given twice --------------------------------------------------------------------------

def yaml_duplicates(root: yaml.Node | None, max_depth: int) -> list[Problem]:
    """Every key given twice in one mapping of a composed YAML document, with its path and both
    lines (a plain YAML loader keeps the last silently, so a second `tue:` would win unnoticed).
    Walked without recursion, each node once (aliases can make a graph), to `max_depth`."""
    problems, seen_nodes = [], set()
    stack = [(root, "", 0)] if root is not None else []
    while stack:
        node, where, depth = stack.pop()
        if id(node) in seen_nodes or depth > max_depth:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{where}.{i}" if where else str(i), depth + 1) for i, item in enumerate(node.value))
        if not isinstance(node, yaml.MappingNode):
            continue
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            path = f"{where}.{key}" if where else str(key)
            line = key_node.start_mark.line + 1
            if key is not None and key != "<<" and key in first_lines:
                problems.append(Problem(path, f"duplicate key {key!r} (line {line}; first given on line "
                                              f"{first_lines[key]}): each field may be given once"))
            first_lines.setdefault(key, line)
            stack.append((value_node, path, depth + 1))
    return sorted(problems, key=lambda problem: _line_in(problem.problem))


def _line_in(problem: str) -> int:
    match = re.search(r"\(line (\d+)", problem)
    return int(match.group(1)) if match else 0
