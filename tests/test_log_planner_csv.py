"""The planner's own CSV log: rows are entries, validated as the config's are."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import ConfigError
from tests.log_files import read, write

LOG = """date,kind,distance,minutes,rpe,note
2026-11-02,easy,8,50,,
2026-11-03T18:30,quality,10 km,55,7,6 x 800 m

2026-11-04,strength,,20,,hip/core
2026-11-05,long,10 mi,100.5,4,
2026-11-06,cross,,45,,bike
"""


def test_rows_read_back_as_written(tmp_path):
    write(tmp_path / "training.csv", LOG)
    sessions = read(tmp_path, ["training.csv"]).sessions
    assert [s.kind for s in sessions] == ["easy", "quality", "strength", "long", "cross"]
    assert [s.distance for s in sessions] == pytest.approx([8, 10, None, 16.09344, None], abs=1e-9)
    assert [s.minutes for s in sessions] == [50, 55, 20, 100.5, 45]
    assert sessions[1].start == dt.datetime(2026, 11, 3, 18, 30) and sessions[0].start is None
    assert sessions[1].rpe == 7 and sessions[1].note == "6 x 800 m"
    # spreadsheet rows: the header is row 1 and the blank line is row 4
    assert [s.source for s in sessions] == [f"training.csv row {n}" for n in (2, 3, 5, 6, 7)]


def test_distances_are_in_the_athletes_unit_unless_they_carry_one(tmp_path):
    write(tmp_path / "training.csv", "date,kind,distance,minutes\n2026-11-02,easy,5,50\n2026-11-03,easy,8 km,50\n")
    sessions = read(tmp_path, ["training.csv"], units="mi").sessions
    assert [s.distance for s in sessions] == pytest.approx([5, 8 / 1.609344])


@pytest.mark.parametrize(("row", "field", "allowed"), [
    ("2026-11-02,jog,8,50", "kind", "must be one of 'easy'"),
    ("2026-11-02,easy,-3,50", "distance", "must be a number"),
    ("2026-11-02,easy,,50", "distance", "is required for runs"),
    ("2026-11-02,strength,3,20", "distance", "must be left out"),
    ("2026-11-02,easy,8,0", "minutes", "greater than 0"),
    ("2026-11-02,easy,8,50,11", "rpe", "less than or equal to 10"),
    ("2026-02-30,easy,8,50", "date", "date"),
])
def test_a_bad_row_names_the_file_the_row_the_field_and_what_is_allowed(tmp_path, row, field, allowed):
    write(tmp_path / "log" / "training.csv", f"date,kind,distance,minutes,rpe\n2026-11-01,easy,5,30,\n{row}\n")
    with pytest.raises(ConfigError) as caught:
        read(tmp_path, ["log/training.csv"])
    message = str(caught.value)
    assert message.startswith(f"log/training.csv: row 3: {field}: ")
    assert allowed in message


def test_unknown_and_missing_columns_are_named(tmp_path):
    write(tmp_path / "a.csv", "date,kind,distance,minutes,pace\n2026-11-02,easy,8,50,6:15\n")
    with pytest.raises(ConfigError, match=r"a.csv: column 'pace': is not a column .*allowed: date, kind, distance"):
        read(tmp_path, ["a.csv"])
    write(tmp_path / "b.csv", "date,kind,distance\n2026-11-02,easy,8\n")
    with pytest.raises(ConfigError, match=r"b.csv: column 'minutes': is missing"):
        read(tmp_path, ["b.csv"])
