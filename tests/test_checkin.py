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
                                        (["--date", "2026-12-09"], "after today")])
def test_bad_checkin_exits_2_and_leaves_the_file_alone(yaml_config, bad, field):
    before = yaml_config.read_text()
    args = list(ARGS)
    index = args.index(bad[0])
    args[index + 1] = bad[1]
    result = runner.invoke(app, ["checkin", str(yaml_config), *args, "--today", "2026-12-02"])
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


# ---- concurrent and linked edits -------------------------------------------------------------

def _checkin_at(path, day, barrier):
    from planner.checkin import add_checkin

    barrier.wait()
    add_checkin(path, {"date": f"2026-11-{day:02d}", "location": "hip", "severity": 8,
                       "character": "radiating", "during": "long_run"})


def test_ten_pairs_of_concurrent_checkins_all_land(tmp_path):
    """Two `planner checkin` runs on one file at once both print "Added": both must be kept."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    kept = 0
    for pair in range(10):
        path = tmp_path / f"athlete{pair}.yaml"
        shutil.copy(ROOT / "examples" / "half_marathon.yaml", path)
        barrier = context.Barrier(2)
        runs = [context.Process(target=_checkin_at, args=(path, day, barrier)) for day in (20, 21)]
        for run in runs:
            run.start()
        for run in runs:
            run.join(60)
        assert [run.exitcode for run in runs] == [0, 0]
        kept += len(planner.load_config(path).pain.checkins)
    assert kept == 20, f"{kept} of 20 check-ins kept"


def test_checkin_on_a_symlinked_config_writes_through_to_the_target(yaml_config, tmp_path):
    link = tmp_path / "current.yaml"
    link.symlink_to(yaml_config)
    result = runner.invoke(app, ["checkin", str(link), *ARGS])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert len(planner.load_config(yaml_config).pain.checkins) == 1
