"""Where the athletes are planned: a local process pool or a Dask distributed cluster.

Both engines take plain task dicts and yield `(task, outcome)` pairs as each athlete finishes,
so results stream to disk in completion order. An outcome is the worker's dict
({"plan": ...} or {"error": ...}); a crashed worker process becomes an error outcome too.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from planner.batch import BatchError
from planner.batch.work import plan_athlete
from planner.parallel import process_context

Task = dict
Outcome = dict
Work = Callable[[Task], Outcome]

CRASHED = "the worker process crashed while planning this athlete (killed or out of memory?)"
DEFAULT_TASKS_PER_WORKER = 50


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# ---- local process pool ----------------------------------------------------------------------

class LocalEngine:
    """A process pool of `workers` processes, each replaced after about `tasks_per_worker`
    athletes so memory stays bounded however long the roster.

    Workers are recycled by generations: a pool takes `workers * tasks_per_worker` athletes,
    then new athletes go to a fresh pool while the old one finishes and shuts down. (Python
    3.11's `max_tasks_per_child` can deadlock when workers exit with tasks queued,
    cpython gh-115634.) At most `workers` athletes are in flight at once, so when a worker
    process dies, the athletes it may have taken down are known: each is retried alone in a
    one-process pool, and only the one that crashes there becomes an error."""

    def __init__(self, workers: int, tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER, work: Work = plan_athlete):
        self.workers = workers
        self.generation_size = workers * tasks_per_worker
        self.work = work
        self._context = process_context("planner.batch.work")
        self._pool: ProcessPoolExecutor | None = None
        self._pool_submitted = 0
        self._retiring: list[ProcessPoolExecutor] = []

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        queue = deque((task, False) for task in tasks)  # (task, run alone?)
        running: dict[Future, tuple[Task, bool, ProcessPoolExecutor]] = {}
        try:
            while queue or running:
                while queue and len(running) < self.workers:
                    task, alone = queue.popleft()
                    pool = self._solo_pool() if alone else self._shared_pool()
                    running[pool.submit(self.work, task)] = (task, alone, pool)
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    task, alone, pool = running.pop(future)
                    outcome = self._outcome(future, alone, pool)
                    if outcome is None:
                        queue.appendleft((task, True))
                    else:
                        yield task, outcome
                self._retire_idle(running)
        finally:
            self._shutdown_all()

    def _shared_pool(self) -> ProcessPoolExecutor:
        if self._pool is None or self._pool_submitted >= self.generation_size:
            if self._pool is not None:
                self._retiring.append(self._pool)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=self._context)
            self._pool_submitted = 0
        self._pool_submitted += 1
        return self._pool

    def _solo_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(1, mp_context=self._context)
        self._retiring.append(pool)
        return pool

    def _outcome(self, future: Future, alone: bool, pool: ProcessPoolExecutor) -> Outcome | None:
        """The worker's outcome; None when the task should be retried alone after a crash."""
        error = future.exception()
        if error is None:
            return future.result()
        if not isinstance(error, BrokenProcessPool):
            return {"error": f"{type(error).__name__}: {error}"}
        if pool is self._pool:
            self._retiring.append(pool)
            self._pool = None
        return {"error": CRASHED} if alone else None

    def _retire_idle(self, running: dict) -> None:
        busy = {pool for _, _, pool in running.values()}
        for pool in [p for p in self._retiring if p not in busy]:
            self._retiring.remove(pool)
            pool.shutdown(wait=True)

    def _shutdown_all(self) -> None:
        pools = self._retiring + ([self._pool] if self._pool is not None else [])
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)
        self._retiring, self._pool = [], None


# ---- Dask distributed ------------------------------------------------------------------------

class DaskEngine:
    """The same tasks on a Dask distributed cluster: an existing one (`scheduler`, e.g.
    tcp://host:8786) or a LocalCluster of `workers` single-threaded worker processes.

    Every worker needs this package installed. Dask retries a task whose worker died on
    another worker and gives up with KilledWorker after a few deaths; that becomes the
    athlete's error."""

    def __init__(self, workers: int, scheduler: str | None = None, work: Work = plan_athlete):
        _import_distributed()  # say now, before anything is planned, if Dask is missing
        self.workers = workers
        self.scheduler = scheduler
        self.work = work

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        distributed = _import_distributed()
        cluster, client = self._connect(distributed)
        try:
            futures = {client.submit(self.work, task, pure=False): task for task in tasks}
            for future in distributed.as_completed(futures):
                task = futures.pop(future)
                yield task, _dask_outcome(future)
                future.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self, distributed):
        """(cluster we started or None, client)."""
        if self.scheduler:
            try:
                return None, distributed.Client(self.scheduler, timeout="15s")
            except (OSError, TimeoutError, ValueError) as error:  # ValueError: not an address
                raise BatchError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        cluster = distributed.LocalCluster(
            n_workers=self.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return cluster, distributed.Client(cluster)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise BatchError(
            "the Dask engine needs dask[distributed]: pip install 'running-planner[dask]'"
        ) from None
    return distributed


def _dask_outcome(future) -> Outcome:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - KilledWorker, a worker without the package, ...
        return {"error": f"{type(error).__name__}: {error}"}


def make_engine(name: str, workers: int, scheduler: str | None = None, tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER):
    """The engine called `name` ("local" or "dask")."""
    if name == "local":
        if scheduler:
            raise BatchError("--scheduler needs --engine dask")
        return LocalEngine(workers, tasks_per_worker)
    if name == "dask":
        return DaskEngine(workers, scheduler)
    raise BatchError(f"unknown engine {name!r}; allowed: local, dask")
