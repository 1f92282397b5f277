"""`planner log CONFIG` and `planner log add CONFIG ...`."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil

import yaml
from typer.testing import CliRunner

import planner
from planner.cli import app
from tests.conftest import BASE_CONFIG, ROOT

runner = CliRunner()
TODAY = "2026-12-02"


def logged(tmp_path, csv: str | None = "date,kind,distance,minutes,rpe,note\n2026-11-24,easy,8,48,,\n"):
    data = copy.deepcopy(BASE_CONFIG)
    del data["history"]
    if csv is None:
        data["log"] = {"entries": [{"date": "2026-11-24", "kind": "easy", "distance": 8, "minutes": 48}]}
    else:
        (tmp_path / "training.csv").write_text(csv)
        data["log"] = {"files": ["training.csv"]}
    path = tmp_path / "athlete.yaml"
    path.write_text("# my config\n" + yaml.safe_dump(data))
    return path


def test_the_log_table_shows_files_and_weeks(tmp_path):
    example = tmp_path / "example"
    shutil.copytree(ROOT / "examples" / "log", example / "log")
    shutil.copy(ROOT / "examples" / "logged_runner.yaml", example)
    result = runner.invoke(app, ["log", str(example / "logged_runner.yaml"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    for name in ("training.csv", "long_run.fit", "easy_run.gpx", "treadmill.tcx"):
        assert name in result.stdout
    assert "ACWR" in result.stdout and "2026-11-23 to 2026-11-29" in result.stdout


def test_the_log_as_json_matches_the_history_the_plan_uses(tmp_path):
    path = logged(tmp_path)
    result = runner.invoke(app, ["log", str(path), "--json", "--today", TODAY])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    week = next(w for w in report["weeks"] if w["start"] == "2026-11-23")
    assert week["runs"] == 1 and week["distance"] == 8 and week["longest_run"] == 8 and week["load"] == 48 * 3
    assert report["files"][0]["sessions"] == 1
    plan = planner.plan(path)
    assert plan.history.weekly_distance[-1] == week["distance"]


def test_log_add_appends_a_row_to_the_native_csv(tmp_path):
    path = logged(tmp_path)
    before = path.read_text()
    result = runner.invoke(app, ["log", "add", str(path), "--kind", "easy", "--distance", "5 mi", "--minutes", "45",
                                 "--date", "2026-12-01", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "row 3" in result.stdout and "8.04672 km" in result.stdout  # the config's unit, read from the config
    rows = (tmp_path / "training.csv").read_text().splitlines()
    assert rows[-1].startswith("2026-12-01,easy,8.04672,45")  # 5 mi in km, exactly
    assert path.read_text() == before  # the config itself is untouched


def test_log_add_without_a_csv_adds_to_the_config_entries_keeping_comments(tmp_path):
    path = logged(tmp_path, csv=None)
    result = runner.invoke(app, ["log", "add", str(path), "--kind", "strength", "--minutes", "20", "--today", TODAY])
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert text.startswith("# my config")
    config = planner.load_config(path)
    assert config.log.entries[-1].kind == "strength" and config.log.entries[-1].date == dt.date.fromisoformat(TODAY)


def test_bad_log_add_writes_nothing_and_names_the_field(tmp_path):
    path = logged(tmp_path)
    csv_before = (tmp_path / "training.csv").read_text()
    for args, field in ((["--kind", "easy", "--minutes", "30"], "distance"),
                        (["--kind", "strength", "--minutes", "20", "--distance", "3"], "distance"),
                        (["--kind", "walk", "--minutes", "20"], "kind"),
                        (["--kind", "easy", "--minutes", "30", "--distance", "5 parsecs"], "log entry distance"),
                        (["--kind", "easy", "--distance", "5", "--minutes", "30", "--date", "2026-12-09"], "date")):
        result = runner.invoke(app, ["log", "add", str(path), *args, "--today", TODAY])
        assert result.exit_code == 2, (args, result.output)
        assert field in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "training.csv").read_text() == csv_before


def test_log_without_a_config_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["log", "add"])
    assert result.exit_code == 2 and "give one config" in result.stderr


def test_log_add_dates_a_start_time_with_an_offset_in_the_athletes_timezone(tmp_path):
    """A start time with a UTC offset is dated as the log reads it, in athlete.timezone: 23:30
    in Los Angeles on today's date is the next morning in Berlin, so it is after today there."""
    path = logged(tmp_path)
    data = yaml.safe_load(path.read_text())
    data["athlete"]["timezone"] = "Europe/Berlin"
    path.write_text(yaml.safe_dump(data))
    csv_before = (tmp_path / "training.csv").read_text()
    late = ["log", "add", str(path), "--kind", "easy", "--distance", "5", "--minutes", "30", "--today", TODAY]
    result = runner.invoke(app, [*late, "--date", f"{TODAY}T23:30:00-08:00"])
    assert result.exit_code == 2, result.output
    assert "2026-12-03 is after today (2026-12-02)" in result.stderr
    assert (tmp_path / "training.csv").read_text() == csv_before
    result = runner.invoke(app, [*late, "--date", f"{TODAY}T07:30:00-08:00"])  # 16:30 in Berlin: today
    assert result.exit_code == 0, result.output
