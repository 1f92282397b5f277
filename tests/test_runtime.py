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
    roster = roster_of(tmp_path, 6, 12)
    batch = subprocess.Popen([sys.executable, "-m", "planner", "batch", str(roster), "-o", str(tmp_path / "out"),
                              "--workers", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children: set[int] = set()
    while len(children) < 3 and time.monotonic() < deadline:  # the process server and two workers
        time.sleep(0.2)
        children = descendants(batch.pid)
    assert len(children) >= 3, "the batch never started its workers"
    os.kill(batch.pid, signal_number)
    batch.wait(10)
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
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
