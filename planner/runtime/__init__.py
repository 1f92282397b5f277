"""The one parallel runtime: what the batch planner (`planner batch`) and the sweeps
(`planner.tradeoffs`, `planner.pareto`) run many plans on.

- `worker`: `plan_task`, the one function a worker process runs for one plan or re-plan (a
  config dict in, a plan dict, the files rendered from it, or an error out: CP-SAT models do
  not pickle), and `watch_parent`, which ends
  a worker whose starting process has died (SIGTERM, SIGKILL), so none outlives a killed batch.
- `local`: `LocalPool`, a process pool from a fork server with the solver imported, recycled
  every few plans, retrying what a dead worker took down one task at a time.
- `dask`: `DaskPool`, the same tasks on a Dask distributed cluster, giving up with error
  outcomes when the cluster has had no workers for a bounded time.
- `progress`: the progress bar both show.
- `rows`: `Row`, the one summary of a plan (or of a failure) both tabulate.
- `attention`: why a coach should look at an athlete (red flag, new pain, missed sessions,
  more run than planned, below target), from the plan and the previous one, for the batch.

Imports go one way: planner.batch and planner.parallel use this package; it uses neither.
Nothing heavy is imported here.
"""

from __future__ import annotations

from planner.errors import PlannerError

DEFAULT_TASKS_PER_WORKER = 50
WORKER_WAIT = 60.0  # seconds a Dask cluster may have no worker before the unfinished tasks fail
POOLS = ("local", "dask")


class PoolError(PlannerError):
    """A pool cannot run at all: an unknown pool, Dask missing, a scheduler unreachable."""


def make_pool(name: str, workers: int, scheduler: str | None = None,
              tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER, worker_wait: float = WORKER_WAIT):
    """The pool called `name` ("local" or "dask"); PoolError for anything it cannot be."""
    if name == "local":
        if scheduler:
            raise PoolError("--scheduler needs --engine dask")
        from planner.runtime.local import LocalPool

        return LocalPool(workers, tasks_per_worker)
    if name == "dask":
        from planner.runtime.dask import DaskPool

        return DaskPool(workers, scheduler, worker_wait=worker_wait)
    raise PoolError(f"unknown engine {name!r}; allowed: {', '.join(POOLS)}")
