"""Strava's activities.csv: columns by name, the metre and second copies, UTC dates."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import ConfigError
from tests.log_files import STRAVA_HEADER, StravaRow, read, strava_csv, write

RUN = StravaRow("Nov 3, 2026, 6:02:23 AM", "Run", elapsed=3723, moving=3600, metres=10_020.4, exertion="6.0")


def test_a_row_reads_back_from_the_metre_and_second_columns(tmp_path):
    write(tmp_path / "export" / "activities.csv", strava_csv([RUN], display_unit=1609.344))  # miles shown first
    (session,) = read(tmp_path, ["export/activities.csv"], timezone="Europe/Berlin").sessions
    assert session.distance == pytest.approx(10.0204)  # the metres copy, not the 6.23 mi one
    assert session.minutes == pytest.approx(60.0)  # Moving Time
    assert session.start == dt.datetime(2026, 11, 3, 7, 2, 23)  # UTC to Berlin
    assert (session.kind, session.sport, session.rpe, session.note) == ("run", "Run", 6.0, "Morning Run")
    assert session.source == "export/activities.csv row 2"


def test_columns_are_found_by_name_whatever_their_order_and_number(tmp_path):
    header = ["Filename", "Distance", "Activity Date", "Extra Column", "Moving Time", "Activity Type",
              "Elapsed Time", "Distance"]
    write(tmp_path / "activities.csv", strava_csv([RUN], header=header))
    (session,) = read(tmp_path, ["activities.csv"]).sessions
    assert session.distance == pytest.approx(10.0204) and session.minutes == pytest.approx(60.0)


def test_without_moving_time_the_later_elapsed_time_counts(tmp_path):
    row = StravaRow("Nov 3, 2026, 6:02:23 AM", "Run", elapsed=3723.4, moving=None, metres=10_000)
    write(tmp_path / "activities.csv", strava_csv([row]))
    (session,) = read(tmp_path, ["activities.csv"]).sessions
    assert session.minutes == pytest.approx(3723.4 / 60)  # the decimal copy, not the rounded first one


@pytest.mark.parametrize(("date", "timezone", "local"), [
    ("Nov 3, 2026, 11:30:00 PM", "Europe/Berlin", dt.datetime(2026, 11, 4, 0, 30)),
    ("Nov 4, 2026, 5:15:00 AM", "America/Chicago", dt.datetime(2026, 11, 3, 23, 15)),
    ("Nov 4, 2026, 5:15:00\u202fAM", None, dt.datetime(2026, 11, 4, 5, 15)),  # newer exports: narrow space
])
def test_utc_dates_become_local_dates_across_midnight(tmp_path, date, timezone, local):
    write(tmp_path / "activities.csv", strava_csv([StravaRow(date, "Run", 1800, 1800, 5000)]))
    (session,) = read(tmp_path, ["activities.csv"], timezone=timezone).sessions
    assert session.start == local and session.date == local.date()


@pytest.mark.parametrize(("activity_type", "kind"), [
    ("Run", "run"), ("Trail Run", "run"), ("Virtual Run", "run"), ("TrailRun", "run"),
    ("Weight Training", "cross"), ("Ride", "cross"), ("Walk", "cross"), ("Yoga", "cross"),
])
def test_activity_types(tmp_path, activity_type, kind):
    write(tmp_path / "activities.csv", strava_csv([StravaRow("Nov 3, 2026, 6:02:23 AM", activity_type, 1800, 1700, 5000)]))
    (session,) = read(tmp_path, ["activities.csv"]).sessions
    assert session.kind == kind and (session.distance is None) == (kind != "run")


@pytest.mark.parametrize("missing", ["Activity Date", "Activity Type", "Moving Time", "Elapsed Time"])
def test_a_missing_column_is_named(tmp_path, missing):
    header = [name for name in STRAVA_HEADER if name != missing]
    write(tmp_path / "activities.csv", strava_csv([RUN], header=header))
    with pytest.raises(ConfigError) as caught:
        read(tmp_path, ["activities.csv"])
    assert str(caught.value).startswith(f"activities.csv: column {missing!r}: is missing; Strava's activities.csv needs")


def test_a_translated_export_says_which_column_is_missing_and_to_export_in_english(tmp_path):
    french = ["ID de l'activité", "Date de l'activité", "Nom de l'activité", "Type d'activité", "Durée", "Distance"]
    write(tmp_path / "strava" / "activities.csv", ",".join(f'"{name}"' for name in french) + "\n1,x,y,Course,60,10\n")
    with pytest.raises(ConfigError) as caught:
        read(tmp_path, ["strava/"])
    assert "column 'Activity Date': is missing" in str(caught.value)
    assert "English" in str(caught.value)


def test_a_single_distance_column_is_refused_with_a_reason(tmp_path):
    header = [name for index, name in enumerate(STRAVA_HEADER) if not (name == "Distance" and index > 10)]
    write(tmp_path / "activities.csv", strava_csv([RUN], header=header))
    with pytest.raises(ConfigError, match=r"column 'Distance': appears once.*metres"):
        read(tmp_path, ["activities.csv"])


def test_a_bad_date_names_the_row_and_column(tmp_path):
    rows = [RUN, StravaRow("yesterday", "Run", 1800, 1800, 5000)]
    write(tmp_path / "activities.csv", strava_csv(rows))
    with pytest.raises(ConfigError, match=r"activities.csv: row 3: Activity Date: must be a UTC date and time like"):
        read(tmp_path, ["activities.csv"])


def test_a_row_without_any_time_is_skipped_and_reported(tmp_path):
    rows = [RUN, StravaRow("Nov 4, 2026, 6:02:23 AM", "Run", elapsed=0, moving=0, metres=None)]
    write(tmp_path / "activities.csv", strava_csv(rows))
    log = read(tmp_path, ["activities.csv"])
    assert len(log.sessions) == 1
    assert log.files[0].skipped[0].what == "activities.csv row 3"
