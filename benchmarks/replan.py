"""CPU time of re-planning a 16-week plan from week 8.

    python benchmarks/replan.py              # the examples and 40 synthetic athletes
    python benchmarks/replan.py --n 100
    python benchmarks/replan.py --from-week 4 8 12      # re-plans from several weeks

For each athlete: plan 16 weeks, write a training log of the first 7 weeks as planned, then
re-plan from the first day of week 8 twice, with the previous plan: once with that log (a log
that matches: the re-plan keeps the plan) and once with the log changed (a run of week 6
missed, the long run of week 7 run 10 % longer, so the re-plan has work to do). Prints the
median, 95th percentile and largest CPU seconds of each (`time.process_time` around
`planner.replan`), how many re-plans came back optimal or feasible, the summed volume of the
re-plans (every week's training distance: compare two versions of the planner on it), and
whether the validator accepted every one. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import planner  # noqa: E402
from benchmarks.batch import synthetic_athlete  # noqa: E402
from benchmarks.compare import _with_weeks, percentile  # noqa: E402

WEEKS, FROM_WEEK = 16, 8


def entries(plan, days: int, skip=(), longer=()) -> list[dict]:
    found = []
    for day in plan.day_list[:days]:
        if day.run_kind != "rest" and str(day.date) not in skip:
            distance = round(day.distance * (1.1 if str(day.date) in longer else 1.0), 1)
            found.append({"date": str(day.date), "kind": day.run_kind, "distance": distance,
                          "minutes": max(1, round(day.run_minutes * distance / day.distance))})
        if day.strength:
            found.append({"date": str(day.date), "kind": "strength", "minutes": day.strength_minutes})
    return found


def _logs(plan, week: int) -> dict[str, list[dict]]:
    """The log of the weeks before `week` as planned, and changed: the first run of the week
    two before missed, the long run of the week before run 10 % longer."""
    days = 7 * (week - 1)
    missed = [d for d in plan.day_list[days - 14:days - 7] if d.run_kind != "rest"]
    longer = [d for d in plan.day_list[days - 7:days] if d.run_kind == "long"]
    return {"matching log": entries(plan, days),
            "changed log": entries(plan, days, skip={str(missed[0].date)} if missed else set(),
                                   longer={str(d.date) for d in longer})}


def athletes(n: int, seed: int) -> list[tuple[str, dict]]:
    bases = [(path.stem, yaml.safe_load(path.read_text())) for path in sorted((ROOT / "examples").glob("*.yaml"))]
    rng = random.Random(seed)
    bases += [(f"synthetic {i:02d}", synthetic_athlete(i, rng)) for i in range(n)]
    return [(name, _with_weeks(data, WEEKS)) for name, data in bases if "history" in data]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--from-week", type=int, nargs="+", default=[FROM_WEEK], metavar="WEEK",
                        help=f"re-plan from the first day of each of these weeks (default {FROM_WEEK}), 3 to {WEEKS}")
    args = parser.parse_args(argv)
    if not all(3 <= week <= WEEKS for week in args.from_week):
        parser.error(f"--from-week takes weeks 3 to {WEEKS}")
    planner.plan(athletes(0, args.seed)[0][1])  # imports and first-use costs out of the way
    keys = [f"{kind} from week {week}" for week in args.from_week for kind in ("matching log", "changed log")]
    times: dict[str, list[float]] = {key: [] for key in keys}
    statuses: dict[str, list[str]] = {key: [] for key in times}
    volumes: dict[str, float] = {key: 0.0 for key in times}
    invalid = 0
    for name, data in athletes(args.n, args.seed):
        plan = planner.plan(data)
        if plan.status not in ("optimal", "feasible"):
            continue
        for week in args.from_week:
            for key, log in _logs(plan, week).items():
                key = f"{key} from week {week}"
                start = dt.date.fromisoformat(data["plan"]["start"]) + dt.timedelta(days=7 * (week - 1))
                logged = copy.deepcopy(data) | {"log": {"entries": log}}
                started = time.process_time()
                again = planner.replan(logged, start=start, previous=plan, today=start)
                times[key].append(time.process_time() - started)
                statuses[key].append(str(again.status))
                volumes[key] += sum(again.training_distances())
                invalid += bool(planner.validate(logged, again, plan))
    for key, values in times.items():
        counts = {s: statuses[key].count(s) for s in sorted(set(statuses[key]))}
        print(f"{key}: {len(values)} re-plans of {WEEKS}-week plans: CPU median {statistics.median(values):.3f} s, "
              f"p95 {percentile(values, 0.95):.3f} s, max {max(values):.3f} s; {counts}; summed volume {volumes[key]:.1f}")
    print(f"validator: {invalid} re-plan(s) rejected")


if __name__ == "__main__":
    main()
