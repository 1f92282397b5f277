"""Old planner against new, on the same athletes, in one run.

    python benchmarks/compare.py                       # against the commit before the core v2
    python benchmarks/compare.py --baseline HEAD~5 --n 40 --weeks 16 52
    python benchmarks/compare.py --baseline none       # the current code only
    python benchmarks/compare.py --acwr 1.15 1.2 --weeks 16   # every athlete at tight load-ratio caps

The baseline is a git revision, unpacked into a temporary directory (`git archive`); each side
plans in its own long-lived worker process (each importing its own code from its own tree),
the athletes fed to the two in turn, one plan at a time, so both see the same machine. The
athletes are the examples plus `--n` seeded synthetic ones (benchmarks/batch.py's generator),
re-planned at each `--weeks` (races dropped where they would not fall in the last week) and,
with `--acwr`, at each of those `rules.acwr_max` caps instead of their own.

Per plan: CPU seconds (`time.process_time` around `planner.plan` in the worker, the first
plan of each worker, which pays the imports, planned twice), status, total volume (every week
but race week, race excepted) and the day shape (planner.objective.shape_score, lower is
better, the same function for both sides), and whether the current validator accepts it. Then
medians and 95th percentiles, and how many athletes the new side needed the whole-plan search
for. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

DEFAULT_BASELINE = "3008237"  # the last commit of the core before v2
LONG_RUN_WEIGHT = int(__import__("os").environ.get("LONG_RUN_WEIGHT", "4"))

WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import planner
whole = []
try:
    import planner.solve.whole as w
    original = w.search_volumes
    def counted(*args, **kwargs):
        whole.append(1)
        return original(*args, **kwargs)
    w.search_volumes = counted
    import planner.solve as s
    s.search_volumes = counted
    original_forward = s.forward_pass
    stats = {}
    def traced(*args, **kwargs):
        result = original_forward(*args, **kwargs)
        stats.update(repairs=result.repairs, cached=result.cached)
        return result
    s.forward_pass = traced
except ImportError:
    stats = {}
first = True
for line in sys.stdin:
    config = json.loads(line)
    if first:
        planner.plan(config)
        first = False
    whole.clear()
    started = time.process_time()
    plan = planner.plan(config)
    cpu = time.process_time() - started
    print(json.dumps({"cpu": cpu, "plan": plan.to_dict(), "whole": bool(whole), "stats": dict(stats)}), flush=True)
    stats.clear()
"""


def athletes(n: int, weeks: list[int], seed: int) -> list[tuple[str, dict]]:
    from benchmarks.batch import synthetic_athlete

    bases = [(path.stem, yaml.safe_load(path.read_text())) for path in sorted((ROOT / "examples").glob("*.yaml"))]
    rng = random.Random(seed)
    bases += [(f"synthetic {i:02d}", synthetic_athlete(i, rng)) for i in range(n)]
    cases = []
    for name, data in bases:
        if "history" not in data:
            continue  # a log-based example: the baseline cannot plan it
        data.get("athlete", {}).pop("recent_race", None)  # workout paces only; the baseline has no such field
        for count in weeks:
            cases.append((f"{name} / {count} weeks", _with_weeks(data, count)))
    return cases


def _with_weeks(data: dict, weeks: int) -> dict:
    import datetime as dt

    data = copy.deepcopy(data)
    start = dt.date.fromisoformat(str(data["plan"]["start"]))
    data["plan"]["start"] = start.isoformat()
    data["plan"]["weeks"] = weeks
    race = data["goal"].get("race")
    if race:
        last = start + dt.timedelta(days=7 * weeks - 1)
        race_date = dt.date.fromisoformat(str(race["date"]))
        if not last - dt.timedelta(days=6) <= race_date <= last:
            data["goal"].pop("race")
    for key in ("blackout",):
        dates = data.get("availability", {}).get(key)
        if dates:
            data["availability"][key] = [str(d) for d in dates]
    return json.loads(json.dumps(data, default=str))


def _with_cap(data: dict, cap: float) -> dict:
    data = copy.deepcopy(data)
    data.setdefault("rules", {})["acwr_max"] = cap
    return data


class Worker:
    def __init__(self, root: Path):
        self.process = subprocess.Popen([sys.executable, "-c", WORKER, str(root)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=root)

    def plan(self, config: dict) -> dict:
        self.process.stdin.write(json.dumps(config) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the worker died")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def unpack(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure(plan: dict, config: dict) -> dict:
    from planner.config import load_config
    from planner.objective import shape_score
    from planner.validator import validate

    loaded = load_config(config)
    days = plan.get("days", [])
    race_week = None
    if loaded.goal.race is not None:
        race_week = (loaded.goal.race.date - loaded.plan.start).days // 7 + 1
    weeks: dict[int, float] = {}
    for day in days:
        if day["run_kind"] != "race":
            weeks[day["week"]] = weeks.get(day["week"], 0.0) + day["distance"]
    volume = round(sum(v for w, v in weeks.items() if w != race_week), 1)
    training = [v for w, v in weeks.items() if race_week is None or w < race_week - 1] or [0.0]
    shape = shape_score(days, loaded.pace_seconds, race_week, max(training), long_run=LONG_RUN_WEIGHT) if days else None
    valid = not validate(loaded, plan) if plan.get("status") != "infeasible" else None
    return {"status": plan["status"], "volume": volume, "shape": shape, "valid": valid}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare with, or 'none'")
    parser.add_argument("--n", type=int, default=40, help="synthetic athletes besides the examples (default 40)")
    parser.add_argument("--weeks", type=int, nargs="+", default=[16, 52], help="plan lengths (default 16 52)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--acwr", type=float, nargs="+", metavar="CAP",
                        help="plan every athlete at each of these rules.acwr_max caps instead of its own")
    parser.add_argument("--verbose", action="store_true", help="one line per plan")
    args = parser.parse_args(argv)
    cases = athletes(args.n, args.weeks, args.seed)
    if args.acwr:
        cases = [(f"{name} / acwr {cap:g}", _with_cap(config, cap)) for cap in args.acwr for name, config in cases]
    sides = {"new": Worker(ROOT)}
    with tempfile.TemporaryDirectory() as scratch:
        if args.baseline != "none":
            sides["old"] = Worker(unpack(args.baseline, Path(scratch)))
        rows = []
        for name, config in cases:
            row = {"name": name, "weeks": config["plan"]["weeks"],
                   "cap": config["rules"]["acwr_max"] if args.acwr else None}
            for side, worker in sides.items():
                answer = worker.plan(config)
                row[side] = {"cpu": answer["cpu"], "whole": answer["whole"], "stats": answer.get("stats", {}),
                             **measure(answer["plan"], config)}
            rows.append(row)
            if args.verbose:
                print(_line(row), flush=True)
        for worker in sides.values():
            worker.close()
    report(rows, list(sides))


def _line(row: dict) -> str:
    parts = [f"{row['name']:<40}"]
    for side in ("old", "new"):
        if side in row:
            r = row[side]
            shape = "-" if r["shape"] is None else f"{r['shape']:.0f}"
            parts.append(f"{side} {r['cpu']:6.3f}s {r['status']:<10} vol {r['volume']:7.1f} shape {shape:>6} "
                         f"{'valid' if r['valid'] else 'INVALID' if r['valid'] is False else ''}"
                         f"{' whole' if r['whole'] else ''} {r['stats'] or ''}")
    return " | ".join(parts)


def report(rows: list[dict], sides: list[str]) -> None:
    for weeks, cap in sorted({(row["weeks"], row.get("cap") or 0) for row in rows}):
        group = [row for row in rows if row["weeks"] == weeks and (row.get("cap") or 0) == cap]
        print(f"\n{weeks}-week plans" + (f" at acwr_max {cap:g}" if cap else "") + f" ({len(group)} athletes)")
        for side in sides:
            cpu = [row[side]["cpu"] for row in group]
            counts = {s: sum(row[side]["status"] == s for row in group) for s in ("optimal", "feasible", "infeasible", "halted")}
            invalid = sum(row[side]["valid"] is False for row in group)
            whole = sum(row[side]["whole"] for row in group)
            print(f"  {side}: CPU median {statistics.median(cpu):.3f} s, p95 {percentile(cpu, 0.95):.3f} s, "
                  f"max {max(cpu):.3f} s; {counts}; invalid {invalid}; whole-plan search {whole}")
        if "old" in sides:
            _compare(group)


def _compare(group: list[dict]) -> None:
    both = [row for row in group if row["old"]["shape"] is not None and row["new"]["shape"] is not None]
    more = sum(row["new"]["volume"] > row["old"]["volume"] + 0.05 for row in group)
    less = [row for row in group if row["new"]["volume"] < row["old"]["volume"] - 0.05]
    total = {side: sum(row[side]["volume"] or 0 for row in group) for side in ("old", "new")}
    print(f"  volume: new more on {more}, equal on {len(group) - more - len(less)}, less on {len(less)}; "
          f"in all {total['old']:.1f} -> {total['new']:.1f}")
    for row in less:
        print(f"    less: {row['name']}: {row['old']['volume']} -> {row['new']['volume']}")
    better = sum(row["new"]["shape"] <= row["old"]["shape"] for row in both)
    print(f"  shape: new as good or better on {better} of {len(both)}")
    for row in both:
        old, new = row["old"]["shape"], row["new"]["shape"]
        worse = (new - old) / abs(old) if old else 0.0
        if new > old and worse > 0.05:
            print(f"    worse by {worse:.0%}: {row['name']}: {old:.0f} -> {new:.0f}")


if __name__ == "__main__":
    main()
