"""Adversarial inputs: every one is a clear message naming the file, the field and what is
allowed (exit 2, no traceback, nothing written), never a traceback or a misleading message.

BAD_CONFIGS is also planned as a roster directory: each bad file is its own error row."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from typer.testing import CliRunner

from planner.cli import app
from tests.conftest import BASE_CONFIG

runner = CliRunner()


def config(**changes) -> dict:
    """BASE_CONFIG as a 1-week plan with `section__field=value` changes."""
    data = copy.deepcopy(BASE_CONFIG)
    data["plan"]["weeks"] = 1
    for key, value in changes.items():
        section, field = key.split("__")
        data[section][field] = value
    return data


def yaml_text(data: dict, extra: str = "") -> str:
    return yaml.safe_dump(data, sort_keys=False) + extra


CHECKIN_INF = {"date": "2026-11-20", "location": "hip", "severity": 3, "character": "dull", "during": "long_run",
               "onset_distance": float("inf")}
BIG = "9" * 5000

# file name -> (text, what the message must say)
BAD_CONFIGS = {
    "deep.yaml": ("athlete: " + "[" * 50_000 + "]" * 50_000 + "\n", ["nested too deeply"]),
    "deep.json": ('{"athlete": ' + "[" * 50_000 + "]" * 50_000 + "}", ["nested too deeply"]),
    "shallow_but_deep.yaml": ("athlete: " + "[" * 60 + "]" * 60 + "\n", ["nested too deeply", "athlete"]),
    "big_int.yaml": (yaml_text(config(), f"quality_sessions_per_week: {BIG}\n"), ["4300 digits", "line 29"]),
    "big_int.json": (json.dumps(config())[:-1] + f', "quality_sessions_per_week": {BIG}}}', ["4300 digits", "line 1"]),
    "big_int.toml": (f"quality_sessions_per_week = {BIG}\n", ["4300 digits", "line 1"]),
    "nan_target.yaml": (yaml_text(config(goal__target_weekly_distance=float("nan"))),
                        ["goal.target_weekly_distance", "must be a number", "not NaN"]),
    "inf_onset.yaml": (yaml_text({**config(), "pain": {"checkins": [CHECKIN_INF]}}),
                       ["pain.checkins.0.onset_distance", "must be a number"]),
    "year_1.yaml": (yaml_text(config(plan__start="0001-01-01")), ["plan.start", "1970-01-01", "2100-12-31"]),
    "year_9999.yaml": (yaml_text(config(plan__start="9999-12-27")), ["plan.start", "1970-01-01"]),
    "race_9999.yaml": (yaml_text(config(goal__race={"date": "9999-12-31", "distance": 10})), ["goal.race.date", "2100-12-31"]),
    "blackout_1.yaml": (yaml_text(config(availability__blackout=["0001-01-01"])), ["availability.blackout.0", "1970-01-01"]),
    # impossible dates YAML reads as dates (unquoted): the field names them, no traceback
    "feb_30.yaml": (yaml_text(config()).replace("start: '2026-11-30'", "start: 2026-02-30"), ["plan.start", "2026-02-30"]),
    "month_13.yaml": (yaml_text(config(availability__blackout=["X"])).replace("- X", "- 2026-13-01"),
                      ["availability.blackout.0", "2026-13-01"]),
    "duplicate.yaml": (yaml_text(config(), "athlete: {name: X}\n"), ["duplicate key 'athlete'", "line 29"]),
    "duplicate_nested.yaml": ("athlete:\n  name: A\n  name: B\n", ["duplicate key 'name'", "line 3"]),
    "duplicate.json": ('{"athlete": {"name": "A", "name": "B"}}', ["duplicate key 'name'", "line 1"]),
    "number_date.json": (json.dumps(config(plan__start=20261130)), ["plan.start", "YYYY-MM-DD"]),
    "huge.yaml": (yaml_text(config(), "# " + "x" * (2 << 20) + "\n"), ["larger than 1024 KiB"]),
    "binary.yaml": ("\udcff", ["not UTF-8"]),
}


def write_bad(directory, name) -> object:
    text, _ = BAD_CONFIGS[name]
    path = directory / name
    path.write_bytes(b"\xff\xfe\x00" if name == "binary.yaml" else text.encode())
    return path


@pytest.mark.parametrize("name", list(BAD_CONFIGS))
def test_a_bad_config_is_a_clear_error(tmp_path, name):
    path = write_bad(tmp_path, name)
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = " ".join(result.stderr.split())
    assert str(path) in message
    for part in BAD_CONFIGS[name][1]:
        assert part in message
    assert not out.exists()


def test_plan_of_dev_zero_is_a_clean_error():
    result = runner.invoke(app, ["plan", "/dev/zero"])
    assert result.exit_code == 2 and "/dev/zero" in result.stderr and "larger than" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_each_bad_file_in_a_roster_directory_is_its_own_row(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    for name in BAD_CONFIGS:
        write_bad(roster, name)
    (roster / "zz_good.yaml").write_text(yaml_text(config()))
    out_dir = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(roster), "-o", str(out_dir), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    import csv

    with (out_dir / "summary.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(BAD_CONFIGS) + 1
    assert [row["status"] for row in rows[:-1]] == ["invalid"] * len(BAD_CONFIGS)
    assert rows[-1]["status"] == "optimal"


# ---- the command line's own options ----------------------------------------------------------

@pytest.mark.parametrize("value", ["inf", "1e308", "nan", "0", "-1", "86401"])
def test_time_limit_out_of_range_is_refused(tmp_path, value):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml_text(config()))
    result = runner.invoke(app, ["plan", str(path), "--time-limit", value])
    assert result.exit_code == 2
    assert "--time-limit" in result.output and "3600" in result.output


def test_output_under_a_file_is_refused_before_planning(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml_text(config()))
    (tmp_path / "afile").write_text("")
    result = runner.invoke(app, ["plan", str(path), "-o", str(tmp_path / "afile" / "plan.json")])
    assert result.exit_code == 2
    assert "afile is a file, not a directory" in " ".join(result.stderr.split())
    assert "week" not in result.stdout  # refused before planning


def test_checkin_onset_inf_is_refused_and_not_written(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml_text(config()))
    before = path.read_text()
    result = runner.invoke(app, ["checkin", str(path), "--location", "hip", "--severity", "3", "--character", "dull",
                                 "--during", "long_run", "--onset", "inf", "--date", "2026-11-20"])
    assert result.exit_code == 2 and "onset_distance" in result.stderr and "must be a number" in result.stderr
    assert path.read_text() == before


def test_checkin_on_a_file_with_duplicate_keys_names_the_key(tmp_path):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml_text(config(), "strength: {minutes: 30}\n"))
    before = path.read_text()
    result = runner.invoke(app, ["checkin", str(path), "--location", "hip", "--severity", "3", "--character", "dull",
                                 "--during", "long_run", "--date", "2026-11-20"])
    assert result.exit_code == 2, result.output
    assert "duplicate key 'strength'" in result.stderr and result.exception is None or isinstance(result.exception, SystemExit)
    assert path.read_text() == before


# ---- the Python API's options ----------------------------------------------------------------

import planner  # noqa: E402
from planner.errors import ConfigError, OptionError  # noqa: E402

HALTED = {**config(), "pain": {"checkins": [{**CHECKIN_INF, "onset_distance": 3, "character": "radiating"}]}}


@pytest.mark.parametrize("options, error, named", [
    ({"time_limit": 0}, OptionError, "time_limit"),
    ({"time_limit": -5}, OptionError, "time_limit"),
    ({"time_limit": float("nan")}, OptionError, "time_limit"),
    ({"time_limit": float("inf")}, OptionError, "time_limit"),
    ({"time_limit": 1e308}, OptionError, "time_limit"),
    ({"time_limit": "10"}, TypeError, "time_limit"),
    ({"workers": -1}, OptionError, "workers"),
    ({"workers": 0}, OptionError, "workers"),
    ({"workers": 1.5}, TypeError, "workers"),
    ({"workers": "2"}, TypeError, "workers"),
    ({"workers": True}, TypeError, "workers"),
    ({"progress": 5}, TypeError, "progress"),
    ({"explain_limits": "yes"}, TypeError, "explain_limits"),
])
def test_plan_refuses_bad_solver_options_naming_them(options, error, named):
    with pytest.raises(error, match=named):
        planner.plan(HALTED, **options)  # checked first, even where no solver would run


@pytest.mark.parametrize("options, error, named", [
    ({"time_limit": 0}, OptionError, "time_limit"),
    ({"workers": -1}, OptionError, "workers"),
    ({"processes": -1}, OptionError, "processes"),
    ({"processes": 2.0}, TypeError, "processes"),
    ({"progress": "no"}, TypeError, "progress"),
    ({"max_settings": 0}, OptionError, "max_settings"),
])
def test_sweeps_refuse_bad_options_naming_them(options, error, named):
    with pytest.raises(error, match=named):
        planner.tradeoffs(HALTED, vary={"rules.acwr_max": [1.3]}, **{"progress": False, **options})
    if "max_settings" not in options:
        with pytest.raises(error, match=named):
            planner.pareto(HALTED, acwr_caps=[1.3], **{"progress": False, **options})


def test_a_huge_sweep_grid_is_refused_at_once_without_building_it():
    import time

    started = time.perf_counter()
    vary = {"rules.acwr_max": [1.3] * 100, "availability.tue": list(range(1000))}
    with pytest.raises(ConfigError, match=r"100,000 settings.*max_settings"):
        planner.tradeoffs(HALTED, vary=vary, progress=False)
    assert time.perf_counter() - started < 1.0


def test_max_settings_allows_a_larger_sweep():
    vary = {"plan.weeks": [1, 2, 3]}
    with pytest.raises(ConfigError, match="max_settings"):
        planner.tradeoffs(HALTED, vary=vary, progress=False, processes=1, max_settings=2)
    sweep = planner.tradeoffs(HALTED, vary=vary, progress=False, processes=1, max_settings=3)
    assert list(sweep.table["status"]) == ["halted"] * 3


# ---- CSV rosters -----------------------------------------------------------------------------

from planner.batch import roster as roster_module  # noqa: E402
from planner.batch.roster import read_roster  # noqa: E402

ROSTER_TEMPLATE = {key: value for key, value in config().items() if key != "athlete"}
ROSTER_TEMPLATE["athlete"] = {"units": "km", "easy_pace": "6:00"}


def csv_roster(tmp_path, text):
    (tmp_path / "template.yaml").write_text(yaml_text(ROSTER_TEMPLATE))
    (tmp_path / "roster.csv").write_text(text)
    return tmp_path / "roster.csv", tmp_path / "template.yaml"


def test_a_too_long_roster_cell_is_its_rows_error_with_the_line(tmp_path):
    roster, template = csv_roster(tmp_path, f"name,history\nAnn,30;31\nBo,{'3;' * 100_000}3\nCy,30\n")
    ann, bo, cy = read_roster(roster, template)
    assert ann.error is None and cy.error is None
    assert bo.error.startswith(f"{roster} line 3 (Bo): column history is 200,001 characters long")
    assert "at most 10,000" in bo.error


def test_a_too_long_name_cell_does_not_make_a_huge_message(tmp_path):
    roster, template = csv_roster(tmp_path, f"name\n{'N' * 300_000}\n")
    (job,) = read_roster(roster, template)
    assert job.error.startswith(f"{roster} line 2: column name is 300,000 characters long") and len(job.error) < 300


def test_a_roster_past_its_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(roster_module, "MAX_ROSTER_BYTES", 1000)
    roster, template = csv_roster(tmp_path, "name\n" + "Ann\n" * 300)
    with pytest.raises(ConfigError, match="larger than 1,000 bytes"):
        read_roster(roster, template)


def test_an_unbalanced_quote_says_where_it_began(tmp_path):
    roster, template = csv_roster(tmp_path, 'name,tue\nAnn,60\n"Bo,50\nCy,40\nDee,30\n')
    with pytest.raises(ConfigError) as caught:
        read_roster(roster, template)
    message = str(caught.value)
    assert str(roster) in message and "line 3" in message and "column name" in message and "quote" in message


def test_an_empty_name_cell_is_blamed_on_the_row_not_the_template(tmp_path):
    roster, template = csv_roster(tmp_path, "name,tue\nAnn,60\n,50\n")
    ann, nameless = read_roster(roster, template)
    assert ann.error is None
    assert nameless.error.startswith(f"{roster} line 3 (line 3): athlete.name (column name, empty on this row)")
    assert "template" not in nameless.error
