"""A batch in three steps: prepare (read the roster, find what is up to date), execute (plan
the rest on an engine, writing each plan as it finishes), finish (write the summaries).

    from planner.batch.runner import Options, run_batch
    rows = run_batch(Path("roster.csv"), Options(out_dir=Path("plans"), template=Path("t.yaml")))
    rows = run_batch(Path("athletes"), Options(out_dir=Path("plans"), replan=True))   # nightly

With `replan`, every athlete is re-planned (planner.replanning.replan, in the worker) from its
training log and its previous plan: the `<slug>.json` the last batch wrote in OUT_DIR (an
athlete without one is planned as new), from `start` (default: today, or tomorrow when the
log already holds training today; a plan that has not begun yet from its first day).

Exit codes (`exit_code`): 0 when every athlete has a plan (optimal, feasible or halted), 1 when
any is infeasible, invalid or crashed. Halted athletes do not fail the batch: their plan is
the right answer, and the summary lists them first.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planner.batch import state
from planner.batch.output import PLAN_FORMAT, REPORT_FORMAT, check_format, file_name, rendered_formats, write_files
from planner.batch.roster import Job, read_roster
from planner.batch.summary import write_csv, write_html
from planner.errors import ConfigError
from planner.io import read_plan
from planner.runtime import DEFAULT_TASKS_PER_WORKER, WORKER_WAIT, make_pool
from planner.runtime.local import default_workers
from planner.runtime.rows import Row, failure_row

SUMMARY_CSV, SUMMARY_HTML = "summary.csv", "summary.html"
NOT_PLANNED = "not planned yet: the batch is running or was interrupted; run it again to plan the rest"


@dataclass
class Options:
    out_dir: Path
    template: Path | None = None
    fmt: str = "json"
    engine: str = "local"
    workers: int = field(default_factory=default_workers)
    scheduler: str | None = None
    time_limit: float = 10.0
    tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER
    force: bool = False
    worker_wait: float = WORKER_WAIT  # Dask: seconds without a worker before the rest fail
    replan: bool = False  # re-plan each athlete from its log and its previous plan in out_dir
    start: dt.date | None = None  # the re-plan's planning day (default: today, per athlete)
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class Batch:
    """The roster's jobs, the rows known so far (by slug) and the jobs still to plan."""

    jobs: list[Job]
    rows: dict[str, Row]
    todo: list[Job]
    fingerprints: dict[str, str]
    engine: object = None  # from runtime.make_pool, checked before anything is planned or written
    skipped: int = 0


def prepare(roster: Path, options: Options) -> Batch:
    """Read and validate the roster; invalid athletes get their row now, up-to-date ones
    their stored row (unless `force`). Raises ConfigError/BatchError for a bad roster."""
    options.fmt = check_format(options.fmt)
    _check_out_dir(roster, options.out_dir)
    engine = make_pool(options.engine, options.workers, options.scheduler, options.tasks_per_worker, options.worker_wait)
    jobs = read_roster(roster, options.template)
    batch = Batch(jobs=jobs, rows={}, todo=[], fingerprints={}, engine=engine)
    for job in jobs:
        _classify(batch, job, options)
    return batch


def _check_out_dir(roster: Path, out_dir: Path) -> None:
    """Refuse an OUT_DIR the batch could not write, before anything is planned: the roster
    itself, a file, or a place where nothing can be made (a read-only disk, /proc)."""
    if roster.is_dir() and out_dir.resolve() == roster.resolve():
        raise ConfigError("", "OUT_DIR must not be the roster directory (plans would be read as configs)", path=out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError("", "OUT_DIR exists and is not a directory", path=out_dir)
    existing = next(parent for parent in (out_dir.absolute(), *out_dir.absolute().parents) if parent.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK) or not _can_make_in(existing):
        raise ConfigError("", f"OUT_DIR cannot be created or written: {existing} is not a writable directory", path=out_dir)


def _can_make_in(directory: Path) -> bool:
    """Whether a folder can really be made in `directory` (os.access says yes to root in /proc);
    the probe is removed at once, so a refused batch leaves nothing behind."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".probe.", dir=directory))
    except OSError:
        return False
    return True


def _classify(batch: Batch, job: Job, options: Options) -> None:
    if job.error is not None:
        batch.rows[job.slug] = failure_row(job.name, job.source, "invalid", job.error)
        return
    hash_ = state.fingerprint(job.config, options.time_limit, options.fmt, _replan_inputs(job, options))
    batch.fingerprints[job.slug] = hash_
    plan_file = file_name(job.slug, PLAN_FORMAT) if options.replan else None
    stored = None if options.force else state.up_to_date(options.out_dir, job.slug, hash_, plan_file)
    if stored is not None:
        stored.source = job.source
        batch.rows[job.slug] = stored
        batch.skipped += 1
    else:
        batch.todo.append(job)


def _replan_inputs(job: Job, options: Options) -> dict | None:
    """What decides a re-plan beyond the config: the planning day and the log files as they are."""
    if not options.replan:
        return None
    day = options.start or options.today
    return {"from": day.isoformat(), "explicit": options.start is not None, "log": state.log_files(job.config)}


def execute(batch: Batch, options: Options, on_row: Callable[[Row], None] | None = None) -> None:
    """Plan every job in `batch.todo`, writing each plan and its state record as it finishes.

    A summary left by an earlier run is first rewritten with this run's athletes `pending`, so
    a batch killed now (SIGKILL, a power cut) leaves no summary that describes the previous
    run; an interrupted one (Ctrl-C, SIGTERM) writes the summary of what it did plan."""
    if not batch.todo:
        return
    if (options.out_dir / SUMMARY_CSV).exists() or (options.out_dir / SUMMARY_HTML).exists():
        write_summaries(batch, options)
    by_slug = {job.slug: job for job in batch.todo}
    tasks = (task_of(job, options) for job in batch.todo)  # made as workers free up (a previous plan read then)
    try:
        for task, outcome in batch.engine.run(tasks):
            job = by_slug[task["slug"]]
            row, plan_json = _record(job, outcome, options)
            state.remember(options.out_dir, job.slug, batch.fingerprints[job.slug], row, plan_json)
            batch.rows[job.slug] = row
            if on_row is not None:
                on_row(row)
    except KeyboardInterrupt:
        write_summaries(batch, options)
        raise


def task_of(job: Job, options: Options) -> dict:
    """The worker's task for `job` (runtime.worker.plan_task): its config, the files to render,
    and for a re-plan the planning day and the previous plan's JSON text."""
    task = {"slug": job.slug, "config": job.data, "time_limit": options.time_limit,
            "files": rendered_formats(options.fmt), "today": options.today.isoformat()}
    if options.replan:
        path = options.out_dir / file_name(job.slug, PLAN_FORMAT)
        task["replan"] = {"start": options.start.isoformat() if options.start else None,
                          "previous_name": str(path), **_previous(path)}
    return task


def _previous(path: Path) -> dict:
    """{"previous": the plan JSON's text} (None when there is none: planned as new), or
    {"previous_problem": why it cannot be read}, which fails that athlete alone."""
    try:
        return {"previous": read_plan(path, "the previous plan to re-plan from", missing_ok=True)}
    except ConfigError as error:
        return {"previous_problem": error.problem}


def _record(job: Job, outcome: dict, options: Options) -> tuple[Row, str | None]:
    """Write the files of a finished athlete (the worker made them and its summary row);
    return the row and the plan JSON written."""
    if "error" in outcome:
        status = "invalid" if outcome.get("invalid") else "error"
        return failure_row(job.name, job.source, status, outcome["error"]), None
    files = outcome["files"]
    try:
        write_files(options.out_dir, job.slug, files)
    except Exception as error:  # noqa: BLE001 - a full disk fails this athlete only
        return failure_row(job.name, job.source, "error", f"cannot write {job.slug}'s files: {error}"), None
    row = Row(**outcome["row"])
    row.source = job.source
    row.output, row.report = file_name(job.slug, options.fmt), file_name(job.slug, REPORT_FORMAT)
    return row, files[PLAN_FORMAT]


def finish(batch: Batch, options: Options) -> list[Row]:
    """Write summary.csv and summary.html over every athlete; return the rows in roster order."""
    return write_summaries(batch, options)


def write_summaries(batch: Batch, options: Options) -> list[Row]:
    """summary.csv and summary.html of every athlete in roster order, those not planned (yet)
    as `pending` rows; returns the rows."""
    rows = [batch.rows.get(job.slug) or failure_row(job.name, job.source, "pending", NOT_PLANNED) for job in batch.jobs]
    options.out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(rows, options.out_dir / SUMMARY_CSV)
    write_html(rows, options.out_dir / SUMMARY_HTML)
    return rows


def run_batch(roster: Path, options: Options, on_row: Callable[[Row], None] | None = None) -> list[Row]:
    """prepare, execute and finish in one call."""
    batch = prepare(roster, options)
    execute(batch, options, on_row)
    return finish(batch, options)


def exit_code(rows: list[Row]) -> int:
    return 1 if any(row.failed for row in rows) else 0
