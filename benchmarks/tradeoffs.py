"""Wall time of a tradeoffs sweep: seven ACWR caps of a 16-week plan over two processes.

    python benchmarks/tradeoffs.py                        # examples/half_marathon.yaml, caps 1.1..1.5
    python benchmarks/tradeoffs.py --processes 1 --time-limit 20
    python benchmarks/tradeoffs.py --caps 1.2 1.3 --config examples/beginner_5k.yaml

Prints the wall time of `planner.tradeoffs` (process start-up included), the sum of the
per-point solve seconds (what one process would take), and the sweep's table, which has each
point's `solve_seconds`. The goal is 5 s for the default sweep. Figures only: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

import planner  # noqa: E402

DEFAULT_CAPS = [round(1.1 + i * (1.5 - 1.1) / 6, 2) for i in range(7)]  # 1.1, 1.17, ..., 1.5


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=ROOT / "examples" / "half_marathon.yaml",
                        help="config to sweep (default: examples/half_marathon.yaml, 16 weeks)")
    parser.add_argument("--caps", type=float, nargs="+", default=DEFAULT_CAPS, metavar="ACWR",
                        help=f"rules.acwr_max values (default: {' '.join(map(str, DEFAULT_CAPS))})")
    parser.add_argument("--processes", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS",
                        help="solver time limit per point (default: 10)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be >= 1")
    if args.time_limit <= 0:
        parser.error("--time-limit must be > 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    weeks = planner.load_config(args.config).weeks
    print(f"Sweeping rules.acwr_max over {len(args.caps)} values of {args.config.name} ({weeks} weeks), "
          f"{args.processes} processes, time limit {args.time_limit:g} s per point")
    started = time.perf_counter()
    sweep = planner.tradeoffs(args.config, vary={"rules.acwr_max": args.caps}, time_limit=args.time_limit,
                              processes=args.processes, progress=False)
    wall = time.perf_counter() - started
    solve = sweep.table["solve_seconds"]
    print(f"wall time: {wall:.2f} s (goal: 5 s)")
    print(f"solve seconds: sum {solve.sum():.2f} s, max {solve.max():.2f} s, "
          f"per point {' '.join(f'{s:.2f}' for s in solve)}")
    print()
    print(sweep)
    return 0


if __name__ == "__main__":  # worker processes import this script: keep the sweep under the guard
    sys.exit(main())
