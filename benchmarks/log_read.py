"""Reading a training log: 2,000 FIT files (about five years of a runner's training), cold and
from the activity cache, and the per-file cost of every format.

    python benchmarks/log_read.py                    # 2,000 FIT files in a temporary folder
    python benchmarks/log_read.py --files 500
    python benchmarks/log_read.py --dir /tmp/fitlog  # keep the files and reuse them next time

The FIT files are written here with struct, the way a watch writes them: a file_id, device
info, timer events, a record message every second (position, distance, speed, altitude,
heart rate, cadence, temperature), a lap per kilometre, the session and the activity with
its local timestamp. Runs last 30 to 90 minutes (about 108 KB an hour), some with pauses.
One file is checked against a full fitdecode decode with CRC checks before timing.

"Cold" means an empty activity cache; the files themselves are in the OS page cache, having
just been written (dropping it needs root). Printed: the cold and cached totals against the
goals (<= 30 s, <= 2 s), where a cold FIT read spends its time, what decoding whole files
with fitdecode would cost, and the per-file cost of FIT, GPX, TCX and the three CSVs.

Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import struct
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

import fitdecode  # noqa: E402

from planner.log import LogSection, read_log  # noqa: E402
from planner.log.formats import fit as fit_reader  # noqa: E402

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.timezone.utc)
ZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = dt.datetime(2022, 1, 3, tzinfo=dt.timezone.utc)
SEMICIRCLES_PER_DEGREE = 2**31 / 180
GOALS = {"cold": 30.0, "cached": 2.0}


# ---- a FIT writer (the benchmark's own, so that writing 2,000 files takes seconds, not hours) ----

def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


CRC_TABLE = _crc_table()


def crc16(data: bytes, crc: int = 0) -> int:
    """FIT's CRC (CRC-16/ARC)."""
    table = CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


class Message:
    """A FIT message layout: global number, fields (number, base type, struct code)."""

    def __init__(self, local: int, number: int, fields: list[tuple[int, int, str]]):
        self.local = local
        self.definition = struct.pack("<BBBHB", 0x40 | local, 0, 0, number, len(fields)) + b"".join(
            struct.pack("<BBB", field, struct.calcsize("<" + code), base) for field, base, code in fields)
        self.data = struct.Struct("<B" + "".join(code for _, _, code in fields))

    def pack(self, *values) -> bytes:
        return self.data.pack(self.local, *values)


UINT8, SINT8, ENUM, UINT16, SINT32, UINT32, UINT32Z = 0x02, 0x01, 0x00, 0x84, 0x85, 0x86, 0x8C
FILE_ID = Message(0, 0, [(0, ENUM, "B"), (1, UINT16, "H"), (2, UINT16, "H"), (3, UINT32Z, "I"), (4, UINT32, "I")])
DEVICE = Message(1, 23, [(253, UINT32, "I"), (0, UINT8, "B"), (2, UINT16, "H"), (4, UINT16, "H"), (5, UINT16, "H")])
EVENT = Message(2, 21, [(253, UINT32, "I"), (0, ENUM, "B"), (1, ENUM, "B")])
RECORD = Message(3, 20, [(253, UINT32, "I"), (0, SINT32, "i"), (1, SINT32, "i"), (5, UINT32, "I"), (73, UINT32, "I"),
                         (78, UINT32, "I"), (3, UINT8, "B"), (4, UINT8, "B"), (13, SINT8, "b")])
LAP = Message(4, 19, [(253, UINT32, "I"), (2, UINT32, "I"), (7, UINT32, "I"), (8, UINT32, "I"), (9, UINT32, "I"),
                      (0, ENUM, "B"), (1, ENUM, "B")])
SESSION = Message(5, 18, [(253, UINT32, "I"), (2, UINT32, "I"), (7, UINT32, "I"), (8, UINT32, "I"), (9, UINT32, "I"),
                          (5, ENUM, "B"), (6, ENUM, "B"), (0, ENUM, "B"), (1, ENUM, "B"), (16, UINT8, "B")])
ACTIVITY = Message(6, 34, [(253, UINT32, "I"), (0, UINT32, "I"), (1, UINT16, "H"), (2, ENUM, "B"), (3, ENUM, "B"),
                           (4, ENUM, "B"), (5, UINT32, "I")])


def fit_run(start: dt.datetime, seconds: int, pause: int, metres_per_second: float, rng: random.Random) -> bytes:
    """A run's FIT file: a record every second of `seconds` of running, a `pause` halfway."""
    def stamp(moment_seconds: float) -> int:
        return round((start - FIT_EPOCH).total_seconds() + moment_seconds)

    parts = [FILE_ID.definition, FILE_ID.pack(4, 1, 3113, 3_900_000_000, stamp(0)),
             DEVICE.definition, DEVICE.pack(stamp(0), 0, 1, 3113, 1510),
             EVENT.definition, EVENT.pack(stamp(0), 0, 0), RECORD.definition]
    latitude, longitude, altitude = 52.5 + rng.random() * 0.1, 13.3 + rng.random() * 0.1, 40.0
    metres, lap_start, lap_metres, laps = 0.0, 0, 0.0, []
    for second in range(seconds + 1):
        clock = second + (pause if second > seconds // 2 else 0)
        if second == seconds // 2 + 1 and pause:
            parts += [EVENT.pack(stamp(seconds // 2), 0, 4), EVENT.pack(stamp(clock), 0, 0)]
        speed = metres_per_second * (0.9 + 0.2 * rng.random())
        metres += speed if second else 0.0
        latitude += speed / 111_000 * 0.7
        longitude += speed / 68_000 * 0.7
        altitude += rng.uniform(-0.3, 0.3)
        parts.append(RECORD.pack(stamp(clock), round(latitude * SEMICIRCLES_PER_DEGREE),
                                 round(longitude * SEMICIRCLES_PER_DEGREE), round(metres * 100), round(speed * 1000),
                                 round((altitude + 500) * 5), rng.randint(135, 165), rng.randint(84, 90), 18))
        if metres - lap_metres >= 1000 or second == seconds:
            laps.append((stamp(clock), stamp(lap_start), clock - lap_start, metres - lap_metres))
            lap_start, lap_metres = clock, metres
    parts.append(LAP.definition)
    parts += [LAP.pack(end, begin, took * 1000, took * 1000, round(length * 100), 9, 1)
              for end, begin, took, length in laps]
    end = stamp(seconds + pause)
    local_end = end + round((start + dt.timedelta(seconds=seconds + pause)).astimezone(ZONE).utcoffset().total_seconds())
    parts += [EVENT.pack(end, 0, 4), SESSION.definition,
              SESSION.pack(end, stamp(0), (seconds + pause) * 1000, seconds * 1000, round(metres * 100), 1, 0, 8, 1, 150),
              ACTIVITY.definition, ACTIVITY.pack(end, seconds * 1000, 1, 0, 26, 1, local_end)]
    body = b"".join(parts)
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", crc16(header))
    return header + body + struct.pack("<H", crc16(body, crc16(header)))


def five_years_of_runs(count: int, seed: int = 7):
    """(file name, FIT bytes, metres, moving seconds) for `count` runs spread over five years."""
    rng = random.Random(seed)
    spacing = 5 * 365 * 86400 / count
    for index in range(count):
        start = FIRST_DAY + dt.timedelta(seconds=index * spacing + rng.randint(0, 4 * 3600))
        seconds, pause = rng.randint(30, 90) * 60, rng.choice([0, 0, 0, 45, 120])
        data = fit_run(start, seconds, pause, rng.uniform(2.6, 3.4), rng)
        yield f"{start:%Y-%m-%d-%H%M%S}.fit", data


# ---- measuring ------------------------------------------------------------------------------------

def timed(action) -> tuple[float, object]:
    begin = time.perf_counter()
    result = action()
    return time.perf_counter() - begin, result


def read(folder: Path, files: list[str], cache: Path):
    return read_log(LogSection(files=files), folder / "athlete.yaml", units="km", timezone="Europe/Berlin",
                    cache_dir=cache)


def write_fit_files(folder: Path, count: int) -> float:
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("*.fit"))
    if len(existing) == count:
        print(f"reusing {count} FIT files in {folder}")
        return 0.0
    for path in existing:
        path.unlink()
    took, _ = timed(lambda: [(folder / name).write_bytes(data) for name, data in five_years_of_runs(count)])
    return took


def check_one_file(path: Path) -> None:
    """The writer's output decodes in full, CRCs included, and the reader agrees with it."""
    with fitdecode.FitReader(path, check_crc=fitdecode.CrcCheck.RAISE) as fit:
        session = next(frame for frame in fit if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "session")
    parsed = fit_reader.parse(path.read_bytes(), path.name)
    activity = parsed.activities[0]
    assert abs(activity.metres - session.get_value("total_distance")) < 0.01
    assert activity.seconds == session.get_value("total_timer_time")


def fit_breakdown(paths: list[Path]) -> dict[str, float]:
    """Mean seconds per file of each step of a cold FIT read, and of decoding whole files."""
    steps = {"read the file": 0.0, "walk the messages (summary_file)": 0.0, "decode the summary (fitdecode)": 0.0}
    for path in paths:
        took, data = timed(path.read_bytes)
        steps["read the file"] += took
        took, summary = timed(lambda: fit_reader.summary_file(data))
        steps["walk the messages (summary_file)"] += took
        took, _ = timed(lambda: fit_reader.decode(summary))
        steps["decode the summary (fitdecode)"] += took
    whole = paths[: max(1, len(paths) // 5)]
    steps["for comparison: fitdecode over the whole file, CRC checked"] = sum(
        timed(lambda: list(fitdecode.FitReader(io.BytesIO(path.read_bytes()))))[0] for path in whole) * len(paths) / len(whole)
    return {step: total / len(paths) for step, total in steps.items()}


def other_formats(folder: Path, count: int) -> dict[str, tuple[float, float, str]]:
    """Per-file seconds (cold, cached) for GPX and TCX files of an hour at 1 s, and for a CSV
    of each kind with `count` rows (None: CSVs are not cached, they are read every time)."""
    from tests.log_files import STRAVA_HEADER, StravaRow, TcxLap, gpx_text, strava_csv, tcx_text

    rng = random.Random(3)
    results = {}
    samples = 20
    starts = [FIRST_DAY + dt.timedelta(days=day, hours=6) for day in range(samples)]
    for name, make in (("gpx", lambda start: gpx_text(start, 10_000, 3600, points=3600)),
                       ("tcx", lambda start: tcx_text([TcxLap(start, 3600, 10_000, 3600)], points=3600))):
        sub = folder / name
        sub.mkdir(parents=True)
        for start in starts:
            (sub / f"{start:%Y%m%d}.{name}").write_text(make(start))
        cold, _ = timed(lambda: read(folder, [name], folder / f"cache-{name}"))
        cached, _ = timed(lambda: read(folder, [name], folder / f"cache-{name}"))
        results[f"{name.upper()} (1 h at 1 s)"] = (cold / samples, cached / samples, "")
    days = [FIRST_DAY + dt.timedelta(days=day * 0.9, hours=rng.randint(0, 4)) for day in range(count)]
    strava = strava_csv([StravaRow(f"{day:%b} {day.day}, {day:%Y, %I:%M:%S %p}", "Run", 3600, 3500, 10_000.0)
                         for day in days], header=STRAVA_HEADER)
    intervals = "start_date_local,type,moving_time,elapsed_time,distance\n" + "".join(
        f"{day:%Y-%m-%dT%H:%M:%S},Run,3500,3600,10000\n" for day in days)
    own = "date,kind,distance,minutes,rpe,note\n" + "".join(f"{day:%Y-%m-%d},easy,10,58,3,\n" for day in days)
    for name, text in (("strava", strava), ("intervals", intervals), ("planner", own)):
        path = folder / f"{name}.csv" if name != "strava" else folder / "export" / "activities.csv"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        took, log = timed(lambda: read(folder, [path.relative_to(folder).as_posix()], folder / "cache-csv"))
        assert len(log.sessions) == count
        results[f"{name} CSV ({count} rows)"] = (took, None, f"{took / count * 1e6:.0f} us a row")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="FIT files to write and read (default 2000)")
    parser.add_argument("--dir", type=Path, help="keep the FIT files here and reuse them (default: a temporary folder)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="log-read-") as scratch:
        scratch = Path(scratch)
        folder = options.dir or scratch / "fit"
        took = write_fit_files(folder, options.files)
        paths = sorted(folder.glob("*.fit"))
        size = sum(path.stat().st_size for path in paths)
        if took:
            print(f"wrote {len(paths)} FIT files ({size / 1e6:.0f} MB, {size / len(paths) / 1e3:.0f} KB each) in {took:.1f} s")
        check_one_file(paths[0])
        base = folder.parent
        cold, log = timed(lambda: read(base, [folder.name], scratch / "cache"))
        cached, again = timed(lambda: read(base, [folder.name], scratch / "cache"))
        assert len(log.sessions) == len(paths) and again == log and not log.warnings
        print(f"\n{len(paths)} FIT files, {sum(s.distance for s in log.sessions):,.0f} km, "
              f"{log.sessions[0].date} to {log.sessions[-1].date}")
        for name, seconds in (("cold (empty cache)", cold), ("from the cache", cached)):
            goal = GOALS["cold" if name.startswith("cold") else "cached"]
            verdict = "meets" if seconds <= goal else "MISSES"
            print(f"  {name:20} {seconds:7.2f} s  ({seconds / len(paths) * 1e3:6.2f} ms a file; {verdict} the {goal:g} s goal)")
        print("\nwhere a cold FIT read spends its time (ms a file, mean of 100 files):")
        steps = fit_breakdown(paths[:100])
        for step, seconds in steps.items():
            print(f"  {step:58} {seconds * 1e3:7.2f}")
        rest = cold / len(paths) - sum(list(steps.values())[:3])
        print(f"  {'the rest (listing, cache write, sessions, duplicates)':58} {rest * 1e3:7.2f}")
        print("\nper-file cost by format (ms a file):")
        print(f"  {'FIT (30-90 min at 1 s)':34} cold {cold / len(paths) * 1e3:8.2f}   cached {cached / len(paths) * 1e3:6.2f}")
        for name, (first, second, note) in other_formats(scratch / "other", options.files).items():
            again = f"cached {second * 1e3:6.2f}" if second is not None else "not cached: read every time"
            print(f"  {name:34} cold {first * 1e3:8.2f}   {again}{'   (' + note + ')' if note else ''}")


if __name__ == "__main__":
    main()
