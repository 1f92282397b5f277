"""The runtime's tasks on a Dask distributed cluster: an existing one (`scheduler`, e.g.
tcp://host:8786) or a LocalCluster of `workers` single-threaded worker processes.

Every worker needs this package installed. Dask retries a task whose worker died on another
worker and gives up with KilledWorker after a few deaths; that becomes the task's error. A
cluster left with no workers at all (every one died or left) would wait forever: after
`worker_wait` seconds without one, the tasks not yet done get an error outcome that says so.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator

from planner.runtime import WORKER_WAIT, PoolError
from planner.runtime.worker import plan_task

POLL_SECONDS = 0.2
SCHEMES = ("tcp",)  # tls:// needs certificates and ucx:// the UCX libraries; neither is set up here


def check_scheduler_address(address: str | None) -> None:
    """Refuse an address this command cannot connect to, before anything is planned."""
    if not address or "://" not in address:
        return  # host:port is tcp; anything else is reported when connecting
    scheme = address.split("://", 1)[0].lower()
    if scheme not in SCHEMES:
        raise PoolError(
            f"--scheduler {address}: {scheme}:// addresses are not supported (tls:// needs certificates and "
            "ucx:// the UCX libraries, which planner batch does not configure); use tcp://HOST:PORT"
        )


class DaskPool:
    def __init__(self, workers: int, scheduler: str | None = None, work: Callable[[dict], dict] = plan_task,
                 worker_wait: float = WORKER_WAIT):
        import_distributed()  # say now, before anything is planned, if Dask is missing
        check_scheduler_address(scheduler)
        self.workers = workers
        self.scheduler = scheduler
        self.work = work
        self.worker_wait = worker_wait

    def run(self, tasks: Iterable[dict]) -> Iterator[tuple[dict, dict]]:
        distributed = import_distributed()
        cluster, client = self._connect(distributed)
        try:
            futures = {client.submit(self.work, task, pure=False): task for task in tasks}
            yield from self._collect(distributed, client, futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _collect(self, distributed, client, futures: dict) -> Iterator[tuple[dict, dict]]:
        """Outcomes as tasks finish; error outcomes for the rest once no worker has been seen
        for `worker_wait` seconds."""
        finished = distributed.as_completed(list(futures))
        last_worker_seen = time.monotonic()
        while futures:
            batch = finished.next_batch(block=False)
            for future in batch:
                yield futures.pop(future), dask_outcome(future)
                future.release()
            if batch:
                continue
            if _worker_count(client) > 0:
                last_worker_seen = time.monotonic()
            elif time.monotonic() - last_worker_seen >= self.worker_wait:
                yield from self._give_up(futures)
                return
            time.sleep(POLL_SECONDS)

    def _give_up(self, futures: dict) -> Iterator[tuple[dict, dict]]:
        message = (f"not planned: the Dask cluster had no workers for {self.worker_wait:g} s (they died or left); "
                   "start workers and run the batch again (finished plans are kept)")
        for future, task in list(futures.items()):
            future.cancel()
            yield task, {"error": message}
        futures.clear()

    def _connect(self, distributed):
        """(cluster we started or None, client)."""
        if self.scheduler:
            try:
                return None, distributed.Client(self.scheduler, timeout="15s")
            except Exception as error:  # noqa: BLE001 - OSError, TimeoutError, ValueError (not an address), ...
                raise PoolError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        cluster = distributed.LocalCluster(
            n_workers=self.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return cluster, distributed.Client(cluster)


def _worker_count(client) -> int:
    try:
        return len(client.scheduler_info(n_workers=-1)["workers"])
    except Exception:  # noqa: BLE001 - a scheduler that went away has no workers either
        return 0


def import_distributed():
    try:
        import distributed
    except ImportError:
        raise PoolError("the Dask engine needs dask[distributed]: pip install 'running-planner[dask]'") from None
    return distributed


def dask_outcome(future) -> dict:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - KilledWorker, a worker without the package, ...
        return {"error": f"{type(error).__name__}: {error}"}
