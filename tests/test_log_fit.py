"""The FIT reader: files written with fit-tool read back with the values they were written with."""

from __future__ import annotations

import datetime as dt
import io

import fitdecode
import pytest

from planner.log.formats.fit import summary_file
from tests.log_files import UTC, FitSession, fit_bytes, fit_file_id_only, gpx_text, hand_made_fit, read, write

START = dt.datetime(2026, 11, 3, 6, 2, 23, tzinfo=UTC)


def test_a_run_reads_back_with_its_distance_moving_time_and_local_start(tmp_path):
    run = FitSession(START, seconds=3000, elapsed=3300, metres=10_000, sub_sport="TRAIL")
    write(tmp_path / "log" / "run.fit", fit_bytes([run], local_offset=dt.timedelta(hours=1)))
    log = read(tmp_path, ["log/run.fit"], timezone="America/New_York")  # the file's own local time wins
    (session,) = log.sessions
    assert session.kind == "run" and session.sport == "running/trail"
    assert session.distance == pytest.approx(10.0)
    assert session.minutes == pytest.approx(50.0)  # timer time, not the 55 elapsed minutes
    assert session.start == dt.datetime(2026, 11, 3, 7, 2, 23) and session.date == dt.date(2026, 11, 3)
    assert session.source == "log/run.fit"
    assert log.files[0].format == "fit" and log.files[0].sessions == 1 and log.warnings == ()


def test_miles_and_the_exact_minutes_are_not_rounded(tmp_path):
    write(tmp_path / "run.fit", fit_bytes([FitSession(START, seconds=2937.5, metres=8046.72)]))
    (session,) = read(tmp_path, ["run.fit"], units="mi").sessions
    assert session.distance == pytest.approx(5.0)
    assert session.minutes == pytest.approx(2937.5 / 60, abs=1e-3)


def test_the_local_timestamp_moves_a_late_run_to_the_next_day(tmp_path):
    late = dt.datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
    write(tmp_path / "late.fit", fit_bytes([FitSession(late, seconds=1800, metres=5000)], local_offset=dt.timedelta(hours=2)))
    (session,) = read(tmp_path, ["late.fit"]).sessions
    assert session.date == dt.date(2026, 11, 4) and session.start == dt.datetime(2026, 11, 4, 1, 30)


def test_without_an_activity_message_the_athletes_timezone_gives_the_local_date(tmp_path):
    late = dt.datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
    write(tmp_path / "late.fit", fit_bytes([FitSession(late, seconds=1800, metres=5000)], local_offset=None))
    (session,) = read(tmp_path, ["late.fit"], timezone="Europe/Berlin").sessions
    assert session.start == dt.datetime(2026, 11, 4, 0, 30)


def test_a_multisport_file_gives_one_session_per_sport(tmp_path):
    legs = [
        FitSession(START, seconds=1200, metres=5000),
        FitSession(START + dt.timedelta(minutes=21), seconds=3600, metres=40_000, sport="CYCLING", sub_sport="ROAD"),
        FitSession(START + dt.timedelta(minutes=83), seconds=1500, metres=5000),
    ]
    write(tmp_path / "duathlon.fit", fit_bytes(legs))
    sessions = read(tmp_path, ["duathlon.fit"]).sessions
    assert [s.kind for s in sessions] == ["run", "cross", "run"]
    assert [s.source for s in sessions] == [f"duathlon.fit session {n}" for n in (1, 2, 3)]
    assert [s.minutes for s in sessions] == pytest.approx([20, 60, 25])
    assert sessions[1].distance is None  # cross-training has no running distance
    assert sessions[2].start == dt.datetime(2026, 11, 3, 7, 25, 23)


@pytest.mark.parametrize(("sport", "sub_sport", "kind"), [
    ("RUNNING", "TREADMILL", "run"), ("RUNNING", "VIRTUAL_ACTIVITY", "run"), ("RUNNING", "INDOOR_RUNNING", "run"),
    ("TRAINING", "STRENGTH_TRAINING", "cross"), ("SWIMMING", "LAP_SWIMMING", "cross"), ("WALKING", "GENERIC", "cross"),
])
def test_sports_become_runs_or_cross_training(tmp_path, sport, sub_sport, kind):
    write(tmp_path / "a.fit", fit_bytes([FitSession(START, seconds=1800, metres=4000, sport=sport, sub_sport=sub_sport)]))
    (session,) = read(tmp_path, ["a.fit"]).sessions
    assert session.kind == kind


def test_a_gzipped_fit_file_reads_the_same(tmp_path):
    data = fit_bytes([FitSession(START, seconds=2400, metres=7000)])
    write(tmp_path / "plain" / "run.fit", data)
    write(tmp_path / "zipped" / "run.fit.gz", data, compress=True)
    plain, = read(tmp_path, ["plain/run.fit"]).sessions
    zipped, = read(tmp_path, ["zipped/run.fit.gz"]).sessions
    assert (zipped.distance, zipped.minutes, zipped.start) == (plain.distance, plain.minutes, plain.start)


@pytest.mark.parametrize("damage", ["truncated", "not_fit", "garbage", "bad_gzip"])
def test_a_broken_file_is_named_and_skipped_with_a_warning(tmp_path, damage):
    good = fit_bytes([FitSession(START, seconds=2400, metres=7000)])
    broken = {
        "truncated": ("bad.fit", good[: len(good) // 2]),
        "not_fit": ("bad.fit", gpx_text(START, 5000, 1800).encode()),
        "garbage": ("bad.fit", good[:14] + bytes(range(256)) * 4),
        "bad_gzip": ("bad.fit.gz", b"\x1f\x8b not really gzip"),
    }[damage]
    write(tmp_path / "log" / "good.fit", good)
    write(tmp_path / "log" / broken[0], broken[1])
    log = read(tmp_path, ["log/"])
    assert [s.source for s in log.sessions] == ["log/good.fit"]
    (warning,) = log.warnings
    assert warning.startswith(f"log/{broken[0]} ") and warning.endswith("; skipped")
    report = next(f for f in log.files if f.path == f"log/{broken[0]}")
    assert report.sessions == 0 and report.skipped[0].what == f"log/{broken[0]}"


def test_a_fit_file_without_sessions_is_reported_but_not_a_warning(tmp_path):
    write(tmp_path / "settings.fit", fit_file_id_only())
    log = read(tmp_path, ["settings.fit"])
    assert log.sessions == () and log.warnings == ()
    assert "no session messages" in log.files[0].skipped[0].why


def _decoded_sessions(data: bytes) -> list[dict]:
    with fitdecode.FitReader(io.BytesIO(data)) as fit:
        return [{field.name: field.value for field in frame.fields} for frame in fit
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name in ("session", "activity")]


def test_the_summary_file_decodes_to_the_same_summary_messages_as_the_whole_file():
    legs = [FitSession(START, seconds=1200, metres=5000),
            FitSession(START + dt.timedelta(minutes=30), seconds=3000, metres=30_000, sport="CYCLING")]
    data = fit_bytes(legs, local_offset=dt.timedelta(hours=-5), records_per_session=200)
    summary = summary_file(data)
    assert len(summary) < len(data) / 5
    assert _decoded_sessions(summary) == _decoded_sessions(data)


def test_chained_fit_files_are_all_read(tmp_path):
    first = fit_bytes([FitSession(START, seconds=1200, metres=4000)])
    second = fit_bytes([FitSession(START + dt.timedelta(hours=3), seconds=1800, metres=6000)])
    write(tmp_path / "chained.fit", first + second)
    sessions = read(tmp_path, ["chained.fit"]).sessions
    assert [s.distance for s in sessions] == pytest.approx([4.0, 6.0])


def test_developer_fields_compressed_timestamps_and_big_endian_definitions(tmp_path):
    data = hand_made_fit(START, seconds=1800, metres=5000)
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as fit:  # a valid file
        frames = [frame for frame in fit if frame.frame_type == fitdecode.FIT_FRAME_DATA]
    assert sum(frame.name == "record" for frame in frames) == 181
    assert _decoded_sessions(summary_file(data)) == _decoded_sessions(data)
    write(tmp_path / "a.fit", data)
    (session,) = read(tmp_path, ["a.fit"], timezone="Europe/Berlin").sessions
    assert session.distance == pytest.approx(5.0) and session.minutes == pytest.approx(30.0)
    assert session.start == dt.datetime(2026, 11, 3, 7, 2, 23)  # no activity message: athlete.timezone
