"""`planner batch`: rosters, isolation of failures, resumability, determinism, summaries.

Plans are 2 weeks long so the whole file runs in seconds; a mixed roster (planned, race,
red flag, invalid, unparsable, infeasible) is planned once and shared by several tests.
"""

from __future__ import annotations

import copy
import csv
import json
import re

import pytest
import tomlkit
import yaml
from typer.testing import CliRunner

import planner
from planner.batch.roster import read_roster
from planner.batch.runner import Options, exit_code, prepare, run_batch
from planner.batch.summary import Row
from planner.cli import app
from planner.runtime.local import CRASHED, LocalPool
from tests.batch_helpers import CRASH_NAME, pid_of_worker, plan_or_crash
from tests.conftest import BASE_CONFIG, ROOT

runner = CliRunner()
RED_FLAG = {"date": "2026-11-25", "location": "lower_back", "severity": 4, "character": "radiating", "during": "long_run"}


def athlete(name: str, **changes) -> dict:
    """BASE_CONFIG as a 2-week plan for `name`, with whole sections replaced by `changes`."""
    data = copy.deepcopy(BASE_CONFIG)
    data["athlete"]["name"] = name
    data["plan"]["weeks"] = 2
    data.update(copy.deepcopy(changes))
    return data


def write(path, data) -> None:
    if path.suffix == ".json":
        path.write_text(json.dumps(data))
    elif path.suffix == ".toml":
        path.write_text(tomlkit.dumps(data))
    else:
        path.write_text(yaml.safe_dump(data))


def batch(*args: str):
    return runner.invoke(app, ["batch", *map(str, args)])


def summary_rows(out_dir) -> list[dict]:
    with (out_dir / "summary.csv").open(newline="") as stream:
        return list(csv.DictReader(stream))


def plan_without_timing(path) -> dict:
    data = json.loads(path.read_text())
    data.pop("solve_seconds")
    return data


# ---- a mixed roster, planned once -----------------------------------------------------------

@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A directory roster with one athlete of every kind; returns (roster, out_dir, result)."""
    roster = tmp_path_factory.mktemp("mixed")
    write(roster / "a_planned.yaml", athlete("Ana Planned"))
    race = {"target_weekly_distance": 45, "race": {"date": "2026-12-13", "distance": 10}}
    write(roster / "b_race.json", athlete("Ben Race", goal=race))
    write(roster / "c_red_flag.toml", athlete("Cy Redflag", pain={"checkins": [RED_FLAG]}))
    broken = athlete("Dee Broken")
    broken["availability"]["tue"] = "lots"
    write(roster / "d_broken.yaml", broken)
    (roster / "e_garbled.yaml").write_text("athlete: {name: Eve\nhistory: [\n")
    write(roster / "f_infeasible.yaml", athlete("Fay Infeasible", availability={"sun": 150, "long_run_days": ["sun"]}))
    out_dir = tmp_path_factory.mktemp("mixed_out")
    result = batch(roster, "-o", out_dir, "--workers", 2)
    return roster, out_dir, result


def test_failures_become_rows_and_exit_1_while_the_others_plan(mixed):
    roster, out_dir, result = mixed
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    rows = {row["athlete"]: row for row in summary_rows(out_dir)}
    assert {name: row["status"] for name, row in rows.items()} == {
        "Ana Planned": "optimal", "Ben Race": "optimal", "Cy Redflag": "halted", "Dee Broken": "invalid",
        "e_garbled": "invalid", "Fay Infeasible": "infeasible"}
    broken = rows["Dee Broken"]["error"]
    assert broken.startswith(f"{roster / 'd_broken.yaml'} (Dee Broken): availability.tue: ")
    assert "e_garbled.yaml" in rows["e_garbled"]["source"] and "not valid YAML (line" in rows["e_garbled"]["error"]
    assert rows["Fay Infeasible"]["error"].startswith("no plan satisfies the rules") and "strength" in rows["Fay Infeasible"]["error"]
    assert not (out_dir / "dee-broken.json").exists() and not (out_dir / "e-garbled.json").exists()
    assert json.loads((out_dir / "fay-infeasible.json").read_text())["days"] == []
    for name in ("Dee Broken", "e_garbled", "Fay Infeasible"):
        assert name in result.stderr
    assert "3 failed" in result.stdout


def test_directory_roster_plans_yaml_toml_and_json_configs_that_validate(mixed):
    roster, out_dir, _ = mixed
    for config_file, output in [("a_planned.yaml", "ana-planned.json"), ("b_race.json", "ben-race.json"),
                                ("c_red_flag.toml", "cy-redflag.json")]:
        plan = json.loads((out_dir / output).read_text())
        config = planner.load_config(roster / config_file)
        assert plan["athlete"] == config.athlete.name and len(plan["days"]) == 14
        assert planner.validate(config, plan) == []


def test_summary_csv_matches_each_plan(mixed):
    roster, out_dir, _ = mixed
    rows = summary_rows(out_dir)
    assert list(rows[0]) == ["athlete", "status", "needs attention", "weeks", "peak (km)", "target (km)", "unit",
                             "total load (RPE×min)", "max ACWR", "pain", "limits", "solve time (s)", "error",
                             "report", "plan file", "source", "attention codes"]
    for row in rows:
        if row["status"] not in ("optimal", "halted"):
            continue
        plan = json.loads((out_dir / row["plan file"]).read_text())
        race = {day["week"]: day["distance"] for day in plan["days"] if day["run_kind"] == "race"}
        training = [week["distance"] - race.get(week["week"], 0) for week in plan["weeks"]]
        assert float(row["peak (km)"]) == pytest.approx(max(training))
        assert int(row["weeks"]) == len(plan["weeks"])
        assert float(row["target (km)"]) == 45 and row["unit"] == plan["units"] == "km"
        assert float(row["total load (RPE×min)"]) == pytest.approx(sum(week["load"] for week in plan["weeks"]))
        assert float(row["max ACWR"]) == max(week["max_acwr"] for week in plan["weeks"])
        assert row["pain"] == plan["pain"]["level"]
        assert float(row["solve time (s)"]) == plan["solve_seconds"]
        assert row["limits"] == "; ".join(dict.fromkeys(n["rule"] for n in plan["explanation"]["limits"]))
        assert row["report"] == row["plan file"].replace(".json", ".html")
        assert (out_dir / row["report"]).read_text().startswith("<!DOCTYPE html>")
    ben = next(row for row in rows if row["athlete"] == "Ben Race")
    assert ben["source"] == str(roster / "b_race.json")
    cy = next(row for row in rows if row["athlete"] == "Cy Redflag")
    assert cy["pain"] == "red_flag" and float(cy["peak (km)"]) == 0
    assert cy["attention codes"] == "red_flag" and "training is halted" in cy["needs attention"]


def test_summary_headers_name_the_unit_of_a_mixed_roster():
    from planner.batch.summary import headers

    km, mi = (Row(athlete=name, source="s", status="optimal", units=unit) for name, unit in (("K", "km"), ("M", "mi")))
    assert headers([km])[4:6] == ["peak (km)", "target (km)"]
    assert headers([km, mi])[4:6] == ["peak (km or mi: see unit)", "target (km or mi: see unit)"]
    assert headers([Row(athlete="N", source="s", status="invalid")])[4] == "peak (see unit)"


def test_a_red_flag_halt_alone_does_not_fail_the_batch(mixed):
    _, out_dir, _ = mixed
    rows = [row for row in summary_rows(out_dir) if row["status"] in ("optimal", "halted")]
    assert {row["status"] for row in rows} == {"optimal", "halted"}
    assert exit_code([Row(athlete=r["athlete"], source=r["source"], status=r["status"]) for r in rows]) == 0


def test_summary_html_is_self_contained_with_flags_first(mixed):
    _, out_dir, _ = mixed
    page = (out_dir / "summary.html").read_text()
    loads = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", page)
    assert loads == [], "the page must load nothing from elsewhere"
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js itself is inlined
    table = page[page.index("<table"):page.index("</table>")]
    order = [table.index(name) for name in ("Dee Broken", "Fay Infeasible", "Cy Redflag", "Ana Planned")]
    assert order == sorted(order), "failures, then red flags, then the rest"
    assert "<th>peak (km)</th>" in table and "<th>total load (RPE×min)</th>" in table
    attention = page[page.index("Needs attention"):page.index("<table")]
    assert "Cy Redflag" in attention and "physical therapist" in attention
    assert '<a href="cy-redflag.html">report</a>' in attention
    ana = next(line for line in attention.split("<li>") if "Ana Planned" in line)  # 2 weeks do not reach 45 km
    assert "of the 45 km target" in ana and '<a href="ana-planned.html">report</a>' in ana
    assert '<a href="ana-planned.json">' in table and '<a href="ana-planned.html">' in table  # next to summary.html
    chart = page[page.index("Weekly volume"):]
    assert "Ana Planned" in chart and "Ben Race" in chart and "weekly distance (km)" in chart


def test_the_summary_chart_draws_every_athlete_in_km():
    from planner.batch.summary import Row, weekly_figure

    rows = [Row(athlete="Kay", source="k.yaml", status="optimal", units="km", weekly=[20.0, 22.0]),
            Row(athlete="Mo", source="m.yaml", status="optimal", units="mi", weekly=[10.0, 11.0]),
            Row(athlete="Ned", source="n.yaml", status="invalid")]
    lines = {trace.name: trace for trace in weekly_figure(rows).data}
    assert set(lines) == {"Kay", "Mo"}  # no plan, no line
    assert list(lines["Kay"].y) == [20.0, 22.0]
    assert list(lines["Mo"].y) == [16.1, 17.7] and list(lines["Mo"].customdata) == [10.0, 11.0]


# ---- CSV rosters -----------------------------------------------------------------------------

TEMPLATE = {
    "athlete": {"units": "km"},
    "history": {"longest_recent_run": 14},
    "plan": {"start": "2026-11-30", "weeks": 2},
    "availability": {"tue": 60, "wed": 60, "thu": 60, "sat": 120, "sun": 150, "long_run_days": ["sat", "sun"]},
    "strength": {"sessions_per_week": 2, "minutes": 20},
}
ROSTER_CSV = """name,units,easy_pace,history,longest_recent_run,target,weeks,tue,long_run_days,strength_sessions
Gil Metric,,6:00,30;32;31;33,,45,,,,
Hal Imperial,mi,9:40,18;19;20,8.5,28,3,45,sun,1
"""


def write_csv_roster(tmp_path, text=ROSTER_CSV, template=TEMPLATE):
    (tmp_path / "roster.csv").write_text(text)
    (tmp_path / "template.yaml").write_text(yaml.safe_dump(template))
    return tmp_path / "roster.csv", tmp_path / "template.yaml"


def test_csv_roster_with_template_row_values_win(tmp_path):
    roster, template = write_csv_roster(tmp_path)
    out_dir = tmp_path / "out"
    result = batch(roster, "--template", template, "-o", out_dir, "--workers", 2)
    assert result.exit_code == 0, result.output
    gil = json.loads((out_dir / "gil-metric.json").read_text())
    hal = json.loads((out_dir / "hal-imperial.json").read_text())
    assert gil["units"] == "km" and len(gil["weeks"]) == 2  # from the template
    assert hal["units"] == "mi" and len(hal["weeks"]) == 3  # the row's own cells
    assert all(w["strength_sessions"] == 1 for w in hal["weeks"])
    assert all(d["run_kind"] != "long" or d["weekday"] == "sun" for d in hal["days"])
    assert all(d["run_minutes"] + d["strength_minutes"] <= 45 for d in hal["days"] if d["weekday"] == "tue")
    jobs = {job.name: job for job in read_roster(roster, template)}
    assert jobs["Hal Imperial"].data["history"] == {"longest_recent_run": 8.5, "weekly_distance": [18, 19, 20]}
    assert planner.validate(jobs["Hal Imperial"].data, hal) == []
    assert [row["source"] for row in summary_rows(out_dir)] == ["roster.csv line 2", "roster.csv line 3"]


def test_csv_errors_name_the_roster_line_athlete_field_and_column(tmp_path):
    text = ROSTER_CSV + "Ivy Typo,,6:00,30;x;31,,45,,lots,,\n"
    roster, template = write_csv_roster(tmp_path, text=text, template={**TEMPLATE, "strength": {"minutes": 5}})
    jobs = read_roster(roster, template)
    ivy = jobs[2]
    assert ivy.error.startswith(f"{roster} line 4 (Ivy Typo): ")  # then every mistake of the row, with its column
    assert "; history.weekly_distance.1 (column history): " in ivy.error and "availability.tue (column tue): " in ivy.error
    assert all(f"strength.minutes (from template {template})" in job.error for job in jobs[:2])


def test_the_example_roster_is_valid(tmp_path):
    example = ROOT / "examples" / "roster"
    jobs = read_roster(example / "roster.csv", example / "template.yaml")
    assert len(jobs) == 6 and [job.error for job in jobs] == [None] * 6
    assert {job.config.units for job in jobs} == {"km", "mi"} and sum(job.config.goal.race is not None for job in jobs) == 2
    assert len({job.slug for job in jobs}) == 6


def test_unusable_roster_exits_2_and_writes_nothing(tmp_path):
    roster, template = write_csv_roster(tmp_path, text="name,speed\nJo,fast\n")
    out_dir = tmp_path / "out"
    result = batch(roster, "--template", template, "-o", out_dir)
    assert result.exit_code == 2 and "unknown column 'speed'" in result.stderr and "easy_pace" in result.stderr
    assert not out_dir.exists()
    missing = batch(tmp_path / "nowhere.csv", "-o", out_dir)
    assert missing.exit_code == 2 and "roster not found" in missing.stderr


@pytest.mark.parametrize("extra, message", [
    (("--engine", "spark"), "unknown engine 'spark'"),
    (("--engine", "dask", "--scheduler", "notanaddress"), "cannot reach the Dask scheduler at notanaddress"),
])
def test_a_bad_engine_exits_2_and_writes_nothing(tmp_path, extra, message):
    roster, template = write_csv_roster(tmp_path)
    result = batch(roster, "--template", template, "-o", tmp_path / "out", *extra)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "out").exists()


def test_an_out_dir_under_a_file_exits_2_before_planning(tmp_path):
    roster, template = write_csv_roster(tmp_path)
    (tmp_path / "afile").write_text("")
    result = batch(roster, "--template", template, "-o", tmp_path / "afile" / "out")
    assert result.exit_code == 2 and "not a writable directory" in result.stderr


def test_an_unknown_format_is_refused_before_planning(tmp_path):
    roster, template = write_csv_roster(tmp_path)
    result = batch(roster, "--template", template, "-o", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 2 and "'pdf'" in result.stderr and "json, csv, ics, html" in result.stderr
    assert not (tmp_path / "out").exists()


def test_other_formats_are_written_per_athlete(tmp_path):
    roster, template = write_csv_roster(tmp_path)
    out_dir = tmp_path / "out"
    result = batch(roster, "--template", template, "-o", out_dir, "--format", "ics")
    assert result.exit_code == 0, result.output
    calendars = sorted(out_dir.glob("*.ics"))
    assert calendars and all(path.read_text().startswith("BEGIN:VCALENDAR") for path in calendars)
    for calendar in calendars:  # beside each: the plan JSON (the next --replan's previous plan) and the report
        assert json.loads(calendar.with_suffix(".json").read_text())["status"] == "optimal"
        assert 'src="plotly.min.js"' in calendar.with_suffix(".html").read_text()
    assert [row["plan file"] for row in summary_rows(out_dir)] == [path.name for path in calendars]


def test_html_reports_of_a_batch_share_one_plotly_js(tmp_path):
    roster, template = write_csv_roster(tmp_path)
    out_dir = tmp_path / "out"
    result = batch(roster, "--template", template, "-o", out_dir, "--format", "html")
    assert result.exit_code == 0, result.output
    reports = sorted(out_dir.glob("*-*.html"))  # the athletes' reports, not summary.html
    assert len(reports) == 2
    for report in reports:
        page = report.read_text()
        assert '<script type="text/javascript" src="plotly.min.js"></script>' in page
        assert len(page) < 500_000  # no inlined copy of plotly.js
    assert "Plotly" in (out_dir / "plotly.min.js").read_text()[:2000]


def test_an_athlete_named_summary_does_not_overwrite_the_summary(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    write(roster / "summary.yaml", athlete("Summary"))
    out_dir = tmp_path / "out"
    result = batch(roster, "-o", out_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert (out_dir / "summary-2.csv").read_text().startswith("date,")  # the plan, one row per day
    assert (out_dir / "summary.csv").read_text().startswith('"athlete","status",')  # the batch's summary
    assert (out_dir / "summary-2.json").is_file() and (out_dir / "summary-2.html").is_file()
    assert (out_dir / "summary.html").read_text().startswith("<!DOCTYPE html>")


# ---- resuming --------------------------------------------------------------------------------

def test_rerun_skips_up_to_date_athletes_force_and_changes_replan(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    write(roster / "kim.yaml", athlete("Kim Resume"))
    write(roster / "lou.yaml", athlete("Lou Resume"))
    out_dir = tmp_path / "out"
    outputs = [out_dir / "kim-resume.json", out_dir / "lou-resume.json"]

    def run(*extra):
        result = batch(roster, "-o", out_dir, "--workers", 2, *extra)
        assert result.exit_code == 0, result.output
        assert len(summary_rows(out_dir)) == 2
        return [path.stat().st_mtime_ns for path in outputs], result.stdout

    first, _ = run()
    second, stdout = run()
    assert second == first and "2 already up to date" in stdout
    changed = athlete("Kim Resume")
    changed["goal"]["target_weekly_distance"] = 40
    write(roster / "kim.yaml", changed)
    third, stdout = run()
    assert third[0] != second[0] and third[1] == second[1] and "1 already up to date" in stdout
    assert max(w["distance"] for w in json.loads(outputs[0].read_text())["weeks"]) <= 40
    (roster / "lou.yaml").touch()  # a touched but unchanged config stays up to date
    fourth, _ = run()
    assert fourth == third
    forced, stdout = run("--force")
    assert all(f != t for f, t in zip(forced, fourth)) and "0 already up to date" in stdout


def test_a_changed_template_or_time_limit_replans(tmp_path):
    roster, template = write_csv_roster(tmp_path)
    options = Options(out_dir=tmp_path / "out", template=template, workers=2)
    run_batch(roster, options)
    assert prepare(roster, options).todo == []
    assert len(prepare(roster, Options(out_dir=options.out_dir, template=template, time_limit=5)).todo) == 2
    (tmp_path / "template.yaml").write_text(yaml.safe_dump({**TEMPLATE, "strength": {"sessions_per_week": 1}}))
    assert [job.name for job in prepare(roster, options).todo] == ["Gil Metric"]  # Hal's row sets it
    # minutes: 20 was dropped from the template, but 20 is the default: nothing changed for Hal


# ---- engines ---------------------------------------------------------------------------------

def test_same_plans_whatever_the_engine_or_worker_count(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    write(roster / "mo.yaml", athlete("Mo Same"))
    write(roster / "ned.yaml", athlete("Ned Same", history={"weekly_distance": [20, 22, 21], "longest_recent_run": 10}))
    write(roster / "ola.yaml", athlete("Ola Same", strength={"sessions_per_week": 3, "minutes": 15}))
    runs = {
        "local-1": Options(out_dir=tmp_path / "local-1", workers=1),
        "local-2": Options(out_dir=tmp_path / "local-2", workers=2),
        "dask-2": Options(out_dir=tmp_path / "dask-2", engine="dask", workers=2),
    }
    plans = {}
    for name, options in runs.items():
        rows = run_batch(roster, options)
        assert [row.status for row in rows] == ["optimal"] * 3, name
        plans[name] = {row.output: plan_without_timing(options.out_dir / row.output) for row in rows}
    assert plans["local-1"] == plans["local-2"] == plans["dask-2"]


def test_a_crashed_worker_fails_only_its_athlete():
    tasks = [{"slug": name, "config": athlete(name), "time_limit": 10} for name in ("Pat One", CRASH_NAME, "Quinn Two")]
    outcomes = {task["slug"]: outcome for task, outcome in LocalPool(2, work=plan_or_crash).run(tasks)}
    assert outcomes[CRASH_NAME] == {"error": CRASHED}
    assert outcomes["Pat One"]["plan"]["status"] == outcomes["Quinn Two"]["plan"]["status"] == "optimal"


def test_workers_are_recycled_after_their_share_of_athletes():
    tasks = [{"slug": str(i), "config": {"not": "a config"}, "time_limit": 1} for i in range(6)]
    engine = LocalPool(2, tasks_per_worker=1, work=pid_of_worker)
    pids = [outcome["pid"] for _, outcome in engine.run(tasks)]
    assert len(pids) == 6 and len(set(pids)) >= 3  # each pool of 2 takes 2 athletes, then is replaced


def test_dask_engine_on_an_existing_scheduler(tmp_path):
    from distributed import LocalCluster

    roster = tmp_path / "roster"
    roster.mkdir()
    write(roster / "rae.yaml", athlete("Rae Remote"))
    out_dir = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = batch(roster, "-o", out_dir, "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    plan = json.loads((out_dir / "rae-remote.json").read_text())
    assert plan["status"] == "optimal" and planner.validate(roster / "rae.yaml", plan) == []
    local = batch(roster, "-o", tmp_path / "other", "--scheduler", cluster.scheduler_address)
    assert local.exit_code == 2 and "--scheduler needs --engine dask" in local.stderr


def test_today_dates_the_warnings_of_a_plain_batch(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    write(roster / "zed.yaml", athlete("Zed Today"))
    codes = {}
    for today in ("2026-11-29", "2026-12-05"):
        out_dir = tmp_path / today
        result = batch(roster, "-o", out_dir, "--today", today)
        assert result.exit_code == 0, result.output
        codes[today] = [notice["code"] for notice in json.loads((out_dir / "zed-today.json").read_text())["notices"]]
    assert "starts_in_the_past" not in codes["2026-11-29"] and "starts_in_the_past" in codes["2026-12-05"]
