"""Coach batch planning: a whole roster of athletes planned in parallel.

- `roster`: read a directory of configs or a CSV roster (plus a template) into plain jobs.
- where the athletes are planned: planner.runtime (a local process pool or a Dask cluster,
  the worker function, the progress bar and the summary row, shared with the sweeps).
- `state`: which athletes are up to date (a hash of their config), so a batch can resume.
- `output`: the one function that writes a plan file, whatever the format.
- `summary`: summary.csv and summary.html.
- `runner`: the steps above in order, as `planner batch` runs them.

Nothing heavy is imported here, so `planner --help` stays fast.
"""

from planner.errors import PlannerError


class BatchError(PlannerError):
    """The batch cannot run at all (an unknown format, Dask missing, scheduler unreachable)."""
