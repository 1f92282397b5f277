"""Safe file writes: a file is complete or absent, never half-written, and never lost.

- `write_atomic(path, text)`: write a temporary beside the file, then rename it over the file.
  A symlink is written through to its target (the link stays a link), an existing file keeps
  its permissions, and temporaries that a killed writer left behind (`.NAME.<pid>.<random>.tmp`,
  whose process is gone) are removed by a later write into that folder (each process looks
  in a folder at most once a minute; another file's temporary only once ten minutes old).
- `edit_in_place(path, transform)`: the one way to change a file the user owns (a check-in, a
  log entry): lock it, read it again under the lock, transform the text and write it
  atomically, so two commands editing one file at once both land.
- `read_limited(path)`: read a text file refusing one past a size limit (configs are small;
  `/dev/zero` or a 48 MB YAML must not take minutes and gigabytes); `read_plan` does so for
  every plan JSON the planner reads back (a re-plan's previous plan, a plan to check).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; edits are still atomic
    fcntl = None

LOCK_WAIT_SECONDS = 30.0  # how long an edit waits for another process's edit of the same file
STALE_SECONDS = 24 * 3600  # a temporary this old is stale even if its writer's pid was reused
SWEEP_SECONDS = 60.0  # how often one process looks for stale temporaries in a folder
OTHERS_GRACE_SECONDS = 600.0  # another file's temporary this young is left alone (see _stale)
_swept: dict[Path, float] = {}  # folder -> when this process last looked (time.monotonic)
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")


class FileTooLarge(ValueError):
    """A file is past the size a reader accepts."""


def resolved(path: str | Path) -> Path:
    """`path` with every symlink followed (a dangling link gives the file it points to)."""
    return Path(os.path.realpath(path))


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` (through a symlink, to its target) atomically, keeping the
    existing file's permissions; NotADirectoryError names a file standing where a folder must."""
    target = resolved(path)
    make_parent(target)
    remove_stale_temporaries(target)
    temporary = target.parent / temporary_name(target, os.getpid())
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.chmod(temporary, _mode_for(target))
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def make_parent(path: Path) -> None:
    """Create `path`'s folder; a file in the way is named ("afile is a file, not a directory")."""
    blocking = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()), None)
    if blocking is not None:
        raise NotADirectoryError(f"cannot write {path}: {blocking} is a file, not a directory")
    path.parent.mkdir(parents=True, exist_ok=True)


def temporary_name(path: Path, pid: int) -> str:
    """The temporary a process `pid` writes `path` through: `.NAME.<pid>.<8 hex>.tmp`."""
    return f".{path.name}.{pid}.{secrets.token_hex(4)}.tmp"


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries in `path`'s folder that dead writes left (`_stale`): a write
    killed by SIGKILL or a power cut cannot clean up after itself. One process looks in
    a folder at most once every SWEEP_SECONDS, so a batch writing thousands of files into one
    folder lists it a few times, not once per file (a listing per write made the batch's writes
    quadratic in its athletes)."""
    folder = path.parent
    now = time.monotonic()
    if folder in _swept and now - _swept[folder] < SWEEP_SECONDS:
        return
    _swept[folder] = now
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.match(name) if name.endswith(".tmp") else None
        if match is None:
            continue
        temporary = folder / name
        if _stale(temporary, int(match["pid"]), mine=match["name"] == path.name):
            with contextlib.suppress(OSError):
                temporary.unlink()


def _stale(temporary: Path, pid: int, mine: bool) -> bool:
    """Whether a temporary is a dead write's: a day old, or its writer gone. Another file's
    temporary must also be OTHERS_GRACE_SECONDS old, since a writer in another pid namespace
    (a container, a host sharing the folder) looks gone from here while it writes."""
    age = _age(temporary)
    if age > STALE_SECONDS:
        return True
    return not process_alive(pid) and (mine or age > OTHERS_GRACE_SECONDS)


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (macOS): kill() said it exists
    return state != "Z"


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# ---- reading and editing in place ------------------------------------------------------------

def read_limited(path: str | Path, limit: int) -> str:
    """The file's text (UTF-8); FileTooLarge past `limit` bytes, read no further than that."""
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"is larger than {limit:,} bytes")
    return data.decode("utf-8")


MAX_PLAN_BYTES = 16 << 20  # a plan JSON; a 52-week plan is about 250 kB


def read_plan(path: str | Path, what: str, missing_ok: bool = False) -> str | None:
    """A plan JSON's text (`what`: which plan, for the message); ConfigError naming the file
    when it is missing (None with `missing_ok`), unreadable or larger than MAX_PLAN_BYTES."""
    from planner.errors import ConfigError

    try:
        return read_limited(path, MAX_PLAN_BYTES)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise ConfigError("", f"file not found ({what})", path=path) from None
    except FileTooLarge as error:
        raise ConfigError("", f"{error}: not a plan this planner wrote ({what})", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError("", f"cannot be read ({what}): {getattr(error, 'strerror', None) or error}", path=path) from None


def edit_in_place(path: str | Path, transform: Callable[[str], str], limit: int = 1 << 20) -> str:
    """Lock `path` (through a symlink, its target), read its text under the lock, write
    `transform(text)` atomically and return it. Concurrent edits of one file run one after the
    other, each on the text the previous one wrote; if `transform` raises, nothing is written."""
    target = resolved(path)
    with _locked(target):
        new = transform(read_limited(target, limit))
        write_atomic(target, new)
    return new


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file now at `path`.

    The lock is on the file itself (no lock file left behind). A rename by another editor puts
    a new file at the path, so after locking we check that the locked file is still the one
    there and try again if not."""
    if fcntl is None:
        yield
        return
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        handle = os.open(path, os.O_RDONLY)
        try:
            _lock(handle, path, deadline)
            if _same_file(handle, path):
                yield
                return
        finally:
            os.close(handle)  # closing releases the lock


def _lock(handle: int, path: Path, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} is being edited by another process (waited {LOCK_WAIT_SECONDS:g} s)") from None
            time.sleep(0.01)


def _same_file(handle: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    locked = os.fstat(handle)
    return (locked.st_dev, locked.st_ino) == (now.st_dev, now.st_ino)
