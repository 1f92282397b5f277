"""Exports (planner.exports): JSON, CSV, iCalendar and the HTML report, all made from one Plan.

Every example is solved once per module (fixtures), plus a halted (red-flag) and an infeasible
plan: those have all-rest days or no days at all, and every format must still be written.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pandas
import pytest
import yaml
from icalendar import Calendar
from typer.testing import CliRunner

import planner
from planner.cli import app
from planner.errors import ExportError
from planner.exports import FORMATS, format_for, render, save_plan
from planner.result import Plan, PlanDay
from planner.exports.charts import charts_to_show
from tests.conftest import BASE_CONFIG, EXAMPLES, ROOT
from tests.replan_helpers import as_run, with_log

CHART_KEYS = ("weekly-distance", "long-runs", "acwr", "strength")
LIST_FIELDS = ("strength_exercises", "warmup", "cooldown", "notes")
runner = CliRunner()


def red_flag_config() -> dict:
    config = copy.deepcopy(BASE_CONFIG)
    config["goal"]["race"] = {"date": "2026-12-20", "distance": 10}
    config["pain"] = {"checkins": [{"date": "2026-11-25", "location": "lower_back", "severity": 5,
                                    "character": "radiating", "during": "long_run"}]}
    return config


def infeasible_config() -> dict:
    # one available day cannot hold a long run and the two shorter runs a week needs
    config = copy.deepcopy(BASE_CONFIG)
    config["availability"] = {"sun": 150, "long_run_days": ["sun"]}
    return config


@pytest.fixture(scope="module")
def example_plans() -> dict[str, tuple]:
    """(config, plan) per example, solved once for the whole module."""
    solved = {}
    for path in EXAMPLES:
        config = planner.load_config(path)
        solved[path.stem] = (config, planner.plan(config, time_limit=20))
    return solved


@pytest.fixture(scope="module")
def halted() -> tuple:
    config = planner.load_config(red_flag_config())
    return config, planner.plan(config)


@pytest.fixture(scope="module")
def infeasible() -> tuple:
    config = planner.load_config(infeasible_config())
    return config, planner.plan(config)


REPLAN_DAYS = 10  # re-plans from Thu of week 2: week 1 and three days of week 2 are logged


def replan_config() -> dict:
    config = copy.deepcopy(BASE_CONFIG)
    config["plan"]["weeks"] = 4
    return config


@pytest.fixture(scope="module")
def replanned() -> tuple:
    """(config, re-plan, previous plan): a run missed, one run 30 % long, a run on a rest day."""
    data = replan_config()
    previous = planner.plan(data)
    runs = [day for day in previous.day_list[:REPLAN_DAYS] if day.run_kind != "rest"]
    rest = next(day for day in previous.day_list[:REPLAN_DAYS] if day.run_kind == "rest")
    missed, longer = runs[0], runs[1]
    entries = as_run(previous, REPLAN_DAYS, skip={str(missed.date)},
                     change={str(longer.date): round(longer.distance * 1.3, 1)})
    entries.append({"date": str(rest.date), "kind": "easy", "distance": 4.0, "minutes": 24})
    config = planner.load_config(with_log(data, entries))
    day = previous.day_list[REPLAN_DAYS].date
    plan = planner.replan(config, start=day, previous=previous, today=day)
    assert {d.adherence for d in plan.day_list if d.logged} >= {"missed", "partial", "extra", "done"}
    return config, plan, previous


@pytest.fixture(scope="module")
def halted_with_log() -> tuple:
    """(config, plan): two weeks run as planned, then a red flag: the rest of the plan halted."""
    data = replan_config()
    previous = planner.plan(data)
    day = previous.day_list[14].date
    data["pain"] = {"checkins": [{"date": str(day), "location": "lower_back", "severity": 5,
                                  "character": "radiating", "during": "long_run"}]}
    config = planner.load_config(with_log(data, as_run(previous, 14)))
    plan = planner.replan(config, start=day, previous=previous, today=day)
    assert plan.status == "halted"
    return config, plan


@pytest.fixture(scope="module")
def all_plans(example_plans, halted, infeasible) -> dict[str, tuple]:
    plans = dict(example_plans)
    plans["halted"], plans["infeasible"] = halted, infeasible
    assert halted[1].status == "halted" and infeasible[1].status == "infeasible"
    return plans


def joined_days(plan: Plan) -> pandas.DataFrame:
    """plan.days with list fields joined by "; " and absent values empty, as the CSV holds them."""
    days = plan.days
    for column in LIST_FIELDS:
        days[column] = [("; ".join(items)) for items in days[column]]
    for column in ("logged", "adherence", "planned", "planned_distance"):  # only a plan's past days have them
        days[column] = ["" if value is None else value for value in days[column]]
    days["workout"] = [workout["name"] if workout else "" for workout in days["workout"]]  # quality days only
    return days


# ---- what the exports depend on --------------------------------------------------------------

# planner modules an export may import: the schema and small helpers, never the model or solver.
# The one exception is render's `context_for` (the target and cap from a config, planner.result).
EXPORT_MAY_IMPORT = {"planner.schema", "planner.safe_text", "planner.naming", "planner.io", "planner.errors",
                     "planner.config"}


def planner_imports(path) -> set[tuple[str, str]]:
    """(module, name) of every `from planner... import name` and `import planner...` in a file."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("planner"):
            found |= {(node.module, alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {(alias.name, "") for alias in node.names if alias.name.startswith("planner")}
    return found


def test_exports_depend_on_the_schema_only():
    exports = ROOT / "planner" / "exports"
    for path in sorted(exports.glob("*.py")):
        for module, name in planner_imports(path):
            if module.startswith("planner.exports") or module in EXPORT_MAY_IMPORT:
                continue
            assert (path.name, module, name) == ("__init__.py", "planner.result", "context_for"), \
                f"{path.name} imports {name or module} from {module}"


# ---- choosing the format -------------------------------------------------------------------

def test_format_follows_the_extension_and_fmt_overrides_it():
    assert [format_for(f"out/plan.{f}") for f in FORMATS] == list(FORMATS)
    assert format_for("Plan.HTML") == "html"
    assert format_for("plan.txt", "csv") == "csv"
    assert format_for("plan.json", "ICS") == "ics"


@pytest.mark.parametrize("path, fmt", [("plan.docx", None), ("plan", None), ("plan.json", "pdf")])
def test_unknown_format_names_every_allowed_one(path, fmt):
    with pytest.raises(ExportError) as error:
        format_for(path, fmt)
    message = str(error.value)
    assert all(f in message for f in FORMATS)
    assert (fmt or path) in message


def test_unknown_format_writes_nothing(all_plans, tmp_path):
    _, plan = all_plans["half_marathon"]
    with pytest.raises(ExportError):
        plan.save(tmp_path / "plan.pdf")
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_an_existing_file_whole(all_plans, tmp_path, monkeypatch):
    _, plan = all_plans["half_marathon"]
    out = tmp_path / "plan.html"
    out.write_text("the previous report")

    def broken(*args):
        raise RuntimeError("chart failed")

    monkeypatch.setattr("planner.exports.html_report.plan_html", broken)
    with pytest.raises(RuntimeError):
        plan.save(out)
    assert out.read_text() == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]


# ---- JSON and CSV --------------------------------------------------------------------------

@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + ["halted", "infeasible"])
def test_json_is_the_canonical_plan(all_plans, name, tmp_path):
    config, plan = all_plans[name]
    written = save_plan(plan, tmp_path / "plan.json")
    assert written.read_text() == plan.to_json()
    assert planner.validate(config, json.loads(written.read_text())) == []


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + ["halted", "infeasible"])
def test_csv_round_trips_to_the_days(all_plans, name, tmp_path):
    _, plan = all_plans[name]
    path = plan.save(tmp_path / "plan.csv")
    back = pandas.read_csv(path, keep_default_na=False, dtype={"date": str})
    expected = joined_days(plan)
    expected["date"] = expected["date"].map(dt.date.isoformat)
    assert list(back.columns) == list(expected.columns)
    assert len(back) == len(plan.day_list)
    pandas.testing.assert_frame_equal(back, expected, check_dtype=False)


def test_csv_joins_lists_with_semicolons(all_plans):
    _, plan = all_plans["half_marathon"]
    day = next(d for d in plan.day_list if d.strength and d.run_kind != "rest")
    back = pandas.read_csv(io.StringIO(render(plan, "csv")), keep_default_na=False)
    row = back[back["date"] == day.date.isoformat()].iloc[0]
    assert row["strength_exercises"] == "; ".join(day.strength_exercises)
    assert row["warmup"] == "; ".join(day.warmup)


# ---- iCalendar -----------------------------------------------------------------------------

def parse_calendar(text: str) -> Calendar:
    return Calendar.from_ical(text.encode("utf-8"))


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + ["halted", "infeasible"])
def test_ics_has_one_all_day_event_per_training_day(all_plans, name, tmp_path):
    _, plan = all_plans[name]
    calendar = parse_calendar(plan.save(tmp_path / "plan.ics").read_text())
    assert str(calendar["VERSION"]) == "2.0" and "running-planner" in str(calendar["PRODID"])
    assert plan.athlete in str(calendar["X-WR-CALNAME"])
    events = calendar.walk("VEVENT")
    if plan.status == "halted":  # one event saying why, on the first day, and nothing else
        assert [e.decoded("DTSTART") for e in events] == [plan.day_list[0].date]
        assert "see a physical therapist or doctor" in str(events[0]["SUMMARY"])
        assert str(events[0]["DESCRIPTION"]) == plan.pain.message
        return
    training = [d for d in plan.day_list if d.run_kind != "rest" or d.strength]
    assert [e.decoded("DTSTART") for e in events] == [d.date for d in training]
    for event, day in zip(events, training):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all-day: VALUE=DATE
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)
        assert str(event["UID"]).startswith(day.date.isoformat())
    if plan.status == "infeasible":
        assert events == []


def test_ics_titles_and_descriptions(all_plans):
    _, plan = all_plans["half_marathon"]
    events = {e.decoded("DTSTART"): e for e in parse_calendar(render(plan, "ics")).walk("VEVENT")}
    long_day = next(d for d in plan.day_list if d.run_kind == "long")
    assert str(events[long_day.date]["SUMMARY"]) == f"Long run {long_day.distance:.1f} km"
    both = next(d for d in plan.day_list if d.run_kind == "easy" and d.strength)
    assert str(events[both.date]["SUMMARY"]) == f"Easy run {both.distance:.1f} km + hip/core"
    description = str(events[both.date]["DESCRIPTION"])
    for item in both.warmup + both.strength_exercises + both.cooldown:
        assert item in description
    assert str(both.run_minutes) in description
    assert all(note in str(events[long_day.date]["DESCRIPTION"]) for note in long_day.notes)
    race = next(d for d in plan.day_list if d.run_kind == "race")
    assert str(events[race.date]["SUMMARY"]) == f"Race {race.distance:.1f} km"


def with_strength_only_day(plan: Plan) -> tuple[Plan, PlanDay]:
    """The plan with its first hip/core day made a day of hip/core alone (no run)."""
    index, day = next((i, d) for i, d in enumerate(plan.day_list) if d.strength)
    strength_only = day.model_copy(update={"run_kind": "rest", "distance": 0.0, "run_minutes": 0,
                                           "warmup": [], "cooldown": [], "notes": []})
    days = plan.day_list[:index] + [strength_only] + plan.day_list[index + 1:]
    return plan.model_copy(update={"day_list": days}), strength_only


def test_ics_strength_only_day_is_titled_hip_core(all_plans):
    plan, day = with_strength_only_day(all_plans["half_marathon"][1])
    events = {e.decoded("DTSTART"): e for e in parse_calendar(render(plan, "ics")).walk("VEVENT")}
    assert str(events[day.date]["SUMMARY"]) == "Hip/core strength"
    description = str(events[day.date]["DESCRIPTION"])
    assert all(exercise in description for exercise in day.strength_exercises) and "Warm-up" not in description


def test_ics_uids_are_stable_across_re_plans():
    """A re-plan (here: a higher target) keeps the UID of every date, so a calendar updates."""
    first = planner.plan(BASE_CONFIG)
    changed = copy.deepcopy(BASE_CONFIG)
    changed["goal"]["target_weekly_distance"] = 40
    changed["strength"]["sessions_per_week"] = 1
    second = planner.plan(changed)
    uids = [{e.decoded("DTSTART"): str(e["UID"]) for e in parse_calendar(render(p, "ics")).walk("VEVENT")}
            for p in (first, second)]
    shared = set(uids[0]) & set(uids[1])
    assert shared and all(uids[0][date] == uids[1][date] for date in shared)
    assert len(set(uids[0].values())) == len(uids[0])  # unique within one calendar
    assert re.fullmatch(rf"{min(shared).isoformat()}-test-runner-[0-9a-f]{{10}}@running-planner", uids[0][min(shared)])


@pytest.mark.parametrize("names", [("Dana Ruiz", "Ana Ruiz"), ("李雷", "王芳"), ("Zoë", "Zoé"),
                                   ("Dana Ruiz", "dana ruiz"), ("Jo O'Neil", "Jo ONeil"), ("Ann-Lee", "Ann Lee")])
def test_ics_uids_differ_between_athletes(all_plans, names):
    _, plan = all_plans["half_marathon"]
    uid = lambda p: {str(e["UID"]) for e in parse_calendar(render(p, "ics")).walk("VEVENT")}  # noqa: E731
    first, second = (uid(plan.model_copy(update={"athlete": name})) for name in names)
    assert first.isdisjoint(second)


# ---- HTML report ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_html_report_of_each_example(all_plans, name, tmp_path):
    _, plan = all_plans[name]
    page = plan.save(tmp_path / "plan.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert plan.athlete in page and f"status-{plan.status}" in page
    for key in CHART_KEYS:
        assert f'id="chart-{key}"' in page
    assert page.count('<tr class="kind-') == len(plan.day_list)
    assert page.count('<tr class="week">') == len(plan.week_list)
    context = plan.context
    assert f"{context.target_weekly_distance:g} {plan.units} a week" in page
    for limit in plan.explanation.limits:
        assert _escaped(limit.message) in page


class ExternalResources(HTMLParser):
    """Every tag attribute that would load something (script src, link href, img src, ...)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str]] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        self.loads.extend((tag, attrs[a]) for a in ("src", "href") if attrs.get(a))


def test_html_shows_a_hip_core_only_day_as_a_session_not_rest(all_plans):
    plan, day = with_strength_only_day(all_plans["half_marathon"][1])
    page = render(plan, "html")
    rows = re.findall(r'<tr class="kind-strength">(.*?)</tr>', page)
    assert len(rows) == sum(d.run_kind == "rest" and d.strength for d in plan.day_list)
    row = next(r for r in rows if day.date.strftime("%d %b") in r)
    assert ">hip/core<" in row and ", ".join(day.strength_exercises) in row


def test_html_is_self_contained(all_plans):
    _, plan = all_plans["half_marathon"]
    page = render(plan, "html")
    parser = ExternalResources()
    parser.feed(page)
    assert parser.loads == []
    assert parser.inline_scripts == 1 + len(CHART_KEYS)  # plotly.js, then one script per chart
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js itself is inline


def test_html_red_flag_is_prominent(all_plans):
    _, plan = all_plans["halted"]
    page = render(plan, "html")
    alert = page.index('role="alert"')
    assert page.index("<h1>") < alert < page.index('class="facts"') < page.index("Day by day")  # at the top
    assert _escaped(plan.pain.message) in page
    assert all(_escaped(action) in page for action in plan.pain.actions)
    assert all(_escaped(warning) in page for warning in plan.warnings)
    assert page.count('<tr class="kind-rest">') == len(plan.day_list)


def test_html_of_a_halted_plan_draws_no_empty_charts(all_plans):
    _, plan = all_plans["halted"]
    page = render(plan, "html")
    assert 'class="chart"' not in page and "Plotly.newPlot" not in page
    assert "No charts: nothing was run or planned." in page


def test_html_of_a_halted_re_plan_charts_the_past_only(halted_with_log):
    config, plan = halted_with_log
    page = render(plan, "html")
    shown = [chart.key for chart in charts_to_show(plan, plan.context)]
    assert shown == list(CHART_KEYS)  # the two weeks run had distance, a long run, load and hip/core
    for key in shown:
        assert f'id="chart-{key}"' in page
    assert page.index('role="alert"') < page.index('id="chart-weekly-distance"')
    weekly = {trace.name: trace for trace in charts_to_show(plan, plan.context)[0].traces}
    done = [sum(d.distance for d in plan.day_list if d.week == week) for week in (1, 2)]
    assert list(weekly["done (logged)"].y)[:2] == pytest.approx(done) and all(done)
    assert not [name for name in weekly if name.startswith("planned")]  # nothing is planned after a red flag


def test_html_leaves_out_a_chart_with_nothing_to_show():
    data = copy.deepcopy(BASE_CONFIG)
    data["strength"]["sessions_per_week"] = 0
    plan = planner.plan(data)
    page = render(plan, "html")
    assert 'id="chart-strength"' not in page
    assert all(f'id="chart-{key}"' in page for key in CHART_KEYS if key != "strength")


def test_html_infeasible_shows_the_conflicts(all_plans):
    _, plan = all_plans["infeasible"]
    page = render(plan, "html")
    assert plan.explanation.conflicts
    for conflict in plan.explanation.conflicts:
        assert _escaped(conflict.rule) in page and _escaped(conflict.message) in page
    assert "No plan satisfies every rule" in page and "chart-" not in page


def test_html_escapes_plan_text(all_plans):
    _, plan = all_plans["halted"]
    nasty = '<script>alert("x")</script> & Co'
    other = plan.model_copy(update={"athlete": nasty, "warnings": [nasty]})
    page = render(other, "html", config=None)
    assert nasty not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page


def _escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


# ---- the HTML report of a re-plan ------------------------------------------------------------

def chart_traces(plan, key: str) -> dict:
    chart = next(chart for chart in charts_to_show(plan, plan.context) if chart.key == key)
    return {trace.name: trace for trace in chart.traces}


def test_replan_chart_sets_each_weeks_done_beside_the_previous_plan_then_the_planned_days(replanned):
    _, plan, previous = replanned
    traces = chart_traces(plan, "weekly-distance")
    logged = [d for d in plan.day_list if d.logged]
    before = {d.date: d.distance for d in previous.day_list}
    done = dict(zip(traces["done (logged)"].x, traces["done (logged)"].y))
    was = dict(zip(traces["previous plan (the same days)"].x, traces["previous plan (the same days)"].y))
    for week in (1, 2):
        days = [d for d in logged if d.week == week]
        assert done[week] == pytest.approx(sum(d.distance for d in days))
        assert was[week] == pytest.approx(sum(before[d.date] for d in days))
    assert done[1] != pytest.approx(was[1])  # a missed run, a longer one and an extra one
    assert set(was) == {1, 2} and traces["previous plan (the same days)"].offsetgroup == "previous"
    planned = {}
    for name, trace in traces.items():
        if name.startswith("planned ("):
            assert trace.offsetgroup == "plan"
            for week, base, value in zip(trace.x, trace.base, trace.y):
                assert base == pytest.approx(done[week])  # stacked on what was done
                planned[week] = value
    assert 1 not in planned  # week 1 is all past
    for week in plan.week_list:
        assert done[week.week] + planned.get(week.week, 0) == pytest.approx(week.distance)
    boundary = traces[f"re-planned from {plan.planned_from.strftime('%a %d %b')}"]
    assert list(boundary.x) == [0.5 + REPLAN_DAYS / 7] * 2


def test_replan_load_ratio_shows_the_days_done_then_the_days_planned(replanned):
    _, plan, _ = replanned
    traces = chart_traces(plan, "acwr")
    ratios, dates = plan.context.daily_acwr, [d.date for d in plan.day_list]
    assert list(traces["ACWR (done)"].x) == dates[:REPLAN_DAYS] and list(traces["ACWR (done)"].y) == ratios[:REPLAN_DAYS]
    # the planned line starts on the last day done, so the two join
    assert list(traces["ACWR (planned)"].x) == dates[REPLAN_DAYS - 1:]
    assert list(traces["ACWR (planned)"].y) == ratios[REPLAN_DAYS - 1:]
    assert set(traces[f"cap {plan.context.acwr_max:g}"].y) == {plan.context.acwr_max}


def test_replan_day_table_marks_logged_days_and_colours_them_by_adherence(replanned):
    _, plan, previous = replanned
    page = render(plan, "html")
    rows = re.findall(r'<tr class="kind-[a-z]+( logged)?(?: adherence-([a-z]+))?">(.*?)</tr>', page)
    assert len(rows) == len(plan.day_list)
    before = {d.date: d for d in previous.day_list}
    for day, (logged, adherence, cells) in zip(plan.day_list, rows):
        assert bool(logged) == bool(day.logged) and (adherence or None) == day.adherence
        if day.logged:
            assert '<span class="logged-tag">logged</span>' in cells
            assert f'<span class="adherence {day.adherence}">{day.adherence}</span>' in cells
            planned = before[day.date]
            summary = "rest" if planned.run_kind == "rest" else f"{planned.run_kind[0].upper()} {planned.distance:.1f}"
            assert f"planned {summary}" in cells
            if day.strength:  # the log gives the minutes, not the exercises
                assert f"<td>{day.strength_minutes} min</td>" in cells
    legend = page[page.index('class="legend"'):page.index('<table class="days">')]
    for name in ("done", "partial", "missed", "extra"):
        assert f'class="adherence {name}"' in legend
    week_one = re.search(r'<tr class="week"><th[^>]*>(Week 1 .*?)</th>', page).group(1)
    counts = {name: sum(d.adherence == name for d in plan.day_list if d.week == 1) for name in ("done", "missed")}
    assert f"{counts['done']} done" in week_one and f"{counts['missed']} missed" in week_one


def test_replan_report_lists_every_change_before_after_and_why(replanned):
    _, plan, _ = replanned
    page = render(plan, "html")
    assert plan.changes, "the missed and extra runs change the days ahead"
    section = page[page.index("What changed since the previous plan"):page.index("<h2>Charts</h2>")]
    rows = re.findall(r"<tr><td class=\"date\">(.*?)</td><td class=\"summary\">(.*?) &rarr; (.*?)</td><td>(.*?)</td></tr>", section)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (c.date.strftime("%a %d %b"), _escaped(c.before), _escaped(c.after), _escaped(c.reason)) for c in plan.changes]
    assert f"revision {plan.revision}" in page


def test_a_replan_that_matches_its_previous_plan_says_nothing_changed(replanned):
    config, _, previous = replanned
    data = replan_config()
    day = previous.day_list[REPLAN_DAYS].date
    plan = planner.replan(with_log(data, as_run(previous, REPLAN_DAYS)), start=day, previous=previous, today=day)
    page = render(plan, "html")
    assert plan.changes == [] and "No planned day changed: the plan stands as it was." in page
    marks = set(re.findall(r'<tr class="kind-[a-z]+ logged adherence-([a-z]+)">', page))
    assert marks and marks <= {"done", "rest"}


def test_the_figure_of_a_replan_groups_done_beside_the_previous_plan(replanned):
    _, plan, _ = replanned
    figure = plan.figure()
    names = {trace.name for trace in figure.data}
    assert {"done (logged)", "previous plan (the same days)", "ACWR (done)", "ACWR (planned)"} <= names
    assert figure.layout.barmode == "group"


def test_a_replan_read_back_from_json_renders_the_same_report(replanned):
    config, plan, _ = replanned
    loaded = Plan.model_validate_json(plan.to_json())
    assert render(loaded, "html", config) == render(plan, "html")


# ---- figures and plans read back from JSON -------------------------------------------------

def test_figure_charts_the_plan_against_target_and_cap(all_plans):
    config, plan = all_plans["half_marathon"]
    figure = plan.figure()
    by_name = {trace.name: trace for trace in figure.data}
    target = by_name[f"target {config.goal.target_weekly_distance:g} km"]
    assert set(target.y) == {config.goal.target_weekly_distance}
    cap = by_name[f"cap {config.rules.acwr_max:g}"]
    assert set(cap.y) == {config.rules.acwr_max}
    acwr = by_name["ACWR"]
    assert len(acwr.y) == len(plan.day_list)
    # the daily series peaks at each week's reported max_acwr
    for week in plan.week_list:
        assert max(acwr.y[7 * (week.week - 1): 7 * week.week]) == pytest.approx(week.max_acwr, abs=0.006)
    bars = [t for t in figure.data if t.type == "bar" and (t.name.endswith("week") or t.name == "race")]
    stacked = {}
    for trace in bars:  # training by phase, the race on top: together each week's distance
        for week, distance in zip(trace.x, trace.y):
            stacked[week] = stacked.get(week, 0) + distance
    assert stacked == pytest.approx({w.week: w.distance for w in plan.week_list})
    race = next(d for d in plan.day_list if d.run_kind == "race")
    assert list(by_name["race"].x) == [race.week] and list(by_name["race"].y) == [race.distance]
    cutback = by_name["cutback week"]
    assert list(cutback.x) == [w.week for w in plan.week_list if w.cutback and not w.taper]
    assert list(by_name["hip/core sessions"].y) == [w.strength_sessions for w in plan.week_list]


def test_plan_from_json_needs_its_config_for_target_and_cap(all_plans):
    config, plan = all_plans["half_marathon"]
    loaded = Plan.model_validate_json(plan.to_json())
    assert loaded.context is None
    names = {trace.name for trace in loaded.figure().data}
    assert not any(name.startswith(("target", "cap")) for name in names) and "peak ACWR" in names
    with_config = {trace.name: trace for trace in loaded.figure(config).data}
    assert list(with_config["ACWR"].y) == plan.context.daily_acwr
    assert render(loaded, "html", config) == render(plan, "html")
    other = planner.load_config(next(p for p in EXAMPLES if p.stem != "half_marathon"))
    if other.plan.start != config.plan.start:
        with pytest.raises(ExportError, match="plan.start"):
            loaded.figure(other)


def test_figure_of_plans_without_training(all_plans):
    for name in ("halted", "infeasible"):
        _, plan = all_plans[name]
        figure = plan.figure()
        assert len(figure.layout.annotations) == 4  # one title per subplot
        assert sum(len(t.y or ()) for t in figure.data if t.type == "bar") == len(plan.week_list) * 2


# ---- the command line ----------------------------------------------------------------------

def write_config(tmp_path, data):
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_the_format_of_the_extension(tmp_path, fmt):
    config = write_config(tmp_path, BASE_CONFIG)
    out = tmp_path / f"plan.{fmt}"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out), "--no-days"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    expected_start = {"json": "{", "csv": "date,weekday,week", "ics": "BEGIN:VCALENDAR", "html": "<!DOCTYPE html>"}
    assert text.startswith(expected_start[fmt])


def test_cli_format_overrides_the_extension(tmp_path):
    config = write_config(tmp_path, BASE_CONFIG)
    out = tmp_path / "plan.txt"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out), "--format", "csv", "--no-days"])
    assert result.exit_code == 0, result.output
    assert len(pandas.read_csv(out)) == 7 * BASE_CONFIG["plan"]["weeks"]


@pytest.mark.parametrize("args, named", [
    (["-o", "plan.docx"], ".docx"),
    (["-o", "plan"], "no extension"),
    (["-o", "plan.json", "--format", "pdf"], "'pdf'"),
    (["--format", "csv"], "needs -o"),
])
def test_cli_rejects_unknown_formats_before_planning(tmp_path, args, named):
    config = write_config(tmp_path, BASE_CONFIG)
    args = [str(tmp_path / a) if a.startswith("plan") else a for a in args]
    result = runner.invoke(app, ["plan", str(config), *args])
    assert result.exit_code == 2
    assert named in result.stderr and all(f in result.stderr for f in FORMATS)
    assert result.stdout == ""  # no plan printed: the solver never ran
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["athlete.yaml"]


def test_cli_infeasible_html_shows_conflicts_and_exits_3(tmp_path):
    config = write_config(tmp_path, infeasible_config())
    out = tmp_path / "plan.html"
    result = runner.invoke(app, ["plan", str(config), "-o", str(out)])
    assert result.exit_code == 3, result.output
    page = out.read_text()
    assert "No plan satisfies every rule" in page and "status-infeasible" in page


# ---- the HTML in a real browser ------------------------------------------------------------

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")

# Written into the page before anything else: any script error lands in the DOM Chromium dumps.
ERROR_CATCHER = (
    "<script>window.onerror = function (message) {"
    " document.documentElement.setAttribute('data-script-errors',"
    " (document.documentElement.getAttribute('data-script-errors') || '') + message + ' | '); };</script>"
)


def rendered_dom(page: str, tmp_path) -> str:
    """The DOM after Chromium ran the page's scripts (virtual time lets plotly finish drawing)."""
    path = tmp_path / "page.html"
    path.write_text(page.replace("<head>", "<head>\n" + ERROR_CATCHER, 1))
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=5000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def script_errors(dom: str) -> str | None:
    """What the error catcher wrote on the <html> element (None: no script error)."""
    html_tag = re.search(r"<html[^>]*>", dom).group(0)
    found = re.search(r'data-script-errors="([^"]*)"', html_tag)
    return found.group(1) if found else None


class ChartSvgs(HTMLParser):
    """Which chart containers (div.chart) hold a plotly <svg class="main-svg">."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.current, self.drawn = 0, None, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            if self.current is None and "chart" in (attrs.get("class") or "").split():
                self.current, self.depth = attrs.get("id"), 0
            elif self.current is not None:
                self.depth += 1
        if tag == "svg" and self.current and "main-svg" in (attrs.get("class") or ""):
            self.drawn.add(self.current)

    def handle_endtag(self, tag):
        if tag == "div" and self.current is not None:
            if self.depth == 0:
                self.current = None
            else:
                self.depth -= 1


@needs_chromium
def test_error_catcher_reports_a_script_error(tmp_path):
    """The harness itself: a page that throws must show up as an error."""
    dom = rendered_dom("<html><head></head><body><script>throw new Error('boom')</script></body></html>", tmp_path)
    assert "boom" in script_errors(dom)


@needs_chromium
@pytest.mark.parametrize("name", ["half_marathon", "halted", "replanned", "halted_with_log"])
def test_html_charts_render_in_chromium(all_plans, replanned, halted_with_log, name, tmp_path):
    plan = {"replanned": replanned[1], "halted_with_log": halted_with_log[1]}.get(name) or all_plans[name][1]
    dom = rendered_dom(render(plan, "html"), tmp_path)
    assert script_errors(dom) is None
    parser = ChartSvgs()
    parser.feed(dom)
    assert parser.drawn == {chart.key for chart in charts_to_show(plan, plan.context)}
    assert parser.drawn == (set() if name == "halted" else set(CHART_KEYS))
