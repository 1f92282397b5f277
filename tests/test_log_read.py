"""read_log as a whole: folders, order, duplicates, errors, warnings and the activity cache."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pytest

import planner.log.formats.fit as fit_reader
from planner.errors import ConfigError
from planner.log import LogSection, read_log
from tests.conftest import ROOT
from tests.log_files import UTC, FitSession, StravaRow, TcxLap, fit_bytes, gpx_text, read, strava_csv, tcx_text, write

MONDAY = dt.datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


def a_week_of_files(root):
    """Mon FIT run, Tue GPX run, Wed TCX ride, Thu a CSV row, Fri Strava export with Monday's run again."""
    write(root / "log" / "watch" / "mon.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    write(root / "log" / "watch" / "tue.gpx.gz", gpx_text(MONDAY + dt.timedelta(days=1), 6000, 2160), compress=True)
    write(root / "log" / "watch" / "wed.tcx", tcx_text([TcxLap(MONDAY + dt.timedelta(days=2), 3600, 30_000, 3600)],
                                                       sport="Biking"))
    write(root / "log" / "training.csv", "date,kind,distance,minutes,rpe\n2026-11-05,quality,8,45,7\n")
    write(root / "log" / "export" / "activities.csv", strava_csv([
        StravaRow("Nov 2, 2026, 6:02:00 AM", "Run", 3100, 2990, 10_150),  # Monday's run: 2 min, 1.5 % apart
        StravaRow("Nov 6, 2026, 6:00:00 AM", "Weight Training", 1500, 1500, None),
    ]))


def test_a_folder_is_every_log_file_below_it_in_order_of_date(tmp_path):
    a_week_of_files(tmp_path)
    write(tmp_path / "log" / "notes.txt", "not a log")
    write(tmp_path / "log" / ".hidden" / "old.fit", b"junk")
    write(tmp_path / "log" / "export" / "profile.csv", "Athlete ID,Email\n1,a@b.c\n")  # the archive's other CSVs
    write(tmp_path / "log" / "export" / "media.csv", "Activity ID,Media Filename\n1,media/1.jpg\n")
    log = read(tmp_path, ["log/"], entries=[{"date": "2026-11-07", "kind": "long", "distance": 16, "minutes": 100}])
    assert [(s.date.day, s.kind) for s in log.sessions] == [
        (2, "run"), (3, "run"), (4, "cross"), (5, "quality"), (6, "cross"), (7, "long")]
    assert [s.source for s in log.sessions] == [
        "log/watch/mon.fit", "log/watch/tue.gpx.gz", "log/watch/wed.tcx", "log/training.csv row 2",
        "log/export/activities.csv row 3", "log.entries.0"]
    assert [(f.path, f.format, f.sessions) for f in log.files] == [
        ("log/export/activities.csv", "strava-csv", 2), ("log/export/media.csv", "csv", 0),
        ("log/export/profile.csv", "csv", 0),
        ("log/training.csv", "planner-csv", 1), ("log/watch/mon.fit", "fit", 1), ("log/watch/tue.gpx.gz", "gpx", 1),
        ("log/watch/wed.tcx", "tcx", 1), ("log.entries", "entries", 1)]
    assert log.warnings == ()


def test_the_same_run_in_a_fit_file_and_the_strava_export_counts_once_and_the_fit_copy_is_kept(tmp_path):
    a_week_of_files(tmp_path)
    log = read(tmp_path, ["log/export/activities.csv", "log/watch/mon.fit"])
    (duplicate,) = log.duplicates
    assert duplicate.kept.source == "log/watch/mon.fit"
    assert duplicate.dropped.source == "log/export/activities.csv row 2"
    assert [s.source for s in log.sessions if s.date == dt.date(2026, 11, 2)] == ["log/watch/mon.fit"]
    strava = next(f for f in log.files if f.format == "strava-csv")
    assert strava.sessions == 2 and "is the same session as log/watch/mon.fit" in strava.skipped[0].why


def test_an_entry_with_a_start_time_is_kept_over_the_watch_file(tmp_path):
    write(tmp_path / "mon.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    entry = {"date": "2026-11-02T06:03:00", "kind": "long", "distance": 10.2, "minutes": 50, "rpe": 5}
    log = read(tmp_path, ["mon.fit"], entries=[entry])
    assert [s.source for s in log.sessions] == ["log.entries.0"] and log.sessions[0].kind == "long"


@pytest.mark.parametrize(("minutes_later", "metres", "counted"), [
    (4.9, 10_490, 1),  # within 5 minutes and 5 %
    (5.5, 10_000, 2),  # started more than 5 minutes apart
    (1.0, 10_600, 2),  # distances more than 5 % apart
])
def test_duplicates_need_starts_within_five_minutes_and_distances_within_five_percent(
        tmp_path, minutes_later, metres, counted):
    write(tmp_path / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    later = MONDAY + dt.timedelta(minutes=minutes_later)
    write(tmp_path / "b.fit", fit_bytes([FitSession(later, seconds=3000, metres=metres)]))
    assert len(read(tmp_path, ["a.fit", "b.fit"]).sessions) == counted


def test_an_entry_with_a_utc_offset_is_dated_in_the_athletes_timezone(tmp_path):
    entries = [{"date": "2026-11-02T23:30:00+00:00", "kind": "easy", "distance": 8, "minutes": 50},
               {"date": "2026-11-02T23:30:00", "kind": "easy", "distance": 8, "minutes": 50}]  # local already
    starts = {s.source: s.start for s in read(tmp_path, [], entries=entries, timezone="Europe/Berlin").sessions}
    assert starts == {"log.entries.0": dt.datetime(2026, 11, 3, 0, 30), "log.entries.1": dt.datetime(2026, 11, 2, 23, 30)}


def test_entries_without_a_start_time_are_never_duplicates(tmp_path):
    entries = [{"date": "2026-11-02", "kind": "easy", "distance": 8, "minutes": 50}] * 2
    assert len(read(tmp_path, [], entries=entries).sessions) == 2


def test_a_file_named_twice_is_read_once(tmp_path):
    write(tmp_path / "log" / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    log = read(tmp_path, ["log/", "log/a.fit"])
    assert len(log.sessions) == 1 and len(log.files) == 1 and log.duplicates == ()


def test_a_broken_file_does_not_lose_the_rest_of_the_folder(tmp_path):
    a_week_of_files(tmp_path)
    good = (tmp_path / "log" / "watch" / "mon.fit").read_bytes()
    write(tmp_path / "log" / "watch" / "broken.fit", good[:-40])
    log = read(tmp_path, ["log/"])
    assert len(log.sessions) == 5
    (warning,) = log.warnings
    assert warning.startswith("log/watch/broken.fit is truncated") and warning.endswith("; skipped")


def test_missing_files_and_unknown_kinds_of_file_are_errors_naming_the_entry(tmp_path):
    write(tmp_path / "notes.txt", "x")
    write(tmp_path / "contacts.csv", "name,phone\nA,1\n")
    with pytest.raises(ConfigError, match=r"athlete.yaml: log.files.1: 'nowhere/' does not exist"):
        read(tmp_path, [".", "nowhere/"])
    with pytest.raises(ConfigError, match=r"log.files.0: 'notes.txt' is not a log file this planner reads: .csv"):
        read(tmp_path, ["notes.txt"])
    with pytest.raises(ConfigError, match=r"log.files.0: contacts.csv is not a training log CSV"):
        read(tmp_path, ["contacts.csv"])


def test_an_empty_folder_is_a_warning(tmp_path):
    (tmp_path / "watch").mkdir()
    log = read(tmp_path, ["watch"])
    assert log.sessions == () and log.warnings[0].startswith("log.files.0: the folder 'watch' holds no log files")


def test_without_a_log_there_is_nothing(tmp_path):
    log = read_log(None, tmp_path / "athlete.yaml", cache_dir=tmp_path / "cache")
    assert log.sessions == log.files == log.warnings == ()


def test_files_are_relative_to_the_config_files_folder_not_the_working_directory(tmp_path, monkeypatch):
    write(tmp_path / "athlete" / "log" / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    monkeypatch.chdir(tmp_path)
    log = read_log(LogSection(files=["log"]), "athlete/athlete.yaml", cache_dir=tmp_path / "cache")
    assert [s.source for s in log.sessions] == ["log/a.fit"]


# ---- the cache --------------------------------------------------------------------------------------

@pytest.fixture
def fit_parses(monkeypatch):
    """Counts calls to the FIT reader's parse."""
    calls = []
    real = fit_reader.parse

    def counting(data, shown):
        calls.append(shown)
        return real(data, shown)

    monkeypatch.setattr(fit_reader, "parse", counting)
    return calls


def test_a_second_read_comes_from_the_cache_without_parsing(tmp_path, fit_parses):
    for day in range(3):
        start = MONDAY + dt.timedelta(days=day)
        write(tmp_path / "log" / f"{day}.fit", fit_bytes([FitSession(start, seconds=3000, metres=10_000)]))
    first = read(tmp_path, ["log"])
    assert len(fit_parses) == 3
    second = read(tmp_path, ["log"])
    assert len(fit_parses) == 3  # nothing parsed again
    assert second == first


def test_a_change_of_units_or_timezone_needs_no_new_parse(tmp_path, fit_parses):
    late = dt.datetime(2026, 11, 2, 23, 30, tzinfo=UTC)
    write(tmp_path / "a.fit", fit_bytes([FitSession(late, seconds=3000, metres=16_093.44)], local_offset=None))
    assert read(tmp_path, ["a.fit"]).sessions[0].date == dt.date(2026, 11, 2)
    (session,) = read(tmp_path, ["a.fit"], units="mi", timezone="Asia/Kolkata").sessions
    assert len(fit_parses) == 1
    assert session.distance == pytest.approx(10.0) and session.start == dt.datetime(2026, 11, 3, 5, 0)


def test_a_changed_file_is_parsed_again(tmp_path, fit_parses):
    path = write(tmp_path / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    read(tmp_path, ["a.fit"])
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # touched: same bytes, newer time
    read(tmp_path, ["a.fit"])
    assert len(fit_parses) == 2
    write(path, fit_bytes([FitSession(MONDAY, seconds=3600, metres=12_345)], records_per_session=40))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # new bytes, a new size, the same time
    (session,) = read(tmp_path, ["a.fit"]).sessions
    assert len(fit_parses) == 3 and session.distance == pytest.approx(12.345)


def test_a_broken_file_is_remembered_and_still_warned_about(tmp_path, fit_parses):
    write(tmp_path / "bad.fit", b".FIT but not really")
    first = read(tmp_path, ["bad.fit"])
    second = read(tmp_path, ["bad.fit"])
    assert len(fit_parses) == 1 and first.warnings == second.warnings and len(second.warnings) == 1


def test_a_corrupt_cache_is_ignored(tmp_path, fit_parses):
    write(tmp_path / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    expected = read(tmp_path, ["a.fit"]).sessions
    (entry,) = (tmp_path / "cache").iterdir()
    for damage in ("{not json", json.dumps({"key": "wrong shape"}), ""):
        entry.write_text(damage)
        assert read(tmp_path, ["a.fit"]).sessions == expected
    assert len(fit_parses) == 4


def test_an_unwritable_cache_only_warns(tmp_path):
    write(tmp_path / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    blocker = write(tmp_path / "cache", "a file where the cache folder should be")
    log = read_log(LogSection(files=["a.fit"]), tmp_path / "athlete.yaml", cache_dir=blocker / "activities")
    assert len(log.sessions) == 1
    assert log.warnings[0].startswith(f"the activity cache {blocker / 'activities'} cannot be written")


def test_the_cache_folder_follows_planner_cache_dir_then_xdg_cache_home(tmp_path, monkeypatch):
    write(tmp_path / "a.fit", fit_bytes([FitSession(MONDAY, seconds=3000, metres=10_000)]))
    monkeypatch.delenv("PLANNER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    read_log(LogSection(files=["a.fit"]), tmp_path / "athlete.yaml")
    assert len(list((tmp_path / "xdg" / "running-planner" / "activities").glob("*.json"))) == 1
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(tmp_path / "mine"))
    read_log(LogSection(files=["a.fit"]), tmp_path / "athlete.yaml")
    assert len(list((tmp_path / "mine").glob("*.json"))) == 1


def test_two_processes_reading_at_once_share_the_cache_safely(tmp_path):
    for day in range(30):
        start = MONDAY + dt.timedelta(days=day)
        write(tmp_path / "log" / f"{day:02}.fit", fit_bytes([FitSession(start, seconds=1800, metres=5000)]))
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from planner.log import LogSection, read_log
        log = read_log(LogSection(files=["log"]), {str(tmp_path / "athlete.yaml")!r}, cache_dir={str(tmp_path / "cache")!r})
        print(len(log.sessions), len(log.warnings))
    """)
    runs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    assert [run.communicate(timeout=120)[0].split() for run in runs] == [["30", "0"], ["30", "0"]]
    entries = list((tmp_path / "cache").iterdir())
    assert len(entries) == 30 and all(json.loads(entry.read_text())["activities"] for entry in entries)


def test_the_example_log_reads_as_its_files_were_made(tmp_path):
    """examples/log/: the hand-kept CSV and the three activity files of examples/log/make_files.py."""
    import importlib.util

    import yaml

    spec = importlib.util.spec_from_file_location("make_files", ROOT / "examples" / "log" / "make_files.py")
    make_files = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_files)
    config = ROOT / "examples" / "logged_runner.yaml"
    data = yaml.safe_load(config.read_text())
    log = read_log(LogSection.model_validate(data["log"]), config, units=data["athlete"]["units"],
                   timezone=data["athlete"]["timezone"], cache_dir=tmp_path)
    assert log.warnings == () and log.duplicates == ()
    by_source = {session.source: session for session in log.sessions}
    long_run, easy_run, treadmill = by_source["log/long_run.fit"], by_source["log/easy_run.gpx"], by_source["log/treadmill.tcx"]
    assert long_run.start == (make_files.LONG_RUN.start + make_files.BERLIN_WINTER).replace(tzinfo=None)
    assert long_run.distance == pytest.approx(make_files.LONG_RUN.metres / 1000)
    assert long_run.minutes == pytest.approx(make_files.LONG_RUN.seconds / 60)
    assert easy_run.distance == pytest.approx(make_files.EASY_RUN["metres"] / 1000, rel=0.005)
    assert easy_run.start.hour == make_files.EASY_RUN["start"].hour + 1  # Berlin, UTC+1 in November
    assert treadmill.minutes == pytest.approx(make_files.TREADMILL.seconds / 60)
    rows = (ROOT / "examples" / "log" / "training.csv").read_text().splitlines()[1:]
    assert sum(1 for s in log.sessions if s.source.startswith("log/training.csv")) == len(rows)
    assert all(s.date < data["plan"]["start"] for s in log.sessions)
