"""Command line: `planner plan CONFIG [-o OUT]`, `planner validate CONFIG PLAN` and
`planner batch ROSTER -o OUT_DIR`.

Exit codes (docs/plan.md): 0 a plan (optimal, feasible or halted), 2 invalid input (nothing
written), 3 infeasible (the explanation is printed; with -o .json the file holds status
infeasible and no days). `-o` writes JSON, CSV, iCalendar or an HTML report (planner.exports),
by the file's extension or `--format`.
`planner batch` exits 0 when every athlete has a plan, 1 when any is
infeasible, invalid or crashed (see docs/batch.md), 2 when the roster itself is unusable.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from planner.errors import ConfigError, ExportError, PlannerError
from planner.safe_text import terminal

EXIT_OK, EXIT_INVALID, EXIT_INFEASIBLE = 0, 2, 3

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Injury-aware running plans: weekly mileage, long runs, hip/core strength and rest under hard safety rules.",
)
out = Console()
err = Console(stderr=True)
TIME_LIMIT_HELP = "Solver time limit in seconds, 0.5 to 3600."
TODAY_HELP = "Today's date, YYYY-MM-DD (default: the clock's): for planning as of another day."


def _today(value: str | None):
    """--today, or the clock's date."""
    import datetime as dt

    return dt.date.today() if value is None else _date_option(value, "--today")


def _date_option(value: str | None, name: str):
    """A date option's value (None when not given); a clear input error when it is no date."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail_input(f"{name} {terminal(value)}: must be a date, YYYY-MM-DD")


def _seconds(value: float) -> float:
    """--time-limit: a finite number of seconds from 0.5 to an hour (inf or NaN would never end)."""
    from planner.options import check_time_limit

    try:
        return check_time_limit(value, name="--time-limit", least=0.5)
    except ValueError as error:
        raise typer.BadParameter(str(error).removeprefix("--time-limit ")) from None


@app.command()
def plan(
    config: Path = typer.Argument(..., help="Athlete config (YAML, TOML or JSON)."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write the plan here: .json, .csv (one row per day), .ics (calendar) or .html (report)."
    ),
    output_format: Optional[str] = typer.Option(
        None, "--format", help="Output format, overriding OUT's extension: json, csv, ics or html."
    ),
    time_limit: float = typer.Option(10.0, "--time-limit", callback=_seconds, help=TIME_LIMIT_HELP),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="CP-SAT search workers (1 = deterministic)."),
    days: bool = typer.Option(True, "--days/--no-days", help="Print the day-by-day grid."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Plan every day of the coming weeks for an athlete config."""
    from planner.config import load_config
    from planner.planning import make_plan

    day = _today(today)
    try:
        fmt = _output_format(output, output_format)
        athlete = load_config(config)
    except PlannerError as error:
        _fail_input(error)
    result = _planned(lambda progress: make_plan(athlete, time_limit=time_limit, workers=workers, progress=progress,
                                                 today=day))
    _finish(result, output, fmt, days)


@app.command()
def replan(
    config: Path = typer.Argument(..., help="Athlete config with its training log (YAML, TOML or JSON)."),
    start: Optional[str] = typer.Option(None, "--from", help="Re-plan from this day, YYYY-MM-DD (default: today, or tomorrow when the log already holds training today)."),
    previous: Optional[Path] = typer.Option(None, "--previous", help="The plan JSON to keep to (default: the -o file when it exists)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the re-plan here: .json, .csv, .ics or .html."),
    output_format: Optional[str] = typer.Option(None, "--format", help="Output format, overriding OUT's extension: json, csv, ics or html."),
    time_limit: float = typer.Option(10.0, "--time-limit", callback=_seconds, help=TIME_LIMIT_HELP),
    days: bool = typer.Option(True, "--days/--no-days", help="Print the day-by-day grid."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Plan the days ahead from what the log says was run: missed sessions are not made up,
    pain reported since is taken in, and the plan changes as little as the rules allow."""
    from planner.config import load_config
    from planner.replanning import replan as make_replan

    day = _today(today)
    begin = _date_option(start, "--from")
    try:
        fmt = _output_format(output, output_format)
        athlete = load_config(config)
    except PlannerError as error:
        _fail_input(error)
    if previous is None and output is not None and output.suffix.lower() == ".json" and output.exists():
        previous = output
        err.print(f"Keeping to the previous plan in {terminal(output)} (the -o file; --previous names another)",
                  highlight=False)
    result = _planned(lambda progress: make_replan(athlete, start=begin, previous=previous, today=day,
                                                   time_limit=time_limit, progress=progress))
    _finish(result, output, fmt, days, replanned=True)


@app.command("explain")
def explain_command(
    config: Path = typer.Argument(..., help="Athlete config (YAML, TOML or JSON)."),
    time_limit: float = typer.Option(10.0, "--time-limit", callback=_seconds, help=TIME_LIMIT_HELP),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Say what limits the plan (rules holding the peak below the target) or which rules conflict."""
    from planner.config import load_config
    from planner.planning import make_plan

    day = _today(today)
    try:
        athlete = load_config(config)
    except ConfigError as error:
        _fail_input(error)
    result = _planned(lambda progress: make_plan(athlete, time_limit=time_limit, progress=progress, today=day))
    from planner import report

    report.print_explanation(out, result)
    raise typer.Exit(EXIT_INFEASIBLE if result.status == "infeasible" else EXIT_OK)


@app.command("rules")
def rules_command(
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP + " The rules do not depend on it."),
) -> None:
    """List every rule a plan obeys, what it says and what to change when it gets in the way."""
    _today(today)
    from rich.table import Table

    import constraints

    table = Table(title="Rules every plan obeys (override numbers under rules: in the config)", title_justify="left")
    table.add_column("rule", no_wrap=True)
    for header in ("what it says", "when it gets in the way"):
        table.add_column(header, overflow="fold")
    for rule in constraints.RULES.values():
        table.add_row(rule.name, rule.summary, rule.suggestion)
    out.print(table)


@app.command()
def checkin(
    config: Path = typer.Argument(..., help="Athlete config to add the check-in to (YAML, TOML or JSON)."),
    location: str = typer.Option(..., "--location", help="lower_back, hip, glute, hamstring, knee, calf, ankle, foot or other."),
    severity: int = typer.Option(..., "--severity", help="0 (none) to 10 (worst)."),
    character: str = typer.Option(..., "--character", help="dull, sharp, radiating or numbness."),
    during: str = typer.Option(..., "--during", help="long_run, easy_run, quality, after_run, rest or strength."),
    onset: Optional[float] = typer.Option(None, "--onset", help="Distance into the run when the pain began."),
    unresolved: bool = typer.Option(False, "--unresolved", help="The pain did not settle after a rest day."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the pain, YYYY-MM-DD (default: today)."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Record a pain check-in in the athlete config (any day up to today); the next plan or
    re-plan takes it from the planning day it falls in."""
    from planner.checkin import add_checkin

    day = _today(today)
    fields = {
        "date": date or day.isoformat(),
        "location": location,
        "severity": severity,
        "character": character,
        "during": during,
        "onset_distance": onset,
        "resolved_after_rest": not unresolved,
    }
    try:
        added = add_checkin(config, fields, today=day)
    except ConfigError as error:
        _fail_input(error)
    out.print(f"Added a {added.character} {added.location.replace('_', ' ')} check-in of {added.date} to {terminal(config)}.", highlight=False)


@app.command("log")
def log_command(
    target: list[str] = typer.Argument(..., metavar="[add] CONFIG", help="CONFIG to show its log; add CONFIG to log a session."),
    as_json: bool = typer.Option(False, "--json", help="Print the log as JSON (for scripts)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="add: easy, long, quality, race, run, strength or cross."),
    distance: Optional[str] = typer.Option(None, "--distance", help="add: distance of a run, in the athlete's unit or with one (8, \"8 km\")."),
    minutes: Optional[float] = typer.Option(None, "--minutes", help="add: minutes (moving time)."),
    rpe: Optional[float] = typer.Option(None, "--rpe", help="add: how hard, 1 to 10 (optional)."),
    note: Optional[str] = typer.Option(None, "--note", help="add: a note (optional)."),
    date: Optional[str] = typer.Option(None, "--date", help="add: the day, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: today)."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Show the training log week by week (planner log CONFIG), or log a session
    (planner log add CONFIG --kind easy --distance 8 --minutes 50)."""
    adding = target[0] == "add"
    paths = target[1:] if adding else target
    if len(paths) != 1:
        _fail_input("give one config: planner log CONFIG, or planner log add CONFIG --kind ... --minutes ...")
    config = Path(paths[0])
    day = _today(today)
    if adding:
        _log_add(config, {"date": date or day.isoformat(), "kind": kind, "distance": distance, "minutes": minutes,
                          "rpe": rpe, "note": note}, day)
    else:
        _log_show(config, as_json, day)


def _log_add(config: Path, fields: dict, today) -> None:
    from planner.log.add import add_entry

    if fields["kind"] is None or fields["minutes"] is None:
        _fail_input("planner log add needs --kind and --minutes (and --distance for a run)")
    try:
        entry, written, where, units = add_entry(config, fields, today)
    except PlannerError as error:
        _fail_input(error)
    distance = f", {entry.distance:g} {units}" if entry.distance else ""
    article = "an" if entry.kind[0] in "aeiou" else "a"
    out.print(f"Added {article} {entry.kind} session ({entry.minutes:g} minutes{distance}) on {entry.date} to "
              f"{terminal(written)} ({where}).", highlight=False, soft_wrap=True)


def _log_show(config: Path, as_json: bool, today) -> None:
    from planner.config import load_config
    from planner.log import read_log
    from planner.log.summary import log_report

    try:
        athlete = load_config(config)
        log = read_log(athlete.log, athlete.source, units=athlete.units, timezone=athlete.athlete.timezone)
    except PlannerError as error:
        _fail_input(error)
    report_data = log_report(athlete, log, today)
    if as_json:
        out.print_json(json.dumps(report_data))
        return
    from planner import report

    report.print_log(out, report_data)


@app.command()
def validate(
    config: Path = typer.Argument(..., help="Athlete config the plan was made for."),
    plan_file: Path = typer.Argument(..., help="Plan JSON to check."),
    previous: Optional[Path] = typer.Option(None, "--previous", help="For a re-plan: the plan it was made from (checks no make-up, adherence, changes and stability)."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP + " Checking a plan does not depend on it."),
) -> None:
    """Check a plan JSON against every rule (docs/rules.md), independently of the solver."""
    from planner.config import load_config
    from planner.validator import validate as check

    _today(today)
    try:
        athlete = load_config(config)
        data = _read_plan(plan_file, "the plan to check")
        before = _read_plan(previous, "the plan it was re-planned from") if previous is not None else None
    except ConfigError as error:
        _fail_input(error)
    violations = check(athlete, data, before)
    for violation in violations:
        out.print(f"[red]{terminal(violation.rule)}[/red] {terminal(violation.where)}: {terminal(violation.message)}", highlight=False)
    if violations:
        out.print(f"{len(violations)} violation(s)")
        raise typer.Exit(1)
    out.print("[green]The plan obeys every rule.[/green]")


@app.command()
def batch(
    roster: Path = typer.Argument(..., help="A directory of athlete configs, or a CSV roster (one row per athlete)."),
    out_dir: Path = typer.Option(..., "-o", "--output", help="Directory for the plans, summary.csv and summary.html."),
    template: Optional[Path] = typer.Option(None, "--template", help="Config supplying every field a roster row or file leaves out."),
    output_format: str = typer.Option("json", "--format", help="Plan file format: json, csv, ics or html."),
    engine: str = typer.Option("local", "--engine", help="local (a process pool) or dask (a Dask distributed cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a LocalCluster)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, max=1024, help="Worker processes (default: the core count)."),
    tasks_per_worker: int = typer.Option(50, "--tasks-per-worker", min=1, help="Athletes a local worker plans before it is replaced (bounds memory)."),
    time_limit: float = typer.Option(10.0, "--time-limit", callback=_seconds, help=f"{TIME_LIMIT_HELP} (per athlete)"),
    worker_wait: float = typer.Option(60.0, "--worker-wait", min=1, max=3600,
                                      help="Dask: seconds without any worker before the athletes not yet planned fail."),
    force: bool = typer.Option(False, "--force", help="Re-plan every athlete, even those whose plan is up to date."),
    replan: bool = typer.Option(False, "--replan", help="Re-plan each athlete from its training log and its previous "
                                "plan in OUT_DIR (the JSON the last batch wrote; none: planned as new)."),
    start: Optional[str] = typer.Option(None, "--from", help="With --replan: re-plan from this day, YYYY-MM-DD "
                                        "(default: today, or tomorrow when the log already holds training today)."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; print only failures."),
) -> None:
    """Plan a whole roster in parallel (or, with --replan, re-plan it from the athletes' logs:
    a nightly run); exit 1 if any athlete is infeasible, invalid or crashed."""
    from planner.batch.runner import Options, exit_code, finish, prepare

    options = Options(out_dir=out_dir, template=template, fmt=output_format, engine=engine, scheduler=scheduler,
                      time_limit=time_limit, tasks_per_worker=tasks_per_worker, force=force, worker_wait=worker_wait,
                      replan=replan, start=_replan_start(start, replan), today=_today(today))
    if workers is not None:
        options.workers = workers
    try:
        prepared = prepare(roster, options)
        _run_with_progress(prepared, options, quiet)
        rows = finish(prepared, options)
    except PlannerError as error:  # a bad roster, template, format, engine or scheduler
        _fail_input(error)
    except OSError as error:  # OUT_DIR cannot be made or written (under a file, no permission, disk full)
        _fail_input(f"{out_dir}: cannot write the batch's output: {error.strerror or error}")
    _print_batch_result(rows, prepared.skipped, options, quiet)
    raise typer.Exit(exit_code(rows))


def _replan_start(value: str | None, replan: bool):
    """--from: a date, and only with --replan (a plain batch plans from each plan.start)."""
    if value is None:
        return None
    if not replan:
        _fail_input("--from needs --replan (a batch without it plans every athlete from plan.start)")
    return _date_option(value, "--from")


def _run_with_progress(prepared, options, quiet: bool) -> None:
    from planner.batch.runner import execute
    from planner.runtime.progress import progress_bar

    if not prepared.todo:
        return
    label = "Re-planning" if options.replan else "Planning"
    with progress_bar(len(prepared.todo), label, enabled=not quiet, console=err) as advance:
        execute(prepared, options, lambda row: advance(f"{row.athlete}: {row.status}"))


def _print_batch_result(rows, skipped: int, options, quiet: bool) -> None:
    failed = [row for row in rows if row.failed]
    for row in failed:
        where = "" if row.status == "invalid" else f"{row.athlete} ({row.source}): "  # config errors name it
        err.print(f"[red]{row.status}[/red] {terminal(where + row.error)}", highlight=False, soft_wrap=True)
    if quiet:
        return
    halted = sum(row.status == "halted" for row in rows)
    out.print(
        f"{len(rows)} athletes: {len(rows) - len(failed)} planned ({skipped} already up to date, "
        f"{halted} halted by a pain red flag), {len(failed)} failed. "
        f"Summary: {terminal(options.out_dir / 'summary.csv')}, {terminal(options.out_dir / 'summary.html')}",
        highlight=False,
        soft_wrap=True,
    )


def _planned(planning):
    """Run `planning(progress)` under a spinner; bad input found while planning (the training
    log, a clearance after the planning day) exits 2 with its message."""
    try:
        with err.status("Planning...", spinner="dots") as status:
            return planning(status.update)
    except PlannerError as error:
        _fail_input(error)


def _finish(result, output: Path | None, fmt: str | None, days: bool, replanned: bool = False) -> None:
    """A plan's (or re-plan's) terminal tables, its file when asked for, and the exit code."""
    from planner import report

    report.print_plan(out, result, show_days=days)
    if replanned:
        report.print_replan(out, result)
    if output is not None:
        _write(output, fmt, result)
        err.print(f"Wrote {terminal(output)}", highlight=False)
    raise typer.Exit(EXIT_INFEASIBLE if result.status == "infeasible" else EXIT_OK)


def _read_plan(path: Path, what: str) -> dict:
    from planner.io import read_plan

    text = read_plan(path, what)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ConfigError("", f"is not a readable plan JSON ({what}): {error}", path=path) from None
    if not isinstance(data, dict):
        raise ConfigError("", "must hold a plan object", path=path)
    return data


def _output_format(output: Path | None, requested: str | None) -> str | None:
    """Checked before solving, so a wrong -o or --format costs nothing and writes nothing."""
    from planner.exports import FORMATS, format_for
    from planner.io import resolved

    if output is None:
        if requested is not None:
            raise ExportError(f"--format {requested} needs -o OUT to write to; formats: {', '.join(FORMATS)}")
        return None
    fmt = format_for(output, requested)
    blocking = next((parent for parent in resolved(output).parents if parent.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise ExportError(f"cannot write {output}: {blocking} is a file, not a directory")
    return fmt


def _write(path: Path, fmt: str | None, result) -> None:
    from planner.exports import save_plan

    try:
        save_plan(result, path, fmt=fmt)
    except OSError as error:
        err.print(f"[red]error:[/red] {terminal(f'cannot write {path}: {error.strerror or error}')}", highlight=False)
        raise typer.Exit(EXIT_INVALID) from None


def _fail_input(error: PlannerError | str):
    """Print the input's mistakes, each on its own line naming the file and field, and exit 2."""
    lines = error.lines() if isinstance(error, ConfigError) else [str(error)]
    for line in lines:
        err.print(f"[red]error:[/red] {terminal(line)}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_INVALID)


EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it
_terminated = False


def _terminate(signum, frame) -> None:
    """SIGTERM stops a command as Ctrl-C does, so that clean-up runs (a batch writes the summary
    of what it planned, its worker processes are shut down) instead of a silent death."""
    global _terminated
    _terminated = True
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(EXIT_TERMINATED if _terminated else 130)
    except SystemExit:
        if _terminated:  # typer turned the interrupt into its own exit
            err.print("terminated")
            sys.exit(EXIT_TERMINATED)
        raise
