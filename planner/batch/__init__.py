"""Coach batch planning: a whole roster of athletes planned in parallel.

- `roster`: read a directory of configs or a CSV roster (plus a template) into plain jobs.
- where the athletes are planned: planner.runtime (a local process pool or a Dask cluster,
  the worker function, the progress bar and the summary row, shared with the sweeps).
- `state`: which athletes are up to date (a hash of their config), so a batch can resume.
- `output`: writing an athlete's files (plan JSON, HTML report, the --format file).
- `summary`: summary.csv and summary.html, who needs a coach's eye first.
- `runner`: the steps above in order, as `planner batch` runs them (with `--replan`, from
  each athlete's log and previous plan).

Nothing heavy is imported here, so `planner --help` stays fast.
"""

from planner.errors import PlannerError


class BatchError(PlannerError):
    """The batch cannot run at all (an unknown format, Dask missing, scheduler unreachable)."""
