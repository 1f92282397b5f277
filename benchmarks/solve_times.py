"""Solve times of the example configs at several plan lengths, and of the CLI end to end.

    python benchmarks/solve_times.py                      # --weeks 1 4 16 52, 10 s limit, 1 worker (the default)
    python benchmarks/solve_times.py --weeks 8 16 --time-limit 5 --workers 4

For every config in examples/*.yaml the script plans it as written, then once for each week
count in --weeks that differs from the config's own length (plan.weeks set to that count and
goal.race dropped, since a race must fall in the plan's last week). Each row shows the status,
the solver's own seconds (`plan.solve_seconds`) and the wall time of `planner.plan`, the peak
weekly distance (the race's distance left out, as in the `target` rule), the target, and whether
`planner.validate` found no rule violations.

Then it times the command line for a 16-week plan, `python -m planner plan CONFIG -o
OUT.json`, wall clock from start to exit, against the bare import of ortools, pydantic and yaml
(the median of CLI_REPEATS runs of each, taken in turn, after one run of each to compile the
bytecode they load, as an installed package has it).

Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import planner  # noqa: E402
from planner.config import read_document  # noqa: E402

CLI_WEEKS = 16
CLI_REPEATS = 9
BARE_IMPORTS = "import ortools.sat.python.cp_model, pydantic, yaml"
NOTES: list[str] = []  # warnings and conflicts of the plans, printed under the table

def validate_plan(config, result) -> list:
    """Rule violations of `result` for `config` ([] = valid)."""
    return planner.validate(config, result)


@dataclass
class Case:
    """One config to plan: where it came from, its length and whether its race is kept."""

    name: str
    label: str  # "as written" or "weeks=N, no race"
    data: dict
    weeks: int
    race: bool


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, nargs="+", default=[1, 4, 16, 52], metavar="N",
                        help="plan lengths to try for every config, 1 to 52 (default: 1 4 16 52)")
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS",
                        help="solver time limit per plan (default: 10)")
    parser.add_argument("--workers", type=int, default=1, help="CP-SAT search workers (default: 1, deterministic)")
    parser.add_argument("--configs", nargs="+", type=Path, metavar="FILE",
                        help="configs to plan (default: examples/*.yaml)")
    cli = parser.add_mutually_exclusive_group()
    cli.add_argument("--skip-cli", action="store_true", help="do not time the command line")
    cli.add_argument("--cli-only", action="store_true", help="only time the command line")
    args = parser.parse_args(argv)
    bad = [n for n in args.weeks if not 1 <= n <= 52]
    if bad:
        parser.error(f"--weeks must be 1 to 52, got {bad}")
    if args.time_limit <= 0:
        parser.error("--time-limit must be > 0")
    if args.workers < 1:
        parser.error("--workers must be >= 1")
    return args


def config_files(given: list[Path] | None) -> list[Path]:
    if given:
        return given
    return [Path(p) for p in sorted(glob.glob(str(ROOT / "examples" / "*.yaml")))]


def cases_for(path: Path, week_counts: list[int]) -> list[Case]:
    """The config as written, then one case per other week count (race dropped)."""
    data = _logs_from(read_document(path), path.parent)
    own = planner.load_config(data).weeks  # raises ConfigError for a bad example
    has_race = bool((data.get("goal") or {}).get("race"))
    cases = [Case(path.name, "as written", data, own, has_race)]
    for weeks in dict.fromkeys(week_counts):  # keep order, drop repeats
        if weeks == own:
            continue  # the as-written row already covers this length
        cases.append(Case(path.name, f"weeks={weeks}, no race", with_weeks(data, weeks), weeks, False))
    return cases


def with_weeks(data: dict, weeks: int) -> dict:
    """A copy of a config mapping with plan.weeks = `weeks` and no race."""
    data = copy.deepcopy(data)
    data.setdefault("plan", {})["weeks"] = weeks
    goal = data.get("goal")
    if isinstance(goal, dict):
        goal.pop("race", None)
    return data


def peak_training_distance(result) -> float:
    """Largest weekly distance with the race day's distance left out."""
    weeks: dict[int, float] = {}
    for day in result.day_list:
        if day.run_kind != "race":
            weeks[day.week] = weeks.get(day.week, 0.0) + day.distance
    return round(max(weeks.values(), default=0.0), 1)


COLUMNS = [  # header, width, alignment
    ("config", 30, "<"), ("run", 18, "<"), ("weeks", 5, ">"), ("status", 14, "<"),
    ("solve s", 8, ">"), ("wall s", 8, ">"), ("peak", 7, ">"), ("target", 7, ">"),
    ("unit", 4, "<"), ("valid", 12, "<"),
]


def row(values: list[object]) -> str:
    return "  ".join(f"{str(v):{align}{width}}" for v, (_, width, align) in zip(values, COLUMNS)).rstrip()


def run_case(case: Case, time_limit: float, workers: int) -> list[object]:
    head = [case.name, case.label, case.weeks]
    try:
        config = planner.load_config(case.data)
        started = time.perf_counter()
        result = planner.plan(config, time_limit=time_limit, workers=workers)
        wall = time.perf_counter() - started
    except Exception as error:  # keep benchmarking the other cases
        return head + [f"error: {type(error).__name__}: {error}"]
    try:
        violations = validate_plan(config, result)
        if violations:
            rules = sorted({v.rule for v in violations})
            valid = f"NO ({len(violations)}: {', '.join(rules)})"
        else:
            valid = "yes"
    except Exception as error:
        valid = f"error: {type(error).__name__}: {error}"
    status = result.status
    if result.warnings or result.explanation.conflicts:
        notes = list(result.warnings) + [f"{c.rule}: {c.message}" for c in result.explanation.conflicts]
        NOTES.append(f"{case.name} ({case.label}): " + " ".join(notes))
        status += f" [{len(NOTES)}]"
    return head + [
        status,
        f"{result.solve_seconds:.2f}",
        f"{wall:.2f}",
        f"{peak_training_distance(result):.1f}",
        f"{config.goal.target_weekly_distance:g}",
        config.units,
        valid,
    ]


def _logs_from(data: dict, folder: Path) -> dict:
    """The config with its training log's files made absolute: planned from a dict, it has no
    folder of its own to find them from."""
    log = data.get("log")
    if isinstance(log, dict) and isinstance(log.get("files"), list):
        log["files"] = [str(folder / name) for name in log["files"]]
    return data


def benchmark_plans(paths: list[Path], week_counts: list[int], time_limit: float, workers: int) -> list[list[object]]:
    print(f"Planning with time_limit={time_limit:g} s, workers={workers}, week counts {week_counts}")
    print("(peak = largest weekly distance, race day left out; valid = planner.validate found no violations)")
    print()
    print(row([name for name, _, _ in COLUMNS]))
    print(row(["-" * width for _, width, _ in COLUMNS]))
    rows = []
    for path in paths:
        try:
            cases = cases_for(path, week_counts)
        except Exception as error:
            print(row([path.name, "-", "-", f"cannot load: {error}"]), flush=True)
            continue
        for case in cases:
            values = run_case(case, time_limit, workers)
            rows.append(values)
            print(row(values), flush=True)
    for number, note in enumerate(NOTES, 1):
        print(f"[{number}] {note}")
    return rows


def cli_config(paths: list[Path], directory: Path) -> tuple[Path, str]:
    """A config file that plans CLI_WEEKS weeks: an example of that length, else a rewritten one."""
    for path in paths:
        try:
            if planner.load_config(path).weeks == CLI_WEEKS:
                return path, f"{path.name} as written"
        except Exception:
            continue
    for path in paths:
        try:
            data = with_weeks(_logs_from(read_document(path), path.parent), CLI_WEEKS)
            planner.load_config(data)
        except Exception:
            continue
        target = directory / f"{path.stem}_{CLI_WEEKS}w.yaml"
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return target, f"{path.name} with plan.weeks={CLI_WEEKS}, no race"
    raise RuntimeError(f"no config could be turned into a {CLI_WEEKS}-week plan")


def _timed(command: list[str], env: dict | None = None):
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600, env=env)
    except (OSError, subprocess.SubprocessError):
        return time.perf_counter() - started, None
    return time.perf_counter() - started, done


def _with_bytecode(directory: Path) -> dict:
    """The environment with bytecode caching on (into `directory`, not the source tree), as an
    installed package has its modules compiled: PYTHONDONTWRITEBYTECODE would make the planner
    compile its own modules on every run while the libraries load theirs from site-packages."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(directory / "pycache")
    return env


def benchmark_cli(paths: list[Path]) -> None:
    print()
    print(f"Command line, {CLI_WEEKS}-week plan, end to end (its own default time limit and workers):")
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        directory = Path(tmp)
        try:
            config, description = cli_config(paths, directory)
        except RuntimeError as error:
            print(f"  skipped: {error}")
            return
        out = directory / "plan.json"
        command = [sys.executable, "-m", "planner", "plan", str(config), "-o", str(out)]
        print(f"  config: {description}")
        print(f"  command: {' '.join(command[1:])}")
        env = _with_bytecode(directory)
        bare_command = [sys.executable, "-c", BARE_IMPORTS]
        _timed(bare_command, env), _timed(command, env)  # compiles the bytecode both then load
        walls, imports = [], []
        for _ in range(CLI_REPEATS):  # alternating, so both see the same machine
            imports.append(_timed(bare_command, env)[0])
            out.unlink(missing_ok=True)
            wall, done = _timed(command, env)
            if done is None or done.returncode != 0 or not out.is_file():
                break
            walls.append(wall)
        if len(walls) == CLI_REPEATS:
            cli, bare = statistics.median(walls), statistics.median(imports)
            print(f"  wall time: median {cli:.2f} s of {CLI_REPEATS} runs (exit 0, wrote {out.stat().st_size} bytes of JSON)")
            print(f"  bare imports of ortools + pydantic + yaml: median {bare:.2f} s; the command is {cli / bare:.2f}x that")
            return
        if done is None:
            print("  FAILED to run the command line")
            return
        print(f"  FAILED after {wall:.2f} s: exit code {done.returncode}"
              + ("" if out.is_file() else ", no plan file written"))
        tail = (done.stderr or done.stdout or "").strip().splitlines()[-5:]
        for line in tail:
            print(f"    | {line}")
        if "No module named planner.__main__" in (done.stderr or "") or "No module named 'planner.cli'" in (done.stderr or ""):
            print("  (the command line is not available in this checkout yet)")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    paths = config_files(args.configs)
    if not paths:
        print(f"No configs found under {ROOT / 'examples'}", file=sys.stderr)
        return 1
    try:
        if not args.cli_only:
            benchmark_plans(paths, args.weeks, args.time_limit, args.workers)
    except KeyboardInterrupt:
        print("\ninterrupted")
        return 130
    except Exception:
        traceback.print_exc()
        return 1
    if not args.skip_cli:
        benchmark_cli(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
