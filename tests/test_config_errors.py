"""Config mistakes (issue 15): every mistake of a file at once, each naming the file and the
field, with the fix where people trip (typos, unquoted paces, distances and dates as people
write them, NaN, true for a number, keys given twice)."""

from __future__ import annotations

import copy
import pickle
import textwrap

import pytest
import yaml
from typer.testing import CliRunner

import planner
from planner.checkin import add_checkin
from planner.cli import app
from planner.config import load_config
from planner.errors import ConfigError
from tests.conftest import BASE_CONFIG

runner = CliRunner()

GOOD_YAML = """\
athlete:
  name: Dana Ruiz
  units: km
  easy_pace: "6:00"
history:
  weekly_distance: [30, 32, 31, 33]
  longest_recent_run: 14
goal:
  target_weekly_distance: 45
plan:
  start: 2026-11-30
  weeks: 3
availability:
  tue: 60
  wed: 60
  thu: 60
  sat: 120
  sun: 150
"""


def with_line(old: str, new: str, text: str = GOOD_YAML) -> str:
    """GOOD_YAML with the line `old` (stripped) replaced by `new` at the same indent."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == old)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = indent + new
    return "\n".join(lines) + "\n"


def problems_of(tmp_path, text: str, name: str = "athlete.yaml") -> tuple[ConfigError, str]:
    """The ConfigError of the config `text` and the path it was written to."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value, str(path)


def problem_at(error: ConfigError, field: str) -> str:
    found = [problem.problem for problem in error.problems if problem.field == field]
    assert found, f"no problem at {field}: {[p.field for p in error.problems]}"
    return found[0]


def test_the_good_config_loads(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(GOOD_YAML)
    assert load_config(path).availability.tue == 60


# ---- every mistake at once ----------------------------------------------------------------------

SEVERAL = with_line("tue: 60", "tue: -5", with_line("easy_pace: \"6:00\"", "easy_pace: six",
                                                    with_line("weeks: 3", "weeks: 60")))


def test_every_mistake_of_a_file_is_reported_and_the_first_stays_field_and_problem(tmp_path):
    error, path = problems_of(tmp_path, SEVERAL)
    assert [p.field for p in error.problems] == ["athlete.easy_pace", "plan.weeks", "availability.tue"]
    assert (error.field, error.problem) == (error.problems[0].field, error.problems[0].problem)
    assert str(error).splitlines() == [f"{path}: {p.field}: {p.problem}" for p in error.problems]


def test_the_cli_prints_each_mistake_on_its_own_line_exits_2_and_writes_nothing(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(SEVERAL)
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(path), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 3
    for line, field in zip(lines, ["athlete.easy_pace", "plan.weeks", "availability.tue"]):
        assert line.startswith(f"error: {path}: {field}: ")


def test_rules_spanning_fields_are_all_reported_too(base_config):
    del base_config["plan"]["weeks"]
    del base_config["history"]
    base_config["availability"]["long_run_days"] = []
    with pytest.raises(ConfigError) as caught:
        load_config(base_config)
    assert [p.field for p in caught.value.problems] == ["plan.weeks", "history", "availability.long_run_days"]


def test_the_api_raises_one_error_with_every_problem(base_config):
    base_config["availability"]["tue"] = -1
    base_config["strength"]["minutes"] = 500
    with pytest.raises(ConfigError) as caught:
        planner.plan(base_config)
    assert {p.field for p in caught.value.problems} == {"availability.tue", "strength.minutes"}


def test_overrides_mark_each_problem_they_caused(base_config):
    with pytest.raises(ConfigError) as caught:
        planner.plan(base_config, overrides={"rules.acwr_max": 9, "availability.tue": -1})
    assert "(set by the override rules.acwr_max=9)" in problem_at(caught.value, "rules.acwr_max")
    assert "(set by the override availability.tue=-1)" in problem_at(caught.value, "availability.tue")


def test_a_config_error_survives_pickling_whole(tmp_path):
    error, _ = problems_of(tmp_path, SEVERAL)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.problems == error.problems


def test_a_batch_row_shows_every_problem_on_one_line(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    (roster / "dana.yaml").write_text(SEVERAL)
    out_dir = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(roster), "-o", str(out_dir), "--workers", "1"])
    assert result.exit_code == 1
    import csv

    with (out_dir / "summary.csv").open(newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["status"] == "invalid"
    error = next(value for value in row.values() if value and "athlete.easy_pace" in value)
    assert "\n" not in error
    for field in ("athlete.easy_pace: ", "; plan.weeks: ", "; availability.tue: "):
        assert field in error


def test_a_checkin_reports_every_bad_field(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(GOOD_YAML)
    fields = {"date": "2026-11-20", "location": "back", "severity": 11, "character": "dull", "during": "rest"}
    with pytest.raises(ConfigError) as caught:
        add_checkin(path, fields)
    assert [p.field for p in caught.value.problems] == ["check-in location", "check-in severity"]
    assert path.read_text() == GOOD_YAML


# ---- unknown fields: did you mean ---------------------------------------------------------------

def test_a_misspelt_section_says_so_and_not_that_the_real_one_is_missing(tmp_path):
    error, path = problems_of(tmp_path, GOOD_YAML.replace("availability:", "avalability:"))
    assert error.field == "avalability"
    assert "is not a known section" in error.problem and "did you mean availability?" in error.problem
    assert not any(p.field == "availability" and "required" in p.problem for p in error.problems)
    assert str(error).startswith(f"{path}: avalability: ")


def test_the_mistakes_inside_a_misspelt_section_are_found_too(tmp_path):
    text = GOOD_YAML.replace("availability:", "avalability:").replace("tue: 60", "tue: -5")
    error, _ = problems_of(tmp_path, text)
    assert [p.field for p in error.problems] == ["avalability", "availability.tue"]
    assert "greater than or equal to 0" in error.problems[1].problem


@pytest.mark.parametrize(("old", "new", "field", "meant"), [
    ("tue: 60", "tuesday: 60", "availability.tuesday", "tue"),
    ("longest_recent_run: 14", "longest_run: 14", "history.longest_run", "longest_recent_run"),
    ("target_weekly_distance: 45", "target_weekly_distnce: 45", "goal.target_weekly_distnce", "target_weekly_distance"),
    ("weeks: 3", "Weeks: 3", "plan.Weeks", "weeks"),
])
def test_an_unknown_field_gets_the_known_name_it_misspells(tmp_path, old, new, field, meant):
    error, _ = problems_of(tmp_path, with_line(old, new))
    assert error.field == field
    assert "is not a known field" in error.problem and f"did you mean {meant}?" in error.problem


def test_a_misspelt_field_beside_the_real_one_still_gets_the_hint(tmp_path):
    error, _ = problems_of(tmp_path, with_line("tue: 60", "tue: 60\n  tues: 30"))
    assert error.field == "availability.tues" and "did you mean tue?" in error.problem


def test_an_unknown_field_with_no_close_name_lists_the_known_ones(tmp_path):
    error, _ = problems_of(tmp_path, with_line("tue: 60", "zzz: 60"))
    assert error.field == "availability.zzz" and "did you mean" not in error.problem
    assert "mon, tue, wed, thu, fri, sat, sun, long_run_days, blackout" in error.problem


def test_a_misspelt_checkin_field_is_named_with_its_index(base_config):
    base_config["pain"] = {"checkins": [{"date": "2026-11-20", "location": "hip", "severity": 2, "character": "dull",
                                         "during": "rest", "onset_distnce": 4}]}
    with pytest.raises(ConfigError) as caught:
        load_config(base_config)
    assert caught.value.field == "pain.checkins.0.onset_distnce"
    assert "did you mean onset_distance?" in caught.value.problem


# ---- hints where people trip --------------------------------------------------------------------

def test_an_unquoted_pace_says_to_quote_it(tmp_path):
    error, path = problems_of(tmp_path, with_line('easy_pace: "6:00"', "easy_pace: 5:45"))
    assert error.field == "athlete.easy_pace"
    assert "345" in error.problem and 'quotes: "5:45"' in error.problem
    assert str(error).startswith(f"{path}: athlete.easy_pace: ")


def test_an_unquoted_race_time_with_hours_says_to_quote_it(tmp_path):
    text = with_line('easy_pace: "6:00"', 'easy_pace: "6:00"\n  recent_race: {distance: 21.1, time: 1:45:30}')
    error, _ = problems_of(tmp_path, text)
    assert error.field == "athlete.recent_race.time" and '"1:45:30"' in error.problem


@pytest.mark.parametrize(("written", "units", "hint"), [
    ("16k", "km", 'write "16 km"'),
    ("16K", "mi", 'write "16 km"'),
    ("10 miles", "km", 'write "10 mi"'),
    ("half marathon", "km", "write 21.1"),
    ("Half-Marathon", "mi", "write 13.1"),
    ("marathon", "km", "write 42.2"),
])
def test_a_distance_as_people_write_it_says_what_to_write(tmp_path, written, units, hint):
    text = with_line("units: km", f"units: {units}", with_line("longest_recent_run: 14", f"longest_recent_run: {written}"))
    error, _ = problems_of(tmp_path, text)
    assert error.field == "history.longest_recent_run"
    assert hint in error.problem and 'or a number with its unit' in error.problem


def test_a_distance_in_a_list_names_the_item(tmp_path):
    error, _ = problems_of(tmp_path, with_line("weekly_distance: [30, 32, 31, 33]", "weekly_distance: [30, 32k, 31, 33]"))
    assert error.field == "history.weekly_distance.1" and 'write "32 km"' in error.problem


@pytest.mark.parametrize(("written", "hint"), [
    ("28/02/2027", "write 2027-02-28,"),
    ("02/28/2027", "write 2027-02-28,"),
    ("28.02.2027", "write 2027-02-28,"),
    ("2027/02/28", "write 2027-02-28,"),
    ("03/04/2027", "write 2027-04-03 (day/month) or 2027-03-04 (month/day)"),
    ("next monday", "YYYY-MM-DD"),
])
def test_a_date_as_people_write_it_asks_for_yyyy_mm_dd(tmp_path, written, hint):
    error, _ = problems_of(tmp_path, with_line("start: 2026-11-30", f"start: {written}"))
    assert error.field == "plan.start"
    assert "must be a date written YYYY-MM-DD" in error.problem and hint in error.problem


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_nan_and_infinity_are_no_numbers(tmp_path, written):
    error, _ = problems_of(tmp_path, with_line("target_weekly_distance: 45", f"target_weekly_distance: {written}"))
    assert error.field == "goal.target_weekly_distance"
    assert "must be a number, not NaN or infinity" in error.problem


def test_nan_in_a_list_names_the_item(tmp_path):
    error, _ = problems_of(tmp_path, with_line("weekly_distance: [30, 32, 31, 33]", "weekly_distance: [30, 32, .nan, 33]"))
    assert error.field == "history.weekly_distance.2" and "not NaN or infinity" in error.problem


@pytest.mark.parametrize(("old", "new", "field"), [
    ("tue: 60", "tue: true", "availability.tue"),
    ("tue: 60", "tue: off", "availability.tue"),
    ("weeks: 3", "weeks: yes", "plan.weeks"),
    ("target_weekly_distance: 45", "target_weekly_distance: on", "goal.target_weekly_distance"),
])
def test_true_or_false_where_a_number_belongs_is_refused_with_why(tmp_path, old, new, field):
    """pydantic alone reads true as 1: a day of 1 minute, a 1-week plan."""
    error, _ = problems_of(tmp_path, with_line(old, new))
    assert error.field == field
    assert "must be a number, not" in error.problem and "YAML reads" in error.problem


def test_true_in_a_list_of_numbers_names_the_item(tmp_path):
    error, _ = problems_of(tmp_path, with_line("weekly_distance: [30, 32, 31, 33]", "weekly_distance: [30, true, 31, 33]"))
    assert error.field == "history.weekly_distance" and "item 1 must be a number, not true" in error.problem


def test_a_yes_or_no_answer_still_takes_true_and_false(base_config):
    base_config["pain"] = {"checkins": [{"date": "2026-11-20", "location": "hip", "severity": 2, "character": "dull",
                                         "during": "rest", "resolved_after_rest": False}]}
    assert load_config(base_config).pain.checkins[0].resolved_after_rest is False


def test_keys_given_twice_are_named_with_both_lines_beside_the_other_mistakes(tmp_path):
    text = with_line("sat: 120", "sat: 120\n  sat: 90", with_line("weeks: 3", "weeks: 60"))
    text = text.replace("  name: Dana Ruiz\n", "  name: Dana Ruiz\n  name: Dana R\n")
    error, path = problems_of(tmp_path, text)
    lines = text.splitlines()
    name_lines = [i + 1 for i, line in enumerate(lines) if line.strip().startswith("name:")]
    sat_lines = [i + 1 for i, line in enumerate(lines) if line.strip().startswith("sat:")]
    assert error.problems[0].field == "athlete.name"
    assert f"duplicate key 'name' (line {name_lines[1]}; first given on line {name_lines[0]})" in error.problems[0].problem
    assert error.problems[1].field == "availability.sat"
    assert f"(line {sat_lines[1]}; first given on line {sat_lines[0]})" in error.problems[1].problem
    assert [p.field for p in error.problems[2:]] == ["plan.weeks"]


def test_hints_need_no_yaml_file(base_config):
    """The same hints for a dict (the API) or JSON: they come from the values, not the text."""
    config = copy.deepcopy(base_config)
    config["athlete"]["easy_pace"] = 345
    config["plan"]["start"] = "28/02/2027"
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert '"5:45"' in problem_at(caught.value, "athlete.easy_pace")
    assert "2027-02-28" in problem_at(caught.value, "plan.start")


def test_a_whole_file_of_mistakes(tmp_path):
    """The issue's mistakes in one file: each is reported, in the file's order."""
    text = textwrap.dedent("""\
        athlete:
          name: Dana
          easy_pace: 5:45
        history:
          weekly_distance: [30, 32, 31, 33]
          longest_recent_run: 16k
        goal:
          target_weekly_distance: half marathon
        plan:
          start: 28/02/2027
          weeks: .nan
        avalability:
          tue: true
          sat: 90
          sat: 120
        """)
    error, path = problems_of(tmp_path, text)
    assert [p.field for p in error.problems] == [
        "avalability.sat", "athlete.easy_pace", "history.longest_recent_run", "goal.target_weekly_distance",
        "plan.start", "plan.weeks", "avalability", "availability.tue",
    ]
    assert all(line.startswith(f"{path}: ") for line in str(error).splitlines())
    assert yaml.safe_load(text)["avalability"]["sat"] == 120  # the last value is kept, and reported
