"""planner.runtime: the one parallel runtime of the batch planner and the sweeps. Its workers
die with the process that started them, and a Dask cluster without workers is given up on."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_CONFIG


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_batch(roster: Path, out_dir: Path, workers: int, processes: int) -> tuple[subprocess.Popen, set[int]]:
    """`planner batch` in a process of its own, once at least `processes` processes run below it
    (the resource tracker, the fork server, workers); returns it and those processes."""
    batch = subprocess.Popen([sys.executable, "-m", "planner", "batch", str(roster), "-o", str(out_dir),
                              "--workers", str(workers), "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    children = wait_until(lambda: len(descendants(batch.pid)) >= processes and descendants(batch.pid), 60)
    assert children, "the batch never started its workers"
    return batch, children


def wait_until(condition, seconds: float):
    """`condition()` once it is true, or its last (false) value after `seconds`."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


def roster_of(tmp_path, count: int, weeks: int) -> Path:
    roster = tmp_path / "roster"
    roster.mkdir()
    for index in range(count):
        data = copy.deepcopy(BASE_CONFIG)
        data["athlete"]["name"] = f"Runner {index}"
        data["plan"]["weeks"] = weeks
        (roster / f"r{index}.yaml").write_text(yaml.safe_dump(data))
    return roster


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGKILL])
def test_killing_a_batch_ends_its_process_server_and_workers(tmp_path, signal_number):
    batch, children = start_batch(roster_of(tmp_path, 6, 12), tmp_path / "out", workers=2, processes=4)
    os.kill(batch.pid, signal_number)
    batch.communicate(timeout=10)
    wait_until(lambda: not any(alive(pid) for pid in children), 15)
    left = [pid for pid in children if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"{len(left)} of {len(children)} processes outlived the batch"


# ---- Dask ------------------------------------------------------------------------------------

from typer.testing import CliRunner  # noqa: E402

from planner.cli import app  # noqa: E402

runner = CliRunner()


def test_a_dask_cluster_without_workers_gives_error_rows_after_a_bounded_wait(tmp_path):
    from distributed import LocalCluster

    roster = roster_of(tmp_path, 2, 1)
    out_dir = tmp_path / "out"
    with LocalCluster(n_workers=0, processes=False, protocol="tcp://", dashboard_address=None) as cluster:
        started = time.monotonic()
        result = runner.invoke(app, ["batch", str(roster), "-o", str(out_dir), "--engine", "dask",
                                     "--scheduler", cluster.scheduler_address, "--worker-wait", "2"])
        waited = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert waited < 20
    assert result.stderr.count("no workers for 2 s") == 2
    import csv

    with (out_dir / "summary.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["status"] for row in rows] == ["error", "error"]
    assert all("no workers for 2 s" in row["error"] for row in rows)


@pytest.mark.parametrize("address", ["tls://127.0.0.1:8786", "ucx://127.0.0.1:8786", "inproc://x"])
def test_unsupported_scheduler_addresses_are_refused_before_planning(tmp_path, address):
    roster = roster_of(tmp_path, 1, 1)
    result = runner.invoke(app, ["batch", str(roster), "-o", str(tmp_path / "out"), "--engine", "dask",
                                 "--scheduler", address])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "addresses are not supported" in result.stderr and "tcp://HOST:PORT" in result.stderr
    assert not (tmp_path / "out").exists()


# ---- an interrupted batch's summary ----------------------------------------------------------

from planner.batch.runner import Options, run_batch  # noqa: E402


def summary_statuses(out_dir) -> list[str]:
    import csv

    with (out_dir / "summary.csv").open(newline="") as stream:
        return [row["status"] for row in csv.DictReader(stream)]


def replan_all(roster: Path, weeks: int) -> None:
    """Change every config of `roster` so that a re-run must plan each athlete again."""
    for path in roster.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        data["plan"]["weeks"] = weeks
        path.write_text(yaml.safe_dump(data))


def test_an_interrupted_batch_summary_says_what_was_not_planned(tmp_path):
    roster = roster_of(tmp_path, 2, 1)
    out_dir = tmp_path / "out"
    run_batch(roster, Options(out_dir=out_dir, workers=1))
    assert summary_statuses(out_dir) == ["optimal", "optimal"]
    replan_all(roster, 2)

    def interrupt(row):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(roster, Options(out_dir=out_dir, workers=1), on_row=interrupt)
    assert sorted(summary_statuses(out_dir)) == ["optimal", "pending"]
    assert "1 not planned yet" in (out_dir / "summary.html").read_text()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_killed_batch_leaves_a_summary_marked_incomplete(tmp_path):
    roster = roster_of(tmp_path, 2, 1)
    out_dir = tmp_path / "out"
    run_batch(roster, Options(out_dir=out_dir, workers=1))
    replan_all(roster, 16)
    batch, _ = start_batch(roster, out_dir, workers=1, processes=2)
    os.kill(batch.pid, signal.SIGKILL)
    batch.communicate(timeout=10)
    assert summary_statuses(out_dir) == ["pending", "pending"], "the summary must not describe the previous run"


def test_an_out_dir_that_cannot_be_made_is_refused_before_planning(tmp_path):
    roster = roster_of(tmp_path, 1, 1)
    result = runner.invoke(app, ["batch", str(roster), "-o", "/proc/plans"])
    assert result.exit_code == 2, result.output
    assert "/proc/plans" in result.stderr and "OUT_DIR cannot be created or written" in result.stderr


def test_a_batch_stopped_by_sigterm_writes_the_summary_of_what_it_planned(tmp_path):
    out_dir = tmp_path / "out"
    batch, _ = start_batch(roster_of(tmp_path, 60, 52), out_dir, workers=1, processes=3)
    time.sleep(0.5)  # a worker killed while it unpickles its start-up data prints multiprocessing's traceback
    os.kill(batch.pid, signal.SIGTERM)
    _, stderr = batch.communicate(timeout=30)
    assert batch.returncode == 143 and "terminated" in stderr and "Traceback" not in stderr
    assert "pending" in summary_statuses(out_dir)


def grandchildren() -> set[int]:
    """The processes whose parent is a child of this one: the fork server's workers."""
    children = descendants(os.getpid())
    return {pid for pid in children if _parent(pid) in children}


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_pool_whose_consumer_stops_ends_its_workers_at_once():
    """An interrupted run (Ctrl-C, SIGTERM, an error in the caller) must not wait for the plans
    its workers are on (the slow one takes a minute)."""
    from planner.runtime.local import LocalPool
    from tests.batch_helpers import slow_past_one_week

    quick, slow = copy.deepcopy(BASE_CONFIG), copy.deepcopy(BASE_CONFIG)
    quick["plan"]["weeks"], slow["plan"]["weeks"] = 1, 16
    run = LocalPool(2, work=slow_past_one_week).run([{"config": quick, "time_limit": 10}, {"config": slow, "time_limit": 10}])
    task, _ = next(run)
    assert task["config"]["plan"]["weeks"] == 1
    workers = grandchildren()
    assert workers, "no worker processes seen"
    run.close()
    wait_until(lambda: not any(alive(pid) for pid in workers), 1.5)
    assert not any(alive(pid) for pid in workers), "a worker went on planning after the run was stopped"


# ---- tasks read as workers free up -----------------------------------------------------------

def test_the_local_pool_reads_its_tasks_only_as_workers_free_up():
    """A batch's tasks carry each athlete's previous plan: the pool must not hold them all."""
    from planner.runtime.local import LocalPool
    from tests.batch_helpers import pid_of_worker

    made: list[int] = []

    def tasks():
        for index in range(8):
            made.append(index)
            yield {"slug": str(index)}

    pulled_at_outcome = []
    for _task, outcome in LocalPool(2, work=pid_of_worker).run(tasks()):
        assert "pid" in outcome
        pulled_at_outcome.append(len(made))
    assert len(pulled_at_outcome) == 8
    assert pulled_at_outcome[0] <= 3  # two running, at most one more made while the first finished
    assert all(pulled - done <= 2 for done, pulled in enumerate(pulled_at_outcome, start=1))
