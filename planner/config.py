"""The athlete config (docs/config.md): pydantic models, loading and input errors.

Every distance in a config is in the athlete's unit (`athlete.units`). A distance may also be
written with its unit, e.g. ``"14 km"`` or ``"8.7 mi"``; it is converted to the athlete's unit.
Paces are ``"m:ss"`` per unit, optionally ``"5:00/km"`` or ``"8:00/mi"``.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import math
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationInfo,
    field_validator, model_validator,
)

from planner.config_errors import (  # noqa: F401  (describe_error: for the check-in and log readers)
    check_not_boolean, date_readings, describe_error, sexagesimal_hint, validation_problems, yaml_duplicates,
)
from planner.errors import ConfigError, Problem
from planner.io import FileTooLarge, edit_in_place, read_limited
from planner.log.entries import LogSection
from planner.units import KM_PER_MILE, METRES_PER_UNIT

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Unit = Literal["km", "mi"]

_DISTANCE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km|mi)?\s*$")
_PACE_RE = re.compile(r"^\s*(\d{1,2}):([0-5]\d)\s*(?:/\s*(km|mi))?\s*$")


class Strict(BaseModel):
    """Base for every config section: unknown fields are errors, not silently ignored, and NaN
    or infinity is no number (`.inf` would overflow the model, NaN pass every bound)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_are_not_booleans(cls, value: Any, info: ValidationInfo) -> Any:
        """`true` (or YAML's yes/on) is no number: pydantic would read it as 1 minute, 1 km."""
        check_not_boolean(value, cls.model_fields[info.field_name].annotation)
        return value


EARLIEST_DATE, LATEST_DATE = dt.date(1970, 1, 1), dt.date(2100, 12, 31)  # plans, races, pain: this range


def _date_as_written(value: Any) -> Any:
    """A date must be written as one: pydantic would read 20261130 as seconds since 1970."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) or isinstance(value, str) and value.strip().isdigit():
        raise ValueError(f"must be a date written YYYY-MM-DD (e.g. 2026-11-30), got {value!r}")
    readings = date_readings(value) if isinstance(value, str) else []
    if readings:  # 28/02/2027 -> 2027-02-28
        raise ValueError(f"must be a date written YYYY-MM-DD: write {' or '.join(readings)}, not {value!r}")
    return value


def _date_in_range(value: dt.date) -> dt.date:
    """Dates near year 1 or 9999 overflow the plan's arithmetic; no plan is that far off."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"must be a date from {EARLIEST_DATE} to {LATEST_DATE}, got {value}")
    return value


ConfigDate = Annotated[dt.date, BeforeValidator(_date_as_written), AfterValidator(_date_in_range)]


def parse_pace(text: str, units: str) -> int:
    """Return a pace string ("6:00", "6:00/km", "9:40/mi") as whole seconds per `units`."""
    match = _PACE_RE.match(str(text))
    if not match:
        raise ValueError('must be minutes:seconds per unit, e.g. "6:00" or "9:40/mi"')
    seconds = int(match.group(1)) * 60 + int(match.group(2))
    given = match.group(3) or units
    if given != units:
        seconds = seconds * KM_PER_MILE if given == "km" else seconds / KM_PER_MILE
    seconds = round(seconds)
    if not 120 <= seconds <= 1200:
        raise ValueError("must be between 2:00 and 20:00 per unit")
    return seconds


_DURATION_RE = re.compile(r"^\s*(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)\s*$")


def parse_duration(text: str) -> int:
    """A race time ("48:30", "1:45:30") as whole seconds."""
    match = _DURATION_RE.match(str(text))
    if not match or match.group(1) is not None and int(match.group(2)) > 59:
        raise ValueError('must be minutes:seconds or hours:minutes:seconds, e.g. "48:30" or "1:45:30"')
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _quoted(example: str) -> BeforeValidator:
    """A pace or time must be text: an unquoted 5:45 in YAML is the number 345 (the hint says so)."""
    def text_not_number(value: Any) -> Any:
        if isinstance(value, (int, float)):
            raise ValueError(sexagesimal_hint(value, example))
        return value
    return BeforeValidator(text_not_number)


def parse_distance(text: str, units: str) -> float:
    """A distance as written in a config ("14", "14 km", "8.7 mi") as a number in `units`, unrounded."""
    match = _DISTANCE_RE.match(text)
    if not match:
        raise ValueError('must be a number, optionally with its unit, e.g. 14 or "14 km"')
    number, given = float(match.group(1)), match.group(2) or units
    if given != units:
        number = number * KM_PER_MILE if given == "mi" else number / KM_PER_MILE
    return number


def _to_units(value: Any, units: str, exact: bool = False) -> Any:
    """Convert "14 km" / "8 mi" strings to a number in `units` (to 0.1 unless `exact`); leave numbers alone."""
    if not isinstance(value, str):
        return value
    number = parse_distance(value, units)
    return number if exact else round(number, 1)


class RecentRace(Strict):
    """A recent race or time trial run all out: quality sessions take their paces from it."""

    distance: float = Field(gt=0, description="in the athlete's unit, or with one (\"10 km\")")
    time: Annotated[str, _quoted('"48:30"')] = Field(description='minutes:seconds or hours:minutes:seconds, e.g. "48:30"')

    @field_validator("time")
    @classmethod
    def _time_parses(cls, time: str) -> str:
        parse_duration(time)
        return time


RECENT_RACE_METRES = (1500, 50_000)  # the race-equivalence formulas hold from the mile to about 50 km


class Athlete(Strict):
    name: str = Field(min_length=1, max_length=120)
    units: Unit = "km"
    easy_pace: Annotated[str, _quoted('"6:00"')] = Field(description='minutes:seconds per unit at easy effort, e.g. "6:00"')
    timezone: str | None = Field(default=None, description="IANA name; local dates of activities logged in UTC")
    recent_race: RecentRace | None = Field(default=None, description="a recent all-out race: the source of workout paces")

    @field_validator("recent_race")
    @classmethod
    def _race_plausible(cls, race: RecentRace | None, info: ValidationInfo) -> RecentRace | None:
        """From 1.5 km to 50 km, run at 2:00 to 20:00 per unit (a typo such as "4:30" for a 10 km fails)."""
        if race is None:
            return race
        units = info.data.get("units", "km")
        metres = race.distance * METRES_PER_UNIT[units]
        if not RECENT_RACE_METRES[0] <= metres <= RECENT_RACE_METRES[1]:
            raise ValueError("distance must be from 1.5 to 50 km (0.9 to 31 mi): paces are derived from races of that length")
        if not 120 <= parse_duration(race.time) / race.distance <= 1200:
            raise ValueError(f"time {race.time} for {race.distance:g} {units} is not a pace from 2:00 to 20:00 per {units}; "
                             'check the time (minutes:seconds, or hours:minutes:seconds as "1:45:30")')
        return race

    @field_validator("easy_pace")
    @classmethod
    def _pace_parses(cls, pace: str, info: ValidationInfo) -> str:
        parse_pace(pace, info.data.get("units", "km"))
        return pace

    @field_validator("timezone")
    @classmethod
    def _timezone_known(cls, name: str | None) -> str | None:
        if name is not None:
            _check_timezone(name)
        return name


def _check_timezone(name: str) -> None:
    """Raise ValueError unless `name` is an IANA time zone (e.g. "Europe/Berlin"), naming close ones."""
    import difflib
    from zoneinfo import ZoneInfo, available_timezones

    try:
        ZoneInfo(name)
        return
    except (KeyError, ValueError, OSError):  # unknown (ZoneInfoNotFoundError is a KeyError) or malformed
        zones = sorted(available_timezones())
        same_but_case = [zone for zone in zones if zone.lower() == name.lower()]
        close = same_but_case or difflib.get_close_matches(name, zones, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ValueError(f"{name!r} is not an IANA time zone name such as Europe/Berlin, America/New_York or UTC{hint}")


MOST_WEEKLY_DISTANCE = 1000  # far beyond any runner's week, in km or mi; keeps the model's numbers small
MOST_RECENT_RUN = 400  # beyond a 24-hour race


class History(Strict):
    weekly_distance: list[float] = Field(min_length=1, max_length=12)
    longest_recent_run: float = Field(ge=0, le=MOST_RECENT_RUN)

    @field_validator("weekly_distance")
    @classmethod
    def _in_range(cls, values: list[float]) -> list[float]:
        for index, value in enumerate(values):
            if not (math.isfinite(value) and 0 <= value <= MOST_WEEKLY_DISTANCE):
                raise ValueError(f"item {index} is {value:g}: every weekly distance must be a number from 0 to {MOST_WEEKLY_DISTANCE}")
        return values


class Race(Strict):
    date: ConfigDate
    distance: float = Field(gt=0, le=250)


class Goal(Strict):
    target_weekly_distance: float = Field(gt=0, le=400)
    race: Race | None = None


class PlanWindow(Strict):
    start: ConfigDate
    weeks: int | None = Field(default=None, ge=1, le=52)


class Availability(Strict):
    mon: int = Field(default=0, ge=0, le=1440)
    tue: int = Field(default=0, ge=0, le=1440)
    wed: int = Field(default=0, ge=0, le=1440)
    thu: int = Field(default=0, ge=0, le=1440)
    fri: int = Field(default=0, ge=0, le=1440)
    sat: int = Field(default=0, ge=0, le=1440)
    sun: int = Field(default=0, ge=0, le=1440)
    long_run_days: list[Weekday] | None = None
    blackout: list[ConfigDate] = Field(default_factory=list)

    def minutes(self, weekday: str) -> int:
        return getattr(self, weekday)

    def long_days(self) -> list[str]:
        """The configured long-run days, or by default the day(s) with the most minutes."""
        if self.long_run_days:
            return [day for day in WEEKDAYS if day in self.long_run_days]
        most = max(self.minutes(day) for day in WEEKDAYS)
        return [day for day in WEEKDAYS if most > 0 and self.minutes(day) == most]


class Strength(Strict):
    sessions_per_week: int = Field(default=2, ge=0, le=4)
    minutes: int = Field(default=20, ge=10, le=60)


class Rules(Strict):
    """Overrides of docs/rules.md's numeric defaults; distances in the athlete's unit."""

    min_run_minutes: int = Field(default=20, ge=5, le=120)
    max_weekly_increase: float = Field(default=0.10, ge=0, le=1)
    start_floor: float | None = Field(default=None, ge=0, le=200)
    cutback_every: int = Field(default=4, ge=0, le=52)
    cutback_reduction: float = Field(default=0.20, ge=0, le=0.9)
    long_run_max_share: float = Field(default=0.40, gt=0, le=1)
    long_run_step: float | None = Field(default=None, ge=0, le=50)
    run_spike: float = Field(default=0.10, ge=0, le=2)
    long_run_max_minutes: int = Field(default=180, ge=20, le=600)
    min_rest_days: int = Field(default=1, ge=0, le=7)
    max_consecutive_run_days: int = Field(default=5, ge=1, le=7)
    acwr_max: float = Field(default=1.3, ge=0.8, le=3)


Location = Literal["lower_back", "hip", "glute", "hamstring", "knee", "calf", "ankle", "foot", "other"]
Character = Literal["dull", "sharp", "radiating", "numbness"]
During = Literal["long_run", "easy_run", "quality", "after_run", "rest", "strength"]


class Checkin(Strict):
    date: ConfigDate
    location: Location
    severity: int = Field(ge=0, le=10)
    character: Character
    during: During
    onset_distance: float | None = Field(default=None, gt=0)
    resolved_after_rest: bool = True


class Pain(Strict):
    cleared_on: ConfigDate | None = None
    checkins: list[Checkin] = Field(default_factory=list)


class AthleteConfig(Strict):
    """A whole athlete config. `source` is the file it was read from (None for a dict)."""

    athlete: Athlete
    history: History | None = None  # optional with a log: the history then comes from it
    goal: Goal
    plan: PlanWindow
    availability: Availability
    strength: Strength = Field(default_factory=Strength)
    quality_sessions_per_week: int = Field(default=0, ge=0, le=2)
    rules: Rules = Field(default_factory=Rules)
    pain: Pain = Field(default_factory=Pain)
    log: LogSection | None = None  # what the athlete did (docs/log.md; planner.log reads it)

    @model_validator(mode="before")
    @classmethod
    def _convert_units(cls, data: Any) -> Any:
        """Turn distances written with a unit ("14 km") into numbers in the athlete's unit."""
        if not isinstance(data, dict):
            return data
        data = copy.deepcopy(data)
        units = _units_of(data)
        if units is None:
            return data
        for section, fields in _DISTANCE_FIELDS.items():
            _convert_section(data, section, fields, units)
        checkins = data.get("pain", {}).get("checkins") if isinstance(data.get("pain"), dict) else None
        for checkin in checkins if isinstance(checkins, list) else []:
            if isinstance(checkin, dict):
                _convert_fields(checkin, ("onset_distance",), units)
        entries = data.get("log", {}).get("entries") if isinstance(data.get("log"), dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):  # logged distances are measurements: kept exact, not rounded to 0.1
                _convert_fields(entry, ("distance",), units, exact=True)
        return data

    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        return self._source

    def __eq__(self, other: object) -> bool:
        """Configs with the same fields are equal, whichever file each was read from."""
        return isinstance(other, AthleteConfig) and self.__dict__ == other.__dict__

    __hash__ = BaseModel.__hash__

    # ---- derived values every other module uses -------------------------------------
    @property
    def units(self) -> str:
        return self.athlete.units

    @property
    def pace_seconds(self) -> int:
        """Easy pace in whole seconds per unit."""
        return parse_pace(self.athlete.easy_pace, self.athlete.units)

    @property
    def weeks(self) -> int:
        if self.plan.weeks is not None:
            return self.plan.weeks
        assert self.goal.race is not None  # enforced by consistency_problems
        return (self.goal.race.date - self.plan.start).days // 7 + 1

    @property
    def end(self) -> dt.date:
        """The plan's last day."""
        return self.plan.start + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def start_floor(self) -> float:
        if self.rules.start_floor is not None:
            return self.rules.start_floor
        return 10.0 if self.units == "km" else 6.0

    @property
    def long_run_step(self) -> float:
        if self.rules.long_run_step is not None:
            return self.rules.long_run_step
        return 2.0 if self.units == "km" else 1.25


def _units_of(data: dict) -> str | None:
    """The athlete's unit as a config mapping gives it (default km); None if it is no unit."""
    athlete = data.get("athlete")
    units = athlete.get("units", "km") if isinstance(athlete, dict) else "km"
    return units if units in ("km", "mi") else None


_DISTANCE_FIELDS = {
    "athlete.recent_race": ("distance",),
    "history": ("longest_recent_run", "weekly_distance"),
    "goal": ("target_weekly_distance",),
    "goal.race": ("distance",),
    "rules": ("start_floor", "long_run_step"),
}


def _convert_section(data: dict, section: str, fields: tuple[str, ...], units: str) -> None:
    node: Any = data
    for part in section.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        _convert_fields(node, fields, units)


def _convert_fields(node: dict, fields: tuple[str, ...], units: str, exact: bool = False) -> None:
    for field in fields:
        value = node.get(field)
        try:
            if isinstance(value, list):
                node[field] = [_to_units(v, units, exact) for v in value]
            elif value is not None:
                node[field] = _to_units(value, units, exact)
        except ValueError:
            pass  # left as written: the field's own validation names it


def consistency_problems(config: AthleteConfig) -> list[Problem]:
    """What breaks the rules that span several fields, each naming the field to fix."""
    problems = []
    if config.plan.weeks is None and config.goal.race is None:
        problems.append(Problem("plan.weeks", "is required when goal.race is not given (1 to 52)"))
    if config.goal.race is not None:
        problems.extend(_race_date_problems(config))
    if config.history is None and config.log is None:
        problems.append(Problem("history", "is required, unless a log: section gives what was run (docs/log.md)"))
    if config.availability.long_run_days == []:
        problems.append(Problem("availability.long_run_days", "must name at least one weekday (mon..sun) or be omitted"))
    return problems


def _race_date_problems(config: AthleteConfig) -> list[Problem]:
    """The race must fall in the plan's last week (at most one problem)."""
    start, race = config.plan.start, config.goal.race
    if race.date < start:
        return [Problem("goal.race.date", f"{race.date} is before plan.start {start}; the race must fall in the plan's last week")]
    weeks = config.weeks
    if weeks > 52:
        return [Problem("goal.race.date", f"{race.date} is {weeks} weeks after plan.start; plans are 1 to 52 weeks")]
    last_week_start = start + dt.timedelta(days=7 * (weeks - 1))
    if not last_week_start <= race.date <= config.end:
        return [Problem(
            "goal.race.date",
            f"{race.date} is not in the plan's last week ({last_week_start} to {config.end}); "
            "move the race, change plan.weeks or omit plan.weeks to end the plan with race week",
        )]
    return []


# ---- loading ---------------------------------------------------------------------------

MAX_CONFIG_BYTES = 1 << 20  # 1 MiB: a real config is a few kB; this bounds time and memory


def read_document(path: Path) -> dict:
    """Parse a YAML, TOML or JSON file into a dict; ConfigError with the line on parse errors."""
    return parse_document(_config_text(path), path)


def _read_document(path: Path) -> tuple[dict, list[Problem]]:
    """The file's mapping (a key given twice: its last value) and the keys given twice."""
    return _parse_document(_config_text(path), path)


def _config_text(path: Path) -> str:
    with _reading(path):
        return read_limited(path, MAX_CONFIG_BYTES)


def edit_config(path: Path, transform: Callable[[str], str]) -> str:
    """Rewrite the config at `path` with `transform(text)` safely (planner.io.edit_in_place:
    locked, read again under the lock, written atomically through a symlink)."""
    with _reading(path):
        return edit_in_place(path, transform, limit=MAX_CONFIG_BYTES)


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn the ways reading a config file fails into ConfigErrors naming the file."""
    try:
        yield
    except FileNotFoundError:
        raise ConfigError("", "file not found", path=path) from None
    except FileTooLarge:
        raise ConfigError("", f"is larger than {MAX_CONFIG_BYTES // 1024} KiB; a config is a few kB "
                              "(is this the right file?)", path=path) from None
    except UnicodeDecodeError as error:
        raise ConfigError("", f"is not UTF-8 text (byte {error.start})", path=path) from None
    except (OSError, TimeoutError) as error:
        raise ConfigError("", f"cannot be read: {error}", path=path) from None


MAX_DEPTH = 10  # sections nest at most 4 deep (pain.checkins.0.date); deeper is not a config


def parse_document(text: str, path: Path) -> dict:
    """Parse a document's text by `path`'s extension (.json, .toml, else YAML). Duplicate keys,
    deep nesting and numbers past Python's 4300-digit limit are ConfigErrors with the line."""
    data, duplicates = _parse_document(text, path)
    if duplicates:
        raise ConfigError.of(duplicates, path=path)
    return data


def _parse_document(text: str, path: Path) -> tuple[dict, list[Problem]]:
    """parse_document, but YAML keys given twice are returned as problems (every one, with
    both lines), the last value kept, so that they are reported with the config's other mistakes."""
    try:
        data, duplicates = _parse(text, path.suffix.lower())
    except json.JSONDecodeError as error:
        raise ConfigError("", f"is not valid JSON (line {error.lineno}): {error.msg}", path=path) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("", f"is not valid TOML: {error}", path=path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError("", f"is not valid YAML{where}: {problem}", path=path) from None
    except _DuplicateKey as error:
        raise ConfigError("", f"duplicate key {error.key!r} (line {_line_of_second(text, error.key)}); "
                              "each field may be given once", path=path) from None
    except RecursionError:
        raise ConfigError("", f"is nested too deeply; a config is at most {MAX_DEPTH} levels deep", path=path) from None
    except ValueError as error:  # ints past sys.get_int_max_str_digits()
        if "digits" not in str(error):
            raise
        raise ConfigError("", f"has a number longer than 4300 digits (line {_line_of_long_number(text)}); "
                              "no field takes one", path=path) from None
    if not isinstance(data, dict):
        raise ConfigError("", "must hold a mapping of sections (athlete, history, goal, plan, availability, ...)", path=path)
    _check_depth(data, path)
    return data, duplicates


def _parse(text: str, suffix: str) -> tuple[Any, list[Problem]]:
    if suffix == ".json":
        return json.loads(text, object_pairs_hook=_unique_pairs), []
    if suffix == ".toml":
        return tomllib.loads(text), []  # TOML itself forbids duplicate keys
    return _parse_yaml(text)


class _Loader(yaml.SafeLoader):
    """SafeLoader, but an impossible date (2026-02-30, 2026-13-01) stays its text, so that the
    field's own check names it instead of the YAML reader failing with no field to name."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _parse_yaml(text: str) -> tuple[Any, list[Problem]]:
    """yaml.safe_load, and every key given twice in one mapping (safe_load keeps the last
    silently, so a typo'd second `tue:` would win unnoticed)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        duplicates = yaml_duplicates(node, MAX_DEPTH)
        return (loader.construct_document(node) if node is not None else None), duplicates
    finally:
        loader.dispose()


class _DuplicateKey(Exception):
    def __init__(self, key: Any):
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict:
    data: dict = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKey(key)
        data[key] = value
    return data


def _line_of_second(text: str, key: str) -> int:
    """The line where `key` appears as a JSON key for the second time (1 when it cannot be told)."""
    found = [match.start() for match in re.finditer(rf'"{re.escape(key)}"\s*:', text)]
    return text.count("\n", 0, found[1]) + 1 if len(found) > 1 else 1


def _line_of_long_number(text: str) -> int:
    match = re.search(r"\d{4301}", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _check_depth(data: Any, path: Path) -> None:
    """ConfigError naming where `data` nests deeper than MAX_DEPTH (checked without recursion)."""
    stack = [(data, "", 0)]
    while stack:
        node, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ConfigError(where.split(".")[0], f"is nested too deeply (at {where}); a config is at most "
                                                   f"{MAX_DEPTH} levels deep", path=path)
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        stack.extend((child, f"{where}.{key}" if where else str(key), depth + 1) for key, child in items)


def parse_config(data: dict, path: Path | str | None = None, earlier: list[Problem] = ()) -> AthleteConfig:
    """Validate a config mapping; a ConfigError names every bad field and what is allowed,
    after the problems found `earlier` in reading the file (keys given twice)."""
    units = _units_of(data) if isinstance(data, dict) else None
    config, problems = validation_problems(AthleteConfig, data, units)
    problems = [*earlier, *problems]
    if config is not None:
        problems.extend(consistency_problems(config))
    if problems:
        raise ConfigError.of(problems, path=path)
    if path is not None:
        config = _log_files_from(config, Path(path).parent)
        config._source = Path(path)
    return config


def _log_files_from(config: AthleteConfig, folder: Path) -> AthleteConfig:
    """The config with its log files' paths made absolute from the config file's folder, so a
    config passed on as data (a batch worker, a re-plan) still finds them."""
    if config.log is None or not config.log.files:
        return config
    files = [str((folder / Path(name).expanduser()).absolute()) for name in config.log.files]
    return config.model_copy(update={"log": config.log.model_copy(update={"files": files})})


def load_config(source: str | Path | dict) -> AthleteConfig:
    """Load and validate a config from a file path (YAML/TOML/JSON) or an already-parsed dict."""
    if isinstance(source, AthleteConfig):
        return source
    if isinstance(source, dict):
        return parse_config(source)
    path = Path(source)
    data, duplicates = _read_document(path)
    return parse_config(data, path=path, earlier=duplicates)
