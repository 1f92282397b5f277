"""Writes the example training log's activity files; run once, the files are committed.

    .venv/bin/python examples/log/make_files.py     # needs fit-tool: pip install -e '.[test]'

Three sessions of the four weeks before examples/logged_runner.yaml's plan starts, each as a
different device would record it: a Sunday long run from a watch (FIT, with the watch's local
time), an evening easy run from a phone app (GPX, UTC) and a treadmill run (TCX, no GPS).
The rest of the log is the hand-kept training.csv beside them. The values below are what a
reader must find in the files (the example's tests check them).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.log_files import UTC, FitSession, TcxLap, fit_bytes, gpx_text, tcx_text, write  # noqa: E402

BERLIN_WINTER = dt.timedelta(hours=1)
LONG_RUN = FitSession(dt.datetime(2026, 11, 22, 7, 30, tzinfo=UTC), seconds=75 * 60, elapsed=77 * 60, metres=12_000)
EASY_RUN = {"start": dt.datetime(2026, 11, 25, 17, 0, tzinfo=UTC), "metres": 7000, "seconds": 44 * 60}
TREADMILL = TcxLap(dt.datetime(2026, 11, 27, 6, 15, tzinfo=UTC), seconds=31 * 60, metres=5000, elapsed=31 * 60)


def main() -> None:
    write(HERE / "long_run.fit", fit_bytes([LONG_RUN], local_offset=BERLIN_WINTER, records_per_session=60))
    write(HERE / "easy_run.gpx", gpx_text(**EASY_RUN, track_type="running", points=45))
    write(HERE / "treadmill.tcx", tcx_text([TREADMILL], positions=False, points=31))
    for name in ("long_run.fit", "easy_run.gpx", "treadmill.tcx"):
        print(f"wrote {HERE / name} ({(HERE / name).stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
