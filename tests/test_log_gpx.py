"""The GPX reader: tracks written as text read back with their length, duration, date and kind."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.log_files import UTC, gpx_text, read, write

START = dt.datetime(2026, 11, 3, 6, 0, tzinfo=UTC)


def test_a_track_reads_back_as_a_run_with_its_length_and_elapsed_minutes(tmp_path):
    write(tmp_path / "log" / "morning.gpx", gpx_text(START, metres=8000, seconds=2880))
    (session,) = read(tmp_path, ["log/morning.gpx"], timezone="Europe/Berlin").sessions
    assert session.kind == "run" and session.sport is None  # no type: a run
    assert session.distance == pytest.approx(8.0, rel=0.005)  # 2-D length along the meridian
    assert session.minutes == pytest.approx(48.0)  # GPX has no pauses: elapsed time
    assert session.start == dt.datetime(2026, 11, 3, 7, 0)  # UTC 06:00 is 07:00 in Berlin
    assert session.source == "log/morning.gpx"


def test_miles(tmp_path):
    write(tmp_path / "a.gpx", gpx_text(START, metres=1609.344 * 3, seconds=1800))
    (session,) = read(tmp_path, ["a.gpx"], units="mi").sessions
    assert session.distance == pytest.approx(3.0, rel=0.005)


@pytest.mark.parametrize(("timezone", "utc", "local"), [
    ("Europe/Berlin", dt.datetime(2026, 11, 3, 23, 30, tzinfo=UTC), dt.datetime(2026, 11, 4, 0, 30)),
    ("America/Los_Angeles", dt.datetime(2026, 11, 4, 6, 0, tzinfo=UTC), dt.datetime(2026, 11, 3, 22, 0)),
    (None, dt.datetime(2026, 11, 3, 23, 30, tzinfo=UTC), dt.datetime(2026, 11, 3, 23, 30)),
])
def test_utc_times_are_dated_in_the_athletes_timezone_across_midnight(tmp_path, timezone, utc, local):
    write(tmp_path / "a.gpx", gpx_text(utc, metres=5000, seconds=1800))
    (session,) = read(tmp_path, ["a.gpx"], timezone=timezone).sessions
    assert session.start == local and session.date == local.date()


@pytest.mark.parametrize(("track_type", "kind"), [
    ("running", "run"), ("trail_running", "run"), ("9", "run"), ("cycling", "cross"), ("Hiking", "cross"),
])
def test_the_track_type_is_read_when_there_is_one(tmp_path, track_type, kind):
    write(tmp_path / "a.gpx", gpx_text(START, metres=5000, seconds=1800, track_type=track_type))
    (session,) = read(tmp_path, ["a.gpx"]).sessions
    assert session.kind == kind and session.sport == track_type


def test_each_track_is_a_session(tmp_path):
    write(tmp_path / "two.gpx", gpx_text(START, metres=5000, seconds=1800, tracks=2))
    sessions = read(tmp_path, ["two.gpx"]).sessions
    assert [s.source for s in sessions] == ["two.gpx track 1", "two.gpx track 2"]
    assert sessions[1].start - sessions[0].start == dt.timedelta(hours=1)


def test_gzip_and_leading_whitespace(tmp_path):
    write(tmp_path / "a.gpx.gz", "\n   \n" + gpx_text(START, metres=6000, seconds=2000), compress=True)
    (session,) = read(tmp_path, ["a.gpx.gz"]).sessions
    assert session.distance == pytest.approx(6.0, rel=0.005)


def test_a_route_without_times_is_skipped_and_reported(tmp_path):
    route = ('<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
             '<trk><trkseg><trkpt lat="52.0" lon="13.4"/><trkpt lat="52.01" lon="13.4"/></trkseg></trk></gpx>')
    write(tmp_path / "route.gpx", route)
    log = read(tmp_path, ["route.gpx"])
    assert log.sessions == () and log.warnings == ()
    assert "no times" in log.files[0].skipped[0].why


def test_a_broken_gpx_file_is_skipped_with_a_warning(tmp_path):
    write(tmp_path / "log" / "cut.gpx", gpx_text(START, metres=6000, seconds=2000)[:400])
    write(tmp_path / "log" / "fine.gpx", gpx_text(START + dt.timedelta(days=1), metres=6000, seconds=2000))
    log = read(tmp_path, ["log"])
    assert [s.source for s in log.sessions] == ["log/fine.gpx"]
    assert len(log.warnings) == 1 and log.warnings[0].startswith("log/cut.gpx cannot be read as a GPX track")
