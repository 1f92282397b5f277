"""The TCX reader: laps written as text read back with their distance, timer time, date and kind."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.log_files import UTC, TcxLap, read, tcx_text, write

START = dt.datetime(2026, 11, 3, 17, 0, tzinfo=UTC)


def two_laps(start: dt.datetime = START) -> list[TcxLap]:
    """5 km in 1500 s of timer time, then 5 km in 1560 s after a 4-minute pause."""
    return [TcxLap(start, seconds=1500, metres=5000, elapsed=1500),
            TcxLap(start + dt.timedelta(seconds=1740), seconds=1560, metres=5000, elapsed=1560)]


def test_laps_read_back_with_summed_distance_and_timer_time(tmp_path):
    write(tmp_path / "log" / "evening.tcx", tcx_text(two_laps()))
    (session,) = read(tmp_path, ["log/evening.tcx"], timezone="Asia/Tokyo").sessions
    assert session.kind == "run" and session.sport == "Running"
    assert session.distance == pytest.approx(10.0)
    assert session.minutes == pytest.approx(51.0)  # 1500 + 1560 s; the pause is not counted
    assert session.start == dt.datetime(2026, 11, 4, 2, 0) and session.date == dt.date(2026, 11, 4)  # UTC+9


def test_a_treadmill_run_without_gps_keeps_its_time(tmp_path):
    write(tmp_path / "treadmill.tcx", tcx_text([TcxLap(START, seconds=None, metres=6000, elapsed=2100)], positions=False))
    (session,) = read(tmp_path, ["treadmill.tcx"]).sessions
    assert session.minutes == pytest.approx(35.0)  # no TotalTimeSeconds: first to last trackpoint
    assert session.distance == pytest.approx(6.0)


def test_leading_whitespace_and_gzip(tmp_path):
    write(tmp_path / "a.tcx.gz", "  \n\t" + tcx_text(two_laps()), compress=True)
    (session,) = read(tmp_path, ["a.tcx.gz"]).sessions
    assert session.distance == pytest.approx(10.0)


@pytest.mark.parametrize(("sport", "kind"), [("Running", "run"), ("Biking", "cross"), ("Other", "cross")])
def test_the_sport_attribute_gives_the_kind(tmp_path, sport, kind):
    write(tmp_path / "a.tcx", tcx_text(two_laps(), sport=sport))
    (session,) = read(tmp_path, ["a.tcx"]).sessions
    assert session.kind == kind and (session.distance is None) == (kind != "run")


def test_a_broken_tcx_file_is_skipped_with_a_warning(tmp_path):
    write(tmp_path / "log" / "cut.tcx", tcx_text(two_laps())[:300])
    write(tmp_path / "log" / "fine.tcx", tcx_text(two_laps(START + dt.timedelta(days=1))))
    log = read(tmp_path, ["log/"])
    assert [s.source for s in log.sessions] == ["log/fine.tcx"]
    assert len(log.warnings) == 1 and log.warnings[0].startswith("log/cut.tcx cannot be read as a TCX activity file")
