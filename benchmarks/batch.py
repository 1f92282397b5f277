"""Throughput of `planner batch`: N synthetic 16-week athletes on each engine.

    python benchmarks/batch.py                          # 1000 athletes; local 1 and 2 workers, Dask 2 workers
    python benchmarks/batch.py --n 20 --workers 1 2 --engines local dask
    python benchmarks/batch.py --n 200 --workers 4 8 --engines local
    python benchmarks/batch.py --replan --engines local # `planner batch --replan` from week 9 (below)

The athletes are random but seeded (`--seed`), and built to be plannable: smooth histories,
targets within reach, enough minutes on enough days. They are written as JSON configs to a
temporary roster directory and planned with the real batch code (`run_batch`, `--force`), once
for every worker count on the local engine, and once on a Dask LocalCluster with the largest
worker count.

Per run: athletes/s, total seconds, speedup over the first run, per-athlete solve seconds
(median and 95th percentile, `plan.solve_seconds`), statuses, and the memory (RSS) of this
process plus every process under it (workers, the forkserver, Dask nannies), sampled every
0.2 s and shown as the peak of the first, middle and last third of the run: flat numbers mean
recycling keeps memory bounded. Finally, whether every engine produced the same plans
(solve_seconds left out), and how many of the first run's plans the independent validator
rejects (checked after the timing; a re-plan against the plan it was made from).

With `--replan` it times the nightly re-plan instead: the athletes are planned once (with the
largest worker count; not timed), each gets a training log (the planner's CSV) of their first
8 weeks as planned, with some runs missed (`--missed`, default 8 %), run 25-40 % shorter or
longer (`--changed`, 10 %) and a few runs added on rest days (`--extra`, 3 %), and then
`planner batch --replan --from <week 9>` runs on a fresh copy of those plans for every worker
count (`--force`, so nothing is skipped). Besides the figures above it prints the statuses,
how many athletes each attention reason lists first, and the median number of changed days.

Needs psutil (installed with dask[distributed]). Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

import planner  # noqa: E402
from planner.batch.runner import Options, run_batch  # noqa: E402
from planner.units import KM_PER_MILE  # noqa: E402

START = dt.date(2026, 11, 30)
WEEKS = 16
REPLAN_WEEK = 9  # --replan plans from the first day of this week: weeks 1-8 are logged
LOG_HEADER = "date,kind,distance,minutes"
AVAILABILITY = [  # minutes per weekday, long-run days, most hip/core sessions that fit
    # (never on the long-run day, never two days in a row)
    ({"tue": 60, "wed": 45, "thu": 60, "sat": 120, "sun": 150}, ["sat", "sun"], 3),
    ({"mon": 45, "tue": 60, "thu": 60, "fri": 45, "sun": 180}, ["sun"], 2),
    ({"tue": 75, "wed": 60, "thu": 75, "sat": 150}, ["sat"], 2),
    ({"mon": 60, "wed": 60, "fri": 60, "sat": 90, "sun": 120}, ["sat", "sun"], 3),
    ({"tue": 50, "wed": 50, "thu": 50, "fri": 50, "sat": 100, "sun": 140}, ["sun"], 3),
]
RACES_KM = (5.0, 10.0, 21.1)


# ---- synthetic athletes ----------------------------------------------------------------------

def synthetic_athlete(index: int, rng: random.Random) -> dict:
    """A plannable 16-week athlete: smooth history, reachable target, enough minutes."""
    units = rng.choice(["km", "km", "mi"])
    scale = 1.0 if units == "km" else 1 / KM_PER_MILE
    pace_km = rng.randint(285, 450)  # 4:45 to 7:30 per km
    pace = pace_km if units == "km" else round(pace_km * KM_PER_MILE)
    history = _history(rng, rng.uniform(12, 55))
    minutes, long_days, most_strength = rng.choice(AVAILABILITY)
    config = {
        "athlete": {"name": f"Athlete {index:05d}", "units": units, "easy_pace": f"{pace // 60}:{pace % 60:02d}"},
        "history": {
            "weekly_distance": [round(v * scale, 1) for v in history],
            "longest_recent_run": round(history[-1] * rng.uniform(0.28, 0.38) * scale, 1),
        },
        "goal": {"target_weekly_distance": round(history[-1] * rng.uniform(1.0, 1.6) * scale, 1)},
        "plan": {"start": START.isoformat(), "weeks": WEEKS},
        "availability": {**minutes, "long_run_days": long_days},
        "strength": {"sessions_per_week": min(most_strength, rng.choice([0, 1, 2, 2, 3])),
                     "minutes": rng.choice([15, 20, 25])},
        "quality_sessions_per_week": rng.choice([0, 0, 1]),
    }
    if rng.random() < 0.3:
        race_day = START + dt.timedelta(days=7 * (WEEKS - 1) + 6)
        config["goal"]["race"] = {"date": race_day.isoformat(), "distance": round(rng.choice(RACES_KM) * scale, 1)}
    return config


def _history(rng: random.Random, level: float) -> list[float]:
    """4 to 8 weeks drifting by at most 6% a week (no sudden jumps)."""
    weeks = [level]
    for _ in range(rng.randint(3, 7)):
        weeks.append(max(5.0, weeks[-1] * rng.uniform(0.94, 1.06)))
    return [round(v, 1) for v in weeks]


def write_roster(directory: Path, n: int, seed: int, logs: bool = False) -> None:
    """N athlete configs; with `logs`, each names its own (empty) log file in logs/."""
    rng = random.Random(seed)
    for index in range(n):
        config = synthetic_athlete(index, rng)
        if logs:
            log = directory / "logs" / f"athlete_{index:05d}.csv"
            log.parent.mkdir(exist_ok=True)
            log.write_text(LOG_HEADER + "\n")
            config["log"] = {"files": [f"logs/{log.name}"]}
        (directory / f"athlete_{index:05d}.json").write_text(json.dumps(config))


# ---- training logs of the plans --------------------------------------------------------------

@dataclass
class LogShape:
    missed: float  # share of planned runs not run
    changed: float  # share run 25-40 % shorter or longer
    extra: float  # share of rest days with a run added


def logged_rows(plan: dict, days: int, shape: LogShape, rng: random.Random) -> list[str]:
    """The log (CSV rows) of a plan's first `days` days, run as planned but for `shape`."""
    rows = []
    for day in plan["days"][:days]:
        running = day["run_kind"] != "rest"
        if running and rng.random() < shape.missed:
            continue
        if running:
            distance, minutes = day["distance"], day["run_minutes"]
            if rng.random() < shape.changed:
                factor = rng.choice([-1, 1]) * rng.uniform(0.25, 0.4) + 1
                distance, minutes = round(distance * factor, 1), max(1, round(minutes * factor))
            kind = day["run_kind"]
            rows.append(f"{day['date']},{kind},{distance},{minutes}")
        elif rng.random() < shape.extra:
            rows.append(f"{day['date']},easy,5.0,32")
        if day["strength"]:
            rows.append(f"{day['date']},strength,,{day['strength_minutes']}")
    return rows


def write_logs(roster: Path, plans_dir: Path, days: int, shape: LogShape, seed: int) -> None:
    """Each athlete's log file: its plan's first `days` days, as `shape` says they went."""
    rng = random.Random(seed)
    for config_path in sorted(roster.glob("athlete_*.json")):
        config = json.loads(config_path.read_text())
        slug = config["athlete"]["name"].lower().replace(" ", "-")
        plan = json.loads((plans_dir / f"{slug}.json").read_text())
        rows = logged_rows(plan, days, shape, rng) if plan["days"] else []
        (roster / config["log"]["files"][0]).write_text("\n".join([LOG_HEADER, *rows]) + "\n")


# ---- memory sampling -------------------------------------------------------------------------

class MemorySampler:
    """RSS of this process and all its descendants, sampled on a thread."""

    def __init__(self, every: float = 0.2):
        self.every = every
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.samples.append(_tree_rss(me))
            self._stop.wait(self.every)

    def thirds(self) -> list[int]:
        """Peak RSS of the first, middle and last third of the samples."""
        if not self.samples:
            return [0, 0, 0]
        size = max(1, len(self.samples) // 3)
        parts = [self.samples[:size], self.samples[size:-size] or self.samples, self.samples[-size:]]
        return [max(part) for part in parts]


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass  # a worker that just exited
    return total


# ---- runs ------------------------------------------------------------------------------------

@dataclass
class Run:
    label: str
    seconds: float
    statuses: dict[str, int]
    solve_seconds: list[float]
    memory: list[int]
    plans: dict[str, dict] = field(default_factory=dict)
    attention: dict[str, int] = field(default_factory=dict)  # athletes by their most urgent reason
    out_dir: Path | None = None
    sources: dict[str, str] = field(default_factory=dict)  # plan file name -> the athlete's config


def run_engine(roster: Path, out_dir: Path, engine: str, workers: int, time_limit: float,
               replan_from: dt.date | None = None) -> Run:
    options = Options(out_dir=out_dir, engine=engine, workers=workers, time_limit=time_limit, force=True)
    if replan_from is not None:
        options.replan, options.start, options.today = True, replan_from, replan_from
    with MemorySampler() as memory:
        started = time.perf_counter()
        rows = run_batch(roster, options)
        seconds = time.perf_counter() - started
    statuses, attention = _counts(row.status for row in rows), _counts(_first_code(row) for row in rows)
    solve = [row.solve_seconds for row in rows if row.solve_seconds is not None]
    plans = {row.output: _without_timing(out_dir / row.output) for row in rows if row.output}
    sources = {row.output: row.source for row in rows if row.output}
    return Run(f"{engine} {workers} worker(s)", seconds, statuses, solve, memory.thirds(), plans, attention,
               out_dir, sources)


def report_validation(run: Run, previous_dir: Path | None = None) -> None:
    """How many of a run's plans `planner.validate` rejects, each checked against its config
    (and, for a re-plan, the plan in `previous_dir` it was made from)."""
    rejected = 0
    for name, source in run.sources.items():
        plan = json.loads((run.out_dir / name).read_text())
        previous = json.loads((previous_dir / name).read_text()) if previous_dir is not None else None
        rejected += bool(planner.validate(source, plan, previous))
    print(f"validator: {rejected} of {len(run.sources)} plans of the {run.label} run rejected")


def _counts(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _first_code(row) -> str:
    return row.attention_codes.split(";")[0].strip() or "none"


def _without_timing(path: Path) -> dict:
    data = json.loads(path.read_text())
    data.pop("solve_seconds", None)
    return data


def report(runs: list[Run], n: int, what: str = "plans") -> None:
    base = runs[0].seconds
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{n} athletes, {WEEKS}-week {what}; {os.cpu_count()} cores, load average now {load}")
    print(f"{'run':<22} {'total s':>8} {'ath/s':>7} {'speedup':>8} {'median s':>9} {'p95 s':>7}  "
          f"{'RSS MiB start/middle/end':>25}  statuses")
    for run in runs:
        median = statistics.median(run.solve_seconds) if run.solve_seconds else 0
        p95 = _percentile(run.solve_seconds, 95)
        memory = "/".join(f"{m / 2**20:.0f}" for m in run.memory)
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(run.statuses.items()))
        print(f"{run.label:<22} {run.seconds:8.1f} {n / run.seconds:7.2f} {base / run.seconds:8.2f} "
              f"{median:9.2f} {p95:7.2f}  {memory:>25}  {statuses}")
    differ = {name for run in runs[1:] for name, plan in run.plans.items() if runs[0].plans.get(name) != plan}
    if not differ:
        print("identical plans across runs (solve_seconds left out): yes")
        return
    timed_out = {name for run in runs for name, plan in run.plans.items() if _hit_time_limit(plan)}
    print(f"plans differ across runs for {len(differ)} athlete(s); {len(differ & timed_out)} of them hit the "
          "time limit in some run (a loaded machine: raise --time-limit)")


def report_replans(runs: list[Run]) -> None:
    """What the re-plans found: athletes by their most urgent reason, and changed days."""
    run = runs[0]
    reasons = ", ".join(f"{code} {count}" for code, count in sorted(run.attention.items()))
    changes = [len(plan.get("changes") or []) for plan in run.plans.values()]
    median = statistics.median(changes) if changes else 0
    print(f"most urgent reason per athlete: {reasons}; changed days per re-plan: median {median:g}, "
          f"most {max(changes, default=0)}")


def _hit_time_limit(plan: dict) -> bool:
    """`feasible`, or `infeasible` without proven conflicts: the wall clock cut the search."""
    unproven = plan["status"] == "infeasible" and not plan["explanation"]["conflicts"]
    return plan["status"] == "feasible" or unproven


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="athletes to generate (default 1000)")
    parser.add_argument("--engines", nargs="+", choices=["local", "dask"], default=["local", "dask"],
                        help="engines to run (default: local dask)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="local worker counts; Dask uses the largest (default: 1 2)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="solver time limit per athlete")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the athletes")
    parser.add_argument("--replan", action="store_true",
                        help=f"time `planner batch --replan` from week {REPLAN_WEEK} instead of planning")
    parser.add_argument("--missed", type=float, default=0.08, help="--replan: share of planned runs not run")
    parser.add_argument("--changed", type=float, default=0.10, help="--replan: share run 25-40%% off the plan")
    parser.add_argument("--extra", type=float, default=0.03, help="--replan: share of rest days with a run added")
    args = parser.parse_args(argv)
    if args.n < 1 or min(args.workers) < 1:
        parser.error("--n and --workers must be >= 1")
    if not all(0 <= share <= 1 for share in (args.missed, args.changed, args.extra)):
        parser.error("--missed, --changed and --extra are shares from 0 to 1")
    return args


def engine_runs(args: argparse.Namespace) -> list[tuple[str, int]]:
    """(engine, workers) of every timed run: each local worker count, Dask with the largest."""
    runs = [("local", w) for w in args.workers if "local" in args.engines]
    if "dask" in args.engines:
        runs.append(("dask", max(args.workers)))
    return runs


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        roster = Path(tmp) / "roster"
        roster.mkdir()
        write_roster(roster, args.n, args.seed, logs=args.replan)
        if args.replan:
            replan_runs(args, roster, Path(tmp))
            return
        runs = []
        for engine, workers in engine_runs(args):
            print(f"planning with {engine}, {workers} worker(s)...", flush=True)
            runs.append(run_engine(roster, Path(tmp) / f"{engine}-{workers}", engine, workers, args.time_limit))
        report(runs, args.n)
        report_validation(runs[0])


def replan_runs(args: argparse.Namespace, roster: Path, tmp: Path) -> None:
    """Plan once, log the first weeks as they went, then time the re-plan on every engine."""
    first = tmp / "planned"
    print(f"planning {args.n} athletes once with {max(args.workers)} worker(s) (not timed)...", flush=True)
    started = time.perf_counter()
    run_batch(roster, Options(out_dir=first, workers=max(args.workers), time_limit=args.time_limit, today=START))
    print(f"  planned in {time.perf_counter() - started:.1f} s", flush=True)
    days = 7 * (REPLAN_WEEK - 1)
    write_logs(roster, first, days, LogShape(args.missed, args.changed, args.extra), args.seed)
    runs = []
    for engine, workers in engine_runs(args):
        out_dir = tmp / f"replan-{engine}-{workers}"
        shutil.copytree(first, out_dir)  # each run re-plans the same previous plans
        print(f"re-planning with {engine}, {workers} worker(s)...", flush=True)
        runs.append(run_engine(roster, out_dir, engine, workers, args.time_limit, START + dt.timedelta(days=days)))
    report(runs, args.n, f"re-plans from week {REPLAN_WEEK}")
    report_replans(runs)
    report_validation(runs[0], previous_dir=first)


if __name__ == "__main__":
    main()
