"""`planner checkin`: a validated check-in appended to the config, comments kept, atomically."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import planner
from planner.cli import app
from tests.conftest import ROOT

runner = CliRunner()
ARGS = ["--location", "lower_back", "--severity", "4", "--character", "dull", "--during", "long_run",
        "--onset", "14", "--date", "2026-11-26"]


@pytest.fixture
def yaml_config(tmp_path):
    path = tmp_path / "athlete.yaml"
    shutil.copy(ROOT / "examples" / "half_marathon.yaml", path)
    return path


def test_checkin_is_appended_and_comments_kept(yaml_config):
    before = yaml_config.read_text()
    result = runner.invoke(app, ["checkin", str(yaml_config), *ARGS])
    assert result.exit_code == 0, result.output
    after = yaml_config.read_text()
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after for line in comments)
    config = planner.load_config(yaml_config)
    (checkin,) = config.pain.checkins
    assert (checkin.location, checkin.severity, checkin.onset_distance) == ("lower_back", 4, 14)
    assert planner.plan(config).pain.level == "mild"


@pytest.mark.parametrize("bad, field", [(["--severity", "11"], "severity"), (["--location", "back"], "location"),
                                        (["--date", "2026-12-01"], "plan.start")])
def test_bad_checkin_exits_2_and_leaves_the_file_alone(yaml_config, bad, field):
    before = yaml_config.read_text()
    args = list(ARGS)
    index = args.index(bad[0])
    args[index + 1] = bad[1]
    result = runner.invoke(app, ["checkin", str(yaml_config), *args])
    assert result.exit_code == 2
    assert field in result.stderr and "Traceback" not in result.output
    assert yaml_config.read_text() == before
    assert not list(yaml_config.parent.glob(".*.tmp"))


def test_checkin_in_json_and_toml(tmp_path, base_config):
    json_path = tmp_path / "athlete.json"
    json_path.write_text(json.dumps(base_config))
    toml_path = tmp_path / "athlete.toml"
    toml_path.write_text(
        '# my config\n[athlete]\nname = "T"\nunits = "km"\neasy_pace = "6:00"\n'
        "[history]\nweekly_distance = [30, 32]\nlongest_recent_run = 14\n"
        "[goal]\ntarget_weekly_distance = 45\n[plan]\nstart = 2026-11-30\nweeks = 3\n"
        '[availability]\ntue = 60\nthu = 60\nsat = 120\nsun = 150\n'
    )
    for path in (json_path, toml_path):
        result = runner.invoke(app, ["checkin", str(path), *ARGS])
        assert result.exit_code == 0, result.output
        assert len(planner.load_config(path).pain.checkins) == 1
    assert toml_path.read_text().startswith("# my config")
