"""Reading a roster into jobs: one plain (name, source, config dict) per athlete.

A roster is a directory of athlete configs (*.yaml, *.yml, *.toml, *.json) or a CSV file with
one row per athlete. An optional template config supplies every field a file or row leaves
out (the file's or row's own values win). Each job's dict is then validated with the normal
config loader, so a bad athlete gets the same message `planner plan` would give, naming the
roster file, the row and athlete, and the field.

Problems with the roster as a whole (missing, unreadable, an unknown CSV column) raise
ConfigError; problems with one athlete become that job's `error`, so the others still plan.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.config import WEEKDAYS, AthleteConfig, parse_config, read_document
from planner.errors import ConfigError
from planner.io import FileTooLarge, read_limited
from planner.naming import slug

CONFIG_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
RESERVED_SLUGS = ("summary",)  # OUT_DIR/summary.csv and summary.html belong to the batch

# CSV column -> (config field path, how the cell is read). Empty cells are left out.
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("athlete.name", "text"),
    "units": ("athlete.units", "text"),
    "easy_pace": ("athlete.easy_pace", "text"),
    "history": ("history.weekly_distance", "numbers"),
    "longest_recent_run": ("history.longest_recent_run", "number"),
    "target": ("goal.target_weekly_distance", "number"),
    "race_date": ("goal.race.date", "text"),
    "race_distance": ("goal.race.distance", "number"),
    "start": ("plan.start", "text"),
    "weeks": ("plan.weeks", "number"),
    **{day: (f"availability.{day}", "number") for day in WEEKDAYS},
    "long_run_days": ("availability.long_run_days", "words"),
    "blackout": ("availability.blackout", "words"),
    "strength_sessions": ("strength.sessions_per_week", "number"),
    "strength_minutes": ("strength.minutes", "number"),
    "quality_sessions": ("quality_sessions_per_week", "number"),
    "log": ("log.files", "words"),  # the athlete's log files or folders, relative to the roster's folder
}
LIST_SEPARATOR = ";"  # inside a cell: "20;22;24", "sat;sun" (commas separate CSV cells)
MAX_CELL_CHARS = 10_000  # a year of blackout dates is 4,000; a longer cell is a mistake
MAX_ROSTER_BYTES = 64 << 20  # 64 MiB: some 300,000 athletes
NAME_IN_MESSAGES = 120  # a longer name cell is not repeated in its own error message


@dataclass
class Job:
    """One athlete to plan: where it came from and its config mapping (template merged)."""

    name: str
    source: str  # shown in the summary: "athletes/dana.yaml" or "roster.csv line 3"
    data: dict | None
    error: str | None = None  # why it cannot be planned (unreadable or invalid config)
    slug: str = ""  # output file stem, unique in the roster
    config: AthleteConfig | None = None  # the validated config, when `data` is valid


def read_roster(roster: Path, template: Path | None = None) -> list[Job]:
    """All jobs of `roster`, in roster order, validated, each with a unique slug."""
    if not roster.exists():
        raise ConfigError("", "roster not found", path=roster)
    base = read_document(template) if template is not None else {}
    if roster.is_dir():
        jobs = [_file_job(path, base) for path in _config_files(roster)]
    elif roster.suffix.lower() == ".csv":
        jobs = _csv_jobs(roster, base, template)
    else:
        raise ConfigError("", "a roster must be a directory of athlete configs or a .csv file", path=roster)
    assign_slugs(jobs)
    return jobs


def _config_files(directory: Path) -> list[Path]:
    files = sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in CONFIG_SUFFIXES)
    if not files:
        allowed = ", ".join(f"*{s}" for s in CONFIG_SUFFIXES)
        raise ConfigError("", f"holds no athlete configs ({allowed})", path=directory)
    return files


def _file_job(path: Path, base: dict) -> Job:
    try:
        data = merged(base, read_document(path))
    except ConfigError as error:
        return Job(name=path.stem, source=str(path), data=None, error=error.one_line())
    name = _name_in(data)
    job = Job(name=name or path.stem, source=str(path), data=data)
    return validated(job, label=f"{path} ({name})" if name else str(path))


# ---- CSV rosters -----------------------------------------------------------------------------

def _csv_jobs(roster: Path, base: dict, template: Path | None) -> list[Job]:
    rows = _csv_rows(roster)
    return [_row_job(roster, line, row, base, template) for line, row in rows]


def _csv_rows(roster: Path) -> list[tuple[int, dict]]:
    """(line number, {column: cell}) for every non-empty row; ConfigError for a bad header, a
    roster past MAX_ROSTER_BYTES or a quote that swallows the lines after it."""
    try:
        text = read_limited(roster, MAX_ROSTER_BYTES).removeprefix("\ufeff")
        with _cells_up_to(MAX_ROSTER_BYTES):  # long cells are each row's own error (_row_job)
            reader = csv.reader(io.StringIO(text, newline=""))
            header = [cell.strip().lower() for cell in next(reader, [])]
            _check_header(roster, header)
            rows, last_line = [], reader.line_num
            for cells in reader:
                _check_quotes(roster, header, cells, last_line + 1, reader.line_num)
                last_line = reader.line_num
                if any(cell.strip() for cell in cells):
                    rows.append((reader.line_num, _row_cells(header, cells)))
    except FileTooLarge:
        raise ConfigError("", f"is larger than {MAX_ROSTER_BYTES:,} bytes; split the roster", path=roster) from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ConfigError("", f"cannot be read as CSV: {error}", path=roster) from None
    if not rows:
        raise ConfigError("", "has a header but no athlete rows", path=roster)
    return rows


@contextlib.contextmanager
def _cells_up_to(size: int):
    """csv's field size limit raised for one read (it is process-wide; put back after)."""
    previous = csv.field_size_limit(size)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _check_quotes(roster: Path, header: list[str], cells: list[str], first: int, last: int) -> None:
    """A row read over several lines holds a line break inside quotes: no column takes one, so
    it is an unbalanced quote that swallowed the lines after it. Say where it began."""
    if last == first:
        return
    column = next((header[i] if i < len(header) else f"number {i + 1}" for i, cell in enumerate(cells) if "\n" in cell), None)
    if column is None:
        return
    raise ConfigError("", f"line {first}: the quoted cell in column {column} begins here and runs to line {last}, "
                          "swallowing the rows between (an unbalanced quote?); a quote inside a cell is written \"\"",
                      path=roster)


def _check_header(roster: Path, header: list[str]) -> None:
    allowed = ", ".join(COLUMNS)
    if "name" not in header:
        raise ConfigError("", f"the first row must name the columns, including name; allowed columns: {allowed}", path=roster)
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise ConfigError("", f"unknown column {unknown[0]!r}; allowed columns: {allowed}", path=roster)
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        raise ConfigError("", f"column {duplicated[0]!r} appears twice", path=roster)


def _row_cells(header: list[str], cells: list[str]) -> dict:
    row = {column: cell.strip() for column, cell in zip(header, cells)}
    if len(cells) > len(header):
        row[None] = cells[len(header):]  # reported by _row_job
    return row


def _row_job(roster: Path, line: int, row: dict, base: dict, template: Path | None) -> Job:
    name = row.get("name") or f"line {line}"
    long_name = len(name) > NAME_IN_MESSAGES
    label = f"{roster} line {line}" if long_name else f"{roster} line {line} ({name})"
    job = Job(name=f"line {line}" if long_name else name, source=f"{roster.name} line {line}", data=None)
    if None in row:
        job.error = f"{label}: has more cells than the header has columns"
        return job
    long_cell = next((column for column, cell in row.items() if len(cell) > MAX_CELL_CHARS), None)
    if long_cell is not None:
        job.error = f"{label}: column {long_cell} is {len(row[long_cell]):,} characters long; a cell holds at most {MAX_CELL_CHARS:,}"
        return job
    given = {column: cell for column, cell in row.items() if cell != ""}
    job.data = merged(base, row_config(given))
    empty = [column for column, cell in row.items() if cell == "" and not _has(base, COLUMNS[column][0])]
    return validated(job, label=label, columns=given, template=template, empty=empty)


def row_config(cells: dict[str, str]) -> dict:
    """A nested config mapping from a row's non-empty cells."""
    data: dict = {}
    for column, cell in cells.items():
        field, kind = COLUMNS[column]
        _set(data, field, _cell_value(cell, kind))
    return data


def _cell_value(cell: str, kind: str) -> Any:
    """Numbers become numbers; anything else stays as written for the config to judge."""
    if kind == "text":
        return cell
    if kind == "number":
        return _number(cell)
    items = [item.strip() for item in cell.split(LIST_SEPARATOR)]
    return [_number(item) for item in items] if kind == "numbers" else items


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text  # e.g. "14 km" (the config converts it) or a typo (the config names it)


def _set(data: dict, field: str, value: Any) -> None:
    *parents, last = field.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


# ---- shared helpers --------------------------------------------------------------------------

def merged(base: dict, overrides: dict) -> dict:
    """`base` with `overrides` laid over it, section by section (lists are replaced whole)."""
    result = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def validated(job: Job, label: str, columns: dict | None = None, template: Path | None = None,
              empty: list[str] = ()) -> Job:
    """Validate the job's config with the normal loader; an error names where it came from."""
    try:
        config = parse_config(job.data, path=label)
    except ConfigError as error:
        for problem in error.problems:
            problem.field = _field_origin(problem.field, columns, template, empty)
        job.error = error.one_line()
        return job
    job.name, job.config = config.athlete.name, config
    job.data = _with_log_files_of(job.data, config)
    return job


def _with_log_files_of(data: dict, config: AthleteConfig) -> dict:
    """`data` with its log files as the validated config has them (absolute, from the folder
    of the file they were written in), so a worker in another folder or on another machine
    with the same paths finds them."""
    if config.log is None or not config.log.files:
        return data
    log = dict(data["log"], files=list(config.log.files))
    return {**data, "log": log}


def _field_origin(field: str, columns: dict | None, template: Path | None, empty: list[str] = ()) -> str:
    """`availability.tue` -> `availability.tue (column tue)`, `(column tue, empty on this row)`
    where the row left it out and the template does not give it either, or `(from template T)`."""
    if columns is None or not field:
        return field
    for column in columns:
        if _within(field, COLUMNS[column][0]):
            return f"{field} (column {column})"
    for column in empty:
        if _within(field, COLUMNS[column][0]):
            return f"{field} (column {column}, empty on this row)"
    return f"{field} (from template {template})" if template is not None else field


def _has(data: dict, path: str) -> bool:
    """Whether the nested mapping `data` sets the dotted `path`."""
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


def _within(field: str, path: str) -> bool:
    return field == path or field.startswith(path + ".")


def _name_in(data: dict) -> str | None:
    athlete = data.get("athlete")
    name = athlete.get("name") if isinstance(athlete, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def assign_slugs(jobs: list[Job]) -> None:
    """Unique slugs in roster order; a repeated name gets -2, -3, ..., and so does a name that
    would write over the batch's own files (summary.csv, summary.html)."""
    seen: set[str] = set(RESERVED_SLUGS)
    for job in jobs:
        stem = slug(job.name)
        unique, number = stem, 1
        while unique in seen:
            number += 1
            unique = f"{stem}-{number}"
        seen.add(unique)
        job.slug = unique
