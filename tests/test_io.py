"""planner.io: atomic writes through symlinks, stale temporaries cleaned, and the one
"edit a file in place" primitive (lock, re-read, transform, atomic write)."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
import time

import pytest

from planner.errors import ConfigError
from planner.io import edit_in_place, temporary_name, write_atomic


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_write_atomic_writes_through_a_symlink_to_its_target(tmp_path):
    target = tmp_path / "real" / "plan.json"
    target.parent.mkdir()
    target.write_text("old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_atomic_through_a_dangling_symlink_creates_the_target(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    write_atomic(link, "text")
    assert link.is_symlink() and (tmp_path / "made.json").read_text() == "text"


def test_a_killed_writers_temporary_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "plan.html"
    stale = tmp_path / temporary_name(path, dead_pid())
    stale.write_text("half a report")
    live = tmp_path / temporary_name(path, os.getppid())  # a writer that is still running
    live.write_text("being written")
    other = tmp_path / ".notes.txt.tmp"  # not of our naming
    other.write_text("someone else's")
    write_atomic(path, "whole report")
    assert path.read_text() == "whole report"
    assert not stale.exists() and live.exists() and other.exists()


def test_a_folder_is_looked_through_once_per_interval_not_once_per_write(tmp_path, monkeypatch):
    """A batch writes thousands of files into one folder: listing it on every write made the
    writes quadratic. Within SWEEP_SECONDS one process lists a folder once; after that, a
    write looks again and removes a dead writer's temporary of another file once it is
    OTHERS_GRACE_SECONDS old (a younger one may be a live writer's in another pid namespace)."""
    import planner.io as io

    listed = []
    real_listdir = os.listdir

    def counted(folder):
        listed.append(folder)
        return real_listdir(folder)

    monkeypatch.setattr(io.os, "listdir", counted)
    for index in range(20):
        write_atomic(tmp_path / f"athlete-{index}.json", "{}")
    assert len(listed) == 1
    gone = dead_pid()
    stale = tmp_path / temporary_name(tmp_path / "athlete-3.json", gone)
    stale.write_text("half a plan")
    old = time.time() - 2 * io.OTHERS_GRACE_SECONDS
    os.utime(stale, (old, old))
    young = tmp_path / temporary_name(tmp_path / "athlete-4.json", gone)
    young.write_text("being written, seen from another container")
    write_atomic(tmp_path / "athlete-0.json", "{}")
    assert len(listed) == 1 and stale.exists()  # within the interval: not looked for yet
    monkeypatch.setattr(io, "SWEEP_SECONDS", 0.0)
    write_atomic(tmp_path / "athlete-0.json", "{}")
    assert len(listed) == 2 and not stale.exists() and young.exists()


def test_a_write_killed_by_sigkill_leaves_nothing_after_the_next_write(tmp_path):
    path = tmp_path / "big.txt"
    code = (
        "import os, signal, planner.io as io\n"
        "real = os.replace\n"
        "def die(*a): os.kill(os.getpid(), signal.SIGKILL)\n"
        "io.os.replace = die\n"
        f"io.write_atomic({str(path)!r}, 'x' * 5_000_000)\n"
    )
    done = subprocess.run([sys.executable, "-c", code])
    assert done.returncode == -9
    assert list(tmp_path.glob(".big.txt.*.tmp")), "the killed write left its temporary"
    write_atomic(path, "done")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


def test_write_atomic_under_a_file_names_the_file(tmp_path):
    (tmp_path / "afile").write_text("")
    with pytest.raises(NotADirectoryError, match="afile is a file, not a directory"):
        write_atomic(tmp_path / "afile" / "plan.json", "x")


def test_edit_in_place_transforms_the_current_text_through_a_link(tmp_path):
    target = tmp_path / "athlete.yaml"
    target.write_text("a: 1\n")
    os.chmod(target, 0o600)
    link = tmp_path / "current.yaml"
    link.symlink_to(target)
    assert edit_in_place(link, lambda text: text + "b: 2\n") == "a: 1\nb: 2\n"
    assert link.is_symlink() and target.read_text() == "a: 1\nb: 2\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_edit_in_place_leaves_the_file_alone_when_the_transform_fails(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text("a: 1\n")

    def refuse(text):
        raise ConfigError("a", "no")

    with pytest.raises(ConfigError):
        edit_in_place(path, refuse)
    assert path.read_text() == "a: 1\n" and sorted(p.name for p in tmp_path.iterdir()) == ["athlete.yaml"]


def _append_line(path, line, barrier):
    barrier.wait()
    edit_in_place(path, lambda text: text + line)


def test_concurrent_edits_all_land(tmp_path):
    """Eight processes append at once; every line must survive (a lock, a re-read under it)."""
    path = tmp_path / "log.txt"
    path.write_text("")
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(8)
    workers = [context.Process(target=_append_line, args=(path, f"{i}\n", barrier)) for i in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert [worker.exitcode for worker in workers] == [0] * 8
    assert sorted(path.read_text().split()) == [str(i) for i in range(8)]
