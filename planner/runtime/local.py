"""A local process pool for many plans, shared by the batch planner and the sweeps.

Tasks are plain dicts; `run` yields `(task, outcome)` pairs as each finishes, so results
stream in completion order. An outcome is the worker's dict ({"plan": ...} or {"error": ...});
a crashed worker process becomes an error outcome too (CRASHED).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from planner.runtime import DEFAULT_TASKS_PER_WORKER
from planner.runtime.worker import plan_task, watch_parent

Task = dict
Outcome = dict
Work = Callable[[Task], Outcome]

CRASHED = "the worker process crashed while planning this athlete (killed or out of memory?)"


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_context() -> multiprocessing.context.BaseContext:
    """A fork server with the solver (and the report's plotly) imported where there is one
    (Linux, macOS), so a new or recycled worker starts in milliseconds; spawn elsewhere.

    Plain fork is avoided: forking a process that runs threads (Jupyter, OR-Tools) can deadlock.
    Like spawn, a fork server's workers import the main script, hence the __main__ guard."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["planner.runtime.worker", "planner.planning", "planner.replanning",
                                        "planner.exports.html_report", "plotly.graph_objects", "plotly.io"])
        return context
    return multiprocessing.get_context("spawn")


class LocalPool:
    """A process pool of `workers` processes, each replaced after about `tasks_per_worker`
    plans so memory stays bounded however many there are.

    Workers are recycled by generations: a pool takes `workers * tasks_per_worker` tasks, then
    new tasks go to a fresh pool while the old one finishes and shuts down. (Python 3.11's
    `max_tasks_per_child` can deadlock when workers exit with tasks queued, cpython gh-115634.)
    At most `workers` tasks are in flight at once, so when a worker process dies, the tasks it
    may have taken down are known: each is retried alone in a one-process pool, and only the
    one that crashes there becomes an error. Every worker watches this process and exits when
    it is gone (runtime.worker.watch_parent)."""

    def __init__(self, workers: int, tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER, work: Work = plan_task):
        self.workers = workers
        self.generation_size = workers * tasks_per_worker
        self.work = work
        self._context = process_context()
        self._pool: ProcessPoolExecutor | None = None
        self._pool_submitted = 0
        self._retiring: list[ProcessPoolExecutor] = []

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        """Outcomes as tasks finish. `tasks` is read only as workers free up, so a generator
        of tasks holds no more than `workers` of them (a batch's previous plans) at a time."""
        fresh = iter(tasks)
        retries: deque[Task] = deque()  # what a dead worker may have taken down, to run alone
        running: dict[Future, tuple[Task, bool, ProcessPoolExecutor]] = {}
        finished = False
        try:
            while True:
                while len(running) < self.workers and (task_alone := self._next(retries, fresh)) is not None:
                    task, alone = task_alone
                    pool = self._solo_pool() if alone else self._shared_pool()
                    running[pool.submit(self.work, task)] = (task, alone, pool)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    task, alone, pool = running.pop(future)
                    outcome = self._outcome(future, alone, pool)
                    if outcome is None:
                        retries.appendleft(task)
                    else:
                        yield task, outcome
                self._retire_idle(running)
            finished = True
        finally:
            self._shutdown_all(stop_workers=not finished)

    @staticmethod
    def _next(retries: deque, fresh: Iterator[Task]) -> tuple[Task, bool] | None:
        """(the next task, run it alone?): retries first; None when nothing is left."""
        if retries:
            return retries.popleft(), True
        task = next(fresh, None)
        return None if task is None else (task, False)

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self._context, initializer=watch_parent, initargs=(os.getpid(),))

    def _shared_pool(self) -> ProcessPoolExecutor:
        if self._pool is None or self._pool_submitted >= self.generation_size:
            if self._pool is not None:
                self._retiring.append(self._pool)
            self._pool = self._new_pool(self.workers)
            self._pool_submitted = 0
        self._pool_submitted += 1
        return self._pool

    def _solo_pool(self) -> ProcessPoolExecutor:
        pool = self._new_pool(1)
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

    def _shutdown_all(self, stop_workers: bool) -> None:
        """Shut every pool down; `stop_workers` (an interrupted run, a consumer that stopped
        reading) terminates the workers too, instead of waiting for the plans they are on."""
        pools = self._retiring + ([self._pool] if self._pool is not None else [])
        for pool in pools:
            if stop_workers:
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
        self._retiring, self._pool = [], None
