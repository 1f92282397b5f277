"""intervals.icu's activities CSV: local start times, seconds and metres, columns by name."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import ConfigError
from tests.log_files import read, write

EXPORT = """id,start_date_local,type,name,moving_time,elapsed_time,distance,icu_training_load,icu_rpe
i101,2026-11-03T07:02:23,Run,Easy run,3000,3100,9000.5,50,4
i102,2026-11-03T23:40:00,TrailRun,Night trail,2400,2600,6000,40,
i103,2026-11-04T18:00:00,WeightTraining,Gym,1800,1900,,20,
i104,2026-11-05T12:00:00,Ride,Commute,,1500,7000,10,
"""


def test_rows_read_back_in_local_time_seconds_and_metres(tmp_path):
    write(tmp_path / "i12345_activities.csv", EXPORT)
    sessions = read(tmp_path, ["i12345_activities.csv"], timezone="Asia/Tokyo").sessions  # local already
    assert [s.kind for s in sessions] == ["run", "run", "cross", "cross"]  # a gym session is cross-training
    assert [s.start for s in sessions] == [dt.datetime(2026, 11, 3, 7, 2, 23), dt.datetime(2026, 11, 3, 23, 40),
                                           dt.datetime(2026, 11, 4, 18), dt.datetime(2026, 11, 5, 12)]
    assert [s.distance for s in sessions] == pytest.approx([9.0005, 6.0, None, None], abs=1e-9)
    assert [s.minutes for s in sessions] == pytest.approx([50, 40, 30, 25])  # no moving_time: elapsed_time
    assert sessions[0].rpe == 4 and sessions[1].rpe is None
    assert sessions[0].source == "i12345_activities.csv row 2"


def test_miles(tmp_path):
    write(tmp_path / "a.csv", "start_date_local,type,moving_time,distance\n2026-11-03T07:00:00,Run,3000,16093.44\n")
    (session,) = read(tmp_path, ["a.csv"], units="mi").sessions
    assert session.distance == pytest.approx(10.0)


def test_a_missing_column_is_named(tmp_path):
    write(tmp_path / "a.csv", "start_date_local,type,distance\n2026-11-03T07:00:00,Run,5000\n")
    with pytest.raises(ConfigError, match=r"a.csv: column 'moving_time': is missing; intervals.icu's"):
        read(tmp_path, ["a.csv"])


def test_a_bad_number_names_the_row_and_column(tmp_path):
    write(tmp_path / "a.csv", "start_date_local,type,moving_time,distance\n2026-11-03T07:00:00,Run,3000,5 km\n")
    with pytest.raises(ConfigError, match=r"a.csv: row 2: distance: must be a number of metres, not '5 km'"):
        read(tmp_path, ["a.csv"])
