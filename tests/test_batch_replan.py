"""`planner batch ROSTER --replan [--from DATE]`: a nightly re-plan of a whole roster from each
athlete's training log and the previous plan the last batch wrote in OUT_DIR; the summary puts
first, with why, the athletes a coach should look at; an interrupted or repeated run does not
re-plan an athlete against its own new plan."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

import planner
from planner.cli import app
from planner.runtime.attention import CODES
from tests.conftest import BASE_CONFIG
from tests.replan_helpers import as_run

runner = CliRunner()
START = dt.date(2026, 11, 30)
DAY = START + dt.timedelta(days=10)  # Thu of week 2: week 1 and three days of week 2 are past
WEEKS = 4


def athlete(name: str, **changes) -> dict:
    data = copy.deepcopy(BASE_CONFIG)
    data["athlete"]["name"] = name
    data["plan"]["weeks"] = WEEKS
    data["goal"]["target_weekly_distance"] = 35  # within reach in four weeks
    data.update(copy.deepcopy(changes))
    return data


def checkin(**fields) -> dict:
    return {"date": str(DAY), "location": "lower_back", "severity": 3, "character": "dull", "during": "easy_run",
            **fields}


def batch(*args):
    return runner.invoke(app, ["batch", *map(str, args)])


def summary(out_dir) -> list[dict]:
    with (out_dir / "summary.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def write_config(path, data) -> None:
    path.write_text(yaml.safe_dump(data))


def add_log(path, entries) -> None:
    data = yaml.safe_load(path.read_text())
    data["log"] = {"entries": entries}
    write_config(path, data)


def roster_of(tmp_path, athletes: dict[str, dict], *first: str, planned: bool = True, code: int = 0):
    """(roster, OUT_DIR) with a config per athlete (file stem -> config), `planned` once by a
    plain batch with the options `first` (as of START), which exits with `code`."""
    roster, out_dir = tmp_path / "roster", tmp_path / "out"
    roster.mkdir()
    for stem, data in athletes.items():
        write_config(roster / f"{stem}.yaml", data)
    if planned:
        result = batch(roster, "-o", out_dir, "--today", START, *first)
        assert result.exit_code == code, result.output
    return roster, out_dir


def plan_file(out_dir, slug) -> dict:
    return json.loads((out_dir / f"{slug}.json").read_text())


def previous_plan(out_dir, slug):
    return planner.schema.Plan.model_validate(plan_file(out_dir, slug))


@pytest.fixture(scope="module")
def nightly(tmp_path_factory):
    """A roster planned once, then logged for ten days in different ways and re-planned from
    DAY: (roster, out_dir, the first night's plans by slug, the re-plan's result)."""
    roster = tmp_path_factory.mktemp("roster")
    out_dir = tmp_path_factory.mktemp("out")
    people = {"ana": athlete("Ana Steady"), "ben": athlete("Ben Missed"), "cy": athlete("Cy Extra"),
              "dee": athlete("Dee Pain"), "eve": athlete("Eve Redflag"),
              "gus": athlete("Gus Short", goal={"target_weekly_distance": 60})}
    for key, data in people.items():
        write_config(roster / f"{key}.yaml", data)
    first = batch(roster, "-o", out_dir, "--workers", 2, "--today", START)
    assert first.exit_code == 0, first.output
    plans = {slug: previous_plan(out_dir, slug) for slug in
             ("ana-steady", "ben-missed", "cy-extra", "dee-pain", "eve-redflag", "gus-short")}
    runs = lambda slug: [d for d in plans[slug].day_list[:10] if d.run_kind != "rest"]  # noqa: E731
    add_log(roster / "ana.yaml", as_run(plans["ana-steady"], 10))
    ben_missed = runs("ben-missed")[1:3]
    add_log(roster / "ben.yaml", as_run(plans["ben-missed"], 10, skip={str(d.date) for d in ben_missed}))
    cy_rest = next(d for d in plans["cy-extra"].day_list[:10] if d.run_kind == "rest")
    cy_long = runs("cy-extra")[0]
    entries = as_run(plans["cy-extra"], 10, change={str(cy_long.date): round(cy_long.distance * 1.4, 1)})
    add_log(roster / "cy.yaml", entries + [{"date": str(cy_rest.date), "kind": "easy", "distance": 5, "minutes": 30}])
    for key, slug, pain in (("dee", "dee-pain", checkin(onset_distance=5)),
                            ("eve", "eve-redflag", checkin(character="radiating", severity=5))):
        data = yaml.safe_load((roster / f"{key}.yaml").read_text())
        data["pain"] = {"checkins": [pain]}
        data["log"] = {"entries": as_run(plans[slug], 10)}
        write_config(roster / f"{key}.yaml", data)
    add_log(roster / "gus.yaml", as_run(plans["gus-short"], 10))
    write_config(roster / "fay.yaml", athlete("Fay New", plan={"start": str(DAY), "weeks": WEEKS}))  # joined today
    result = batch(roster, "-o", out_dir, "--replan", "--from", DAY, "--today", DAY, "--workers", 2)
    return roster, out_dir, plans, {"ben": ben_missed, "cy": (cy_rest, cy_long)}, result


def test_every_athlete_is_re_planned_from_its_log_and_previous_plan(nightly):
    roster, out_dir, plans, _, result = nightly
    assert result.exit_code == 0, result.output
    for slug, previous in plans.items():
        plan = plan_file(out_dir, slug)
        assert plan["planned_from"] == str(DAY) and plan["revision"] == 1
        config = planner.load_config(roster / f"{slug.split('-')[0]}.yaml")
        assert planner.validate(config, plan, previous) == []
        assert all(day["logged"] and day["adherence"] for day in plan["days"][:10])
    ana = plan_file(out_dir, "ana-steady")
    assert ana["changes"] == []  # run as planned: the plan stands
    shape = lambda day: (day["run_kind"], day["distance"], day["strength"])  # noqa: E731
    assert [shape(day) for day in ana["days"][10:]] == \
        [shape(day.model_dump()) for day in plans["ana-steady"].day_list[10:]]
    assert plan_file(out_dir, "eve-redflag")["status"] == "halted"


def test_an_athlete_without_a_previous_plan_is_planned_as_new(nightly):
    _, out_dir, _, _, _ = nightly
    fay = plan_file(out_dir, "fay-new")
    assert fay["revision"] == 0 and fay["changes"] is None and fay["planned_from"] == str(DAY)
    assert all(day.get("adherence") is None for day in fay["days"])


def test_the_summary_puts_who_needs_a_coach_first_with_the_reason(nightly):
    _, out_dir, plans, days, _ = nightly
    rows = summary(out_dir)
    assert [row["athlete"] for row in rows] == ["Eve Redflag", "Dee Pain", "Ben Missed", "Cy Extra", "Gus Short",
                                                "Ana Steady", "Fay New"]
    by_name = {row["athlete"]: row for row in rows}
    assert [by_name[name]["attention codes"].split("; ")[0] for name in
            ("Eve Redflag", "Dee Pain", "Ben Missed", "Cy Extra", "Gus Short")] == list(CODES)
    assert by_name["Ana Steady"]["needs attention"] == by_name["Fay New"]["needs attention"] == ""
    assert "radiating" in by_name["Eve Redflag"]["needs attention"]
    assert by_name["Dee Pain"]["needs attention"].startswith("new mild pain (none in the previous plan)")
    missed = by_name["Ben Missed"]["needs attention"]
    assert missed.startswith("missed 2 planned runs: ")
    for day in days["ben"]:
        assert f"{day.date.strftime('%a %d %b')} (E {day.distance:.1f}" in missed
    rest, longer = days["cy"]
    extra = by_name["Cy Extra"]["needs attention"]
    assert f"{rest.date.strftime('%a %d %b')} 5.0 km on a planned rest day" in extra
    assert f"{longer.date.strftime('%a %d %b')} {round(longer.distance * 1.4, 1):.1f} km where" in extra
    assert "of the 60 km target" in by_name["Gus Short"]["needs attention"]


def test_the_summary_links_every_report_and_each_report_charts_planned_against_done(nightly):
    _, out_dir, _, _, _ = nightly
    page = (out_dir / "summary.html").read_text()
    for row in summary(out_dir):
        assert f'<a href="{row["report"]}">' in page
        report = (out_dir / row["report"]).read_text()
        assert 'src="plotly.min.js"' in report
        assert ("done (logged)" in report) == (row["athlete"] != "Fay New")  # Fay's plan begins today
    attention = page[page.index("Needs attention"):page.index("<table")]
    assert attention.index("Eve Redflag") < attention.index("Ben Missed") and "Ana Steady" not in attention
    ben = (out_dir / "ben-missed.html").read_text()
    assert "adherence-missed" in ben.split('<table class="days">')[1] and "What changed since the previous plan" in ben


def test_a_repeated_run_does_not_re_plan_against_its_own_new_plan(nightly):
    roster, out_dir, _, _, _ = nightly
    before = {path.name: path.read_text() for path in out_dir.glob("*.json")}
    again = batch(roster, "-o", out_dir, "--replan", "--from", DAY, "--today", DAY, "--workers", 2)
    assert again.exit_code == 0, again.output
    assert "7 already up to date" in again.stdout
    assert {path.name: path.read_text() for path in out_dir.glob("*.json")} == before
    assert summary(out_dir)[2]["attention codes"] == "missed"  # the stored rows keep their reasons


def test_a_changed_log_re_plans_that_athlete_only(tmp_path):
    roster, out_dir = roster_of(tmp_path, {key: athlete(f"{key.title()} Log") for key in ("kit", "lee")})
    plans = {key: previous_plan(out_dir, f"{key}-log") for key in ("kit", "lee")}
    log = roster / "kit.csv"  # Kit keeps a log file, Lee an inline log
    rows = ["date,kind,distance,minutes"] + [f"{e['date']},{e['kind']},{e.get('distance', '')},{e['minutes']}"
                                              for e in as_run(plans["kit"], 10)]
    log.write_text("\n".join(rows) + "\n")
    data = yaml.safe_load((roster / "kit.yaml").read_text())
    data["log"] = {"files": ["kit.csv"]}
    write_config(roster / "kit.yaml", data)
    add_log(roster / "lee.yaml", as_run(plans["lee"], 10))
    command = ["--replan", "--from", DAY, "--today", DAY]
    result = batch(roster, "-o", out_dir, *command)
    assert result.exit_code == 0, result.output
    assert plan_file(out_dir, "kit-log")["changes"] == []  # the file was read: run as planned
    log.write_text(log.read_text().replace(f"{as_run(plans['kit'], 10)[0]['date']},", "2026-11-29,", 1))
    result = batch(roster, "-o", out_dir, *command)
    assert result.exit_code == 0 and "1 already up to date" in result.stdout
    assert plan_file(out_dir, "kit-log")["revision"] == 2 and plan_file(out_dir, "lee-log")["revision"] == 1


def test_the_next_night_re_plans_from_the_last_re_plan(tmp_path):
    roster, out_dir = roster_of(tmp_path, {"max": athlete("Max Nightly")})
    plan = previous_plan(out_dir, "max-nightly")
    index = next(i for i, day in enumerate(plan.day_list) if i >= 10 and day.run_kind != "rest")
    today = START + dt.timedelta(days=index)  # a run day: planned, then not run
    add_log(roster / "max.yaml", as_run(plan, index))
    assert batch(roster, "-o", out_dir, "--replan", "--today", today).exit_code == 0  # from today
    first = plan_file(out_dir, "max-nightly")
    assert first["planned_from"] == str(today) and first["revision"] == 1
    tomorrow = today + dt.timedelta(days=1)
    result = batch(roster, "-o", out_dir, "--replan", "--today", tomorrow)
    assert result.exit_code == 0, result.output
    second = plan_file(out_dir, "max-nightly")
    assert second["planned_from"] == str(tomorrow) and second["revision"] == 2
    assert second["days"][index]["adherence"] == "missed" and summary(out_dir)[0]["attention codes"] == "missed"
    assert {day["adherence"] for day in second["days"][:index]} <= {"done", "rest"}  # against the last re-plan


def test_a_plan_that_has_not_begun_is_planned_from_its_first_day(tmp_path):
    roster, out_dir = roster_of(tmp_path, {"nia": athlete("Nia Early")}, planned=False)
    result = batch(roster, "-o", out_dir, "--replan", "--today", START - dt.timedelta(days=3))
    assert result.exit_code == 0, result.output
    plan = plan_file(out_dir, "nia-early")
    assert plan["planned_from"] == str(START) and plan["revision"] == 0


def test_an_infeasible_previous_plan_is_no_plan_to_keep_to(tmp_path):
    roster, out_dir = roster_of(tmp_path, {"oto": athlete("Oto Fixed", availability={"sun": 150, "long_run_days": ["sun"]})},
                                code=1)
    assert plan_file(out_dir, "oto-fixed")["status"] == "infeasible"
    write_config(roster / "oto.yaml", athlete("Oto Fixed"))
    result = batch(roster, "-o", out_dir, "--replan", "--from", DAY, "--today", DAY)
    assert result.exit_code == 0, result.output
    plan = plan_file(out_dir, "oto-fixed")
    assert plan["status"] in ("optimal", "feasible") and plan["revision"] == 0 and plan["changes"] is None


def test_a_corrupt_previous_plan_fails_that_athlete_alone_naming_the_file(tmp_path):
    roster, out_dir = roster_of(tmp_path, {key: athlete(f"{key.title()} Broken") for key in ("pia", "quy")})
    (out_dir / "pia-broken.json").write_text('{"status": "optimal", "days": [')
    result = batch(roster, "-o", out_dir, "--replan", "--from", DAY, "--today", DAY)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output + result.stderr
    rows = {row["athlete"]: row for row in summary(out_dir)}
    assert rows["Pia Broken"]["status"] == "invalid"
    assert f"{out_dir / 'pia-broken.json'}: is not a plan JSON this planner wrote" in rows["Pia Broken"]["error"]
    assert (out_dir / "pia-broken.json").read_text() == '{"status": "optimal", "days": ['  # left as it was
    assert rows["Quy Broken"]["status"] in ("optimal", "feasible") and plan_file(out_dir, "quy-broken")["revision"] == 1


def test_a_day_outside_an_athletes_plan_fails_that_athlete(tmp_path):
    longer = athlete("Sol Long", plan={"start": str(START), "weeks": 8})
    roster, out_dir = roster_of(tmp_path, {"rui": athlete("Rui Short"), "sol": longer}, planned=False)
    late = START + dt.timedelta(days=7 * WEEKS + 3)
    result = batch(roster, "-o", out_dir, "--replan", "--from", late, "--today", late)
    assert result.exit_code == 1
    rows = {row["athlete"]: row for row in summary(out_dir)}
    assert rows["Rui Short"]["status"] == "invalid" and "outside the plan" in rows["Rui Short"]["error"]
    assert "--from" in rows["Rui Short"]["error"] and not (out_dir / "rui-short.json").exists()
    assert rows["Sol Long"]["status"] == "optimal"


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-12-10"], "--from needs --replan"),
    (["--replan", "--from", "10/12/2026"], "--from 10/12/2026: must be a date, YYYY-MM-DD"),
    (["--replan", "--today", "tomorrow"], "--today tomorrow: must be a date"),
])
def test_bad_replan_options_exit_2_and_write_nothing(tmp_path, args, message):
    roster, out_dir = roster_of(tmp_path, {"tia": athlete("Tia Options")}, planned=False)
    result = batch(roster, "-o", out_dir, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out_dir.exists()


def test_replan_with_another_format_keeps_the_json_and_adds_the_report(tmp_path):
    roster, out_dir = roster_of(tmp_path, {"uma": athlete("Uma Formats")}, "--format", "ics")
    add_log(roster / "uma.yaml", as_run(previous_plan(out_dir, "uma-formats"), 10))
    result = batch(roster, "-o", out_dir, "--replan", "--from", DAY, "--today", DAY, "--format", "ics")
    assert result.exit_code == 0, result.output
    assert "SEQUENCE:1" in (out_dir / "uma-formats.ics").read_text()
    assert plan_file(out_dir, "uma-formats")["revision"] == 1
    row = summary(out_dir)[0]
    assert (row["plan file"], row["report"]) == ("uma-formats.ics", "uma-formats.html")


def test_a_csv_roster_gives_each_athlete_its_log_files(tmp_path):
    template = {k: v for k, v in athlete("Template").items() if k != "athlete"} | {"athlete": {"units": "km"}}
    (tmp_path / "template.yaml").write_text(yaml.safe_dump(template))
    (tmp_path / "roster.csv").write_text("name,easy_pace,log\nVal Csv,6:00,logs/val.csv\nWes Csv,6:00,\n")
    out_dir = tmp_path / "out"
    first = batch(tmp_path / "roster.csv", "--template", tmp_path / "template.yaml", "-o", out_dir, "--today", START)
    assert first.exit_code == 1 and "logs/val.csv" in first.stderr  # the file is not there yet: Val alone fails
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "val.csv").write_text("date,kind,distance,minutes\n")
    assert batch(tmp_path / "roster.csv", "--template", tmp_path / "template.yaml", "-o", out_dir,
                 "--today", START).exit_code == 0
    entries = as_run(previous_plan(out_dir, "val-csv"), 10)
    lines = [f"{e['date']},{e['kind']},{e.get('distance', '')},{e['minutes']}" for e in entries]
    (tmp_path / "logs" / "val.csv").write_text("date,kind,distance,minutes\n" + "\n".join(lines) + "\n")
    result = batch(tmp_path / "roster.csv", "--template", tmp_path / "template.yaml", "-o", out_dir,
                   "--replan", "--from", DAY, "--today", DAY)
    assert result.exit_code == 0, result.output
    assert plan_file(out_dir, "val-csv")["changes"] == []  # run as planned, from the log file
    assert {day["adherence"] for day in plan_file(out_dir, "wes-csv")["days"][:10]} >= {"missed"}  # no log: not run


def test_the_same_re_plans_on_the_dask_engine(tmp_path):
    """The Dask workers get the previous plan with the task: they need no access to OUT_DIR."""
    from planner.batch.runner import Options, run_batch

    roster, out_dir = roster_of(tmp_path, {"vic": athlete("Vic Dask"), "wyn": athlete("Wyn Dask")})
    for key, slug in (("vic", "vic-dask"), ("wyn", "wyn-dask")):
        plan = previous_plan(out_dir, slug)
        first_run = next(day for day in plan.day_list if day.run_kind != "rest")
        add_log(roster / f"{key}.yaml", as_run(plan, 10, skip={str(first_run.date)}))
    plans = {}
    for engine in ("local", "dask"):
        copy_dir = tmp_path / engine
        shutil.copytree(out_dir, copy_dir)
        options = Options(out_dir=copy_dir, engine=engine, workers=2, replan=True, start=DAY, today=DAY)
        rows = run_batch(roster, options)
        assert [row.attention_codes for row in rows] == ["missed", "missed"]  # the first run, not run
        plans[engine] = {row.output: _without_timing(copy_dir / row.output) for row in rows}
    assert plans["local"] == plans["dask"] and all(plan["revision"] == 1 for plan in plans["dask"].values())


def _without_timing(path) -> dict:
    data = json.loads(path.read_text())
    data.pop("solve_seconds")
    return data


def test_a_previous_plan_past_the_size_limit_fails_that_athlete_naming_the_file(tmp_path, monkeypatch):
    import planner.io

    roster, out_dir = roster_of(tmp_path, {"ria": athlete("Ria Large")})
    before = (out_dir / "ria-large.json").read_text()
    monkeypatch.setattr(planner.io, "MAX_PLAN_BYTES", 100)
    result = batch(roster, "-o", out_dir, "--replan", "--from", DAY, "--today", DAY)
    assert result.exit_code == 1, result.output
    row = summary(out_dir)[0]
    assert row["status"] == "invalid"
    assert f"{out_dir / 'ria-large.json'}: is larger than 100 bytes" in row["error"]
    assert (out_dir / "ria-large.json").read_text() == before
