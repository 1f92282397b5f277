"""The command line: exit codes 0/2/3, clear errors, nothing half-written."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from typer.testing import CliRunner

from planner.cli import app

runner = CliRunner()


def write_config(tmp_path, data, name="athlete.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data))
    return path


def test_plan_writes_json_that_validates(base_config, tmp_path):
    config = write_config(tmp_path, base_config)
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = json.loads(out.read_text())
    assert plan["status"] in ("optimal", "feasible")
    assert len(plan["days"]) == 21 and len(plan["weeks"]) == 3
    assert "week" in result.stdout and "Tue" in result.stdout
    check = runner.invoke(app, ["validate", str(config), str(out)])
    assert check.exit_code == 0 and "obeys every rule" in check.stdout


def test_invalid_config_exits_2_names_field_and_writes_nothing(base_config, tmp_path):
    base_config["availability"]["tue"] = "lots"
    config = write_config(tmp_path, base_config)
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out)])
    assert result.exit_code == 2
    assert "availability.tue" in result.stderr and str(config) in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_output_extension_is_rejected_before_planning(base_config, tmp_path):
    config = write_config(tmp_path, base_config)
    out = tmp_path / "plan.docx"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out)])
    assert result.exit_code == 2 and ".json" in result.stderr
    assert not out.exists()


def test_infeasible_exits_3_and_json_has_no_days(base_config, tmp_path):
    # a single available day cannot hold a long run and the two shorter runs a week needs
    base_config["availability"] = {"sun": 150, "long_run_days": ["sun"]}
    config = write_config(tmp_path, base_config)
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out)])
    assert result.exit_code == 3, result.output
    plan = json.loads(out.read_text())
    assert plan["status"] == "infeasible" and plan["days"] == []


def test_red_flag_halts_with_exit_0(base_config, tmp_path):
    base_config["pain"] = {"checkins": [{"date": "2026-11-25", "location": "lower_back", "severity": 5,
                                         "character": "radiating", "during": "long_run"}]}
    config = write_config(tmp_path, base_config)
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = json.loads(out.read_text())
    assert plan["status"] == "halted"
    assert all(d["run_kind"] == "rest" and not d["strength"] for d in plan["days"])
    assert "physical therapist" in result.stdout


def test_module_entry_point_reports_errors_without_traceback(tmp_path):
    missing = tmp_path / "missing.yaml"
    done = subprocess.run([sys.executable, "-m", "planner", "plan", str(missing)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "file not found" in done.stderr and "Traceback" not in done.stderr


def test_written_files_get_normal_permissions(base_config, tmp_path):
    import os
    import stat

    config = write_config(tmp_path, base_config)
    os.chmod(config, 0o640)
    out = tmp_path / "plan.json"
    assert runner.invoke(app, ["plan", str(config), "-o", str(out)]).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    checkin = ["checkin", str(config), "--location", "hip", "--severity", "2", "--character", "dull",
               "--during", "easy_run", "--date", "2026-11-20"]
    assert runner.invoke(app, checkin).exit_code == 0
    assert stat.S_IMODE(config.stat().st_mode) == 0o640  # a rewritten config keeps its permissions


def test_output_through_a_symlink_writes_its_target(base_config, tmp_path):
    base_config["plan"]["weeks"] = 1
    config = write_config(tmp_path, base_config)
    target = tmp_path / "plans" / "current.json"
    target.parent.mkdir()
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = runner.invoke(app, ["plan", str(config), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and json.loads(target.read_text())["status"] == "optimal"


def test_every_command_accepts_today():
    """--today YYYY-MM-DD plans, logs and checks as of another day, on every command."""
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    assert {"plan", "replan", "explain", "validate", "rules", "checkin", "log", "batch"} <= set(names)
    for name in names:
        result = CliRunner().invoke(app, [name, "--help"], terminal_width=200)
        assert result.exit_code == 0 and "--today" in result.output, name


def test_replan_names_a_bad_format_and_a_bad_from_date_each_as_itself(base_config, tmp_path):
    """Each option's own message: a wrong --format is not reported as a bad --from date."""
    config = write_config(tmp_path, base_config)
    out = tmp_path / "plan.pdf"
    bad_format = runner.invoke(app, ["replan", str(config), "-o", str(out), "--today", "2026-12-02"])
    assert bad_format.exit_code == 2 and "--from" not in bad_format.output
    assert "no plan format has the extension '.pdf'" in bad_format.output
    bad_date = runner.invoke(app, ["replan", str(config), "--from", "2026-13-01", "--today", "2026-12-02"])
    assert bad_date.exit_code == 2 and "--from 2026-13-01: must be a date, YYYY-MM-DD" in bad_date.output
    assert not out.exists()


def test_a_plan_file_past_the_size_limit_is_refused_by_name(base_config, tmp_path, monkeypatch):
    """validate and replan read a plan JSON back through one reader with a size limit: a huge
    file (or /dev/zero) is refused with its name, exit 2, before it is read into memory."""
    import planner.io

    config = write_config(tmp_path, base_config)
    plan = tmp_path / "plan.json"
    assert runner.invoke(app, ["plan", str(config), "-o", str(plan)]).exit_code == 0
    monkeypatch.setattr(planner.io, "MAX_PLAN_BYTES", plan.stat().st_size - 1)
    for command in (["validate", str(config), str(plan)],
                    ["replan", str(config), "--previous", str(plan), "--from", "2026-12-07", "--today", "2026-12-07"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert f"{plan}: is larger than" in result.stderr and "Traceback" not in result.output


def test_a_plan_file_that_is_a_directory_is_refused_by_name(base_config, tmp_path):
    config = write_config(tmp_path, base_config)
    result = runner.invoke(app, ["validate", str(config), str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: cannot be read (the plan to check)" in result.stderr
