"""Athlete names are data, never markup: a name reaches spreadsheets (summary.csv), HTML
(summary.html's chart), the terminal (rich) and calendars (.ics) as the text it is."""

from __future__ import annotations

import copy
import csv
import io

import pytest
import yaml
from typer.testing import CliRunner

import planner
from planner.batch.summary import Row, weekly_figure, write_csv
from planner.cli import app
from planner.exports import render
from tests.conftest import BASE_CONFIG

runner = CliRunner()
FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "=cmd|' /C calc'!A0", "+1+2", "-3+4", "@SUM(A1)", "\tx", "\rx"]
MARKUP = ["[link=http://evil.example]click[/link]", "Ann [/foo]", "[bold]Bo[/bold] \\[x]"]
CONTROL = "Cy\x1b[2J\x07Dee\x9b31m"


@pytest.fixture(scope="module")
def one_week_plan():
    config = copy.deepcopy(BASE_CONFIG)
    config["plan"]["weeks"] = 1
    return planner.plan(config)


def test_summary_csv_neutralises_formulas_and_quotes_every_field(tmp_path):
    names = [*FORMULAS, "split\rrow", "split\nrow", "Plain Name"]
    rows = [Row(athlete=name, source="roster.csv line 2", status="optimal", weeks=2, peak_distance=30.5, units="km")
            for name in names]
    path = tmp_path / "summary.csv"
    write_csv(rows, path)
    lines = path.read_text().split("\n")[:-1]
    assert len(lines) == 1 + len(names), "a CR or newline in a name must not split a row"
    assert all(line.startswith('"') and line.endswith('"') for line in lines), "every field quoted"
    read = list(csv.DictReader(io.StringIO(path.read_text())))
    for name, row in zip(FORMULAS, read):
        assert row["athlete"].startswith("'"), row["athlete"]  # OWASP: a leading quote
        assert row["athlete"][1:].strip() == name.strip()
    assert [row["athlete"] for row in read[-3:]] == ["split row", "split row", "Plain Name"]
    assert read[0]["peak (km)"] == "30.5" and read[0]["weeks"] == "2"  # numbers are left as numbers


def test_summary_chart_shows_html_in_a_name_as_text():
    name = '<a href="http://evil.example">Dana</a>'
    (trace,) = weekly_figure([Row(athlete=name, source="s", status="optimal", units="km", weekly=[20.0])]).data
    assert "<a" not in trace.name and "&lt;a href=" in trace.name
    assert "<a" not in trace.hovertemplate


def test_plan_report_chart_title_shows_html_in_a_name_as_text(one_week_plan):
    plan = one_week_plan.model_copy(update={"athlete": "<a href='http://evil.example'>x</a>"})
    assert "<a href" not in plan.figure().layout.title.text


@pytest.mark.parametrize("name", [*MARKUP, CONTROL])
def test_plan_prints_a_name_with_markup_or_control_characters_as_text(one_week_plan, tmp_path, name):
    config = copy.deepcopy(BASE_CONFIG)
    config["plan"]["weeks"] = 1
    config["athlete"]["name"] = name
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["plan", str(path), "-o", str(tmp_path / "plan.json"), "--no-days"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.json").exists()
    if name in MARKUP:
        assert name.split("\n")[0] in result.stdout  # shown as written, not as a link or a style
    else:
        assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
        assert "Cy" in result.stdout and "Dee" in result.stdout


def test_batch_prints_names_with_markup_and_does_not_stop(tmp_path):
    roster = tmp_path / "roster"
    roster.mkdir()
    for index, name in enumerate(MARKUP[:2]):
        config = copy.deepcopy(BASE_CONFIG)
        config["plan"]["weeks"] = 1
        config["athlete"]["name"] = name
        if index == 1:
            config["availability"]["tue"] = "lots"  # an invalid row: its message is printed too
        (roster / f"a{index}.yaml").write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["batch", str(roster), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "Ann [/foo]" in result.stderr and "Traceback" not in result.output
    assert len(list((tmp_path / "out").glob("*.json"))) == 1


@pytest.mark.parametrize("name", ["A\rB", "A\x0bB", "A\x0cB", "A\nB", "A\r\nB"])
def test_ics_has_no_bare_line_breaks_or_controls_from_a_name(one_week_plan, tmp_path, name):
    plan = one_week_plan.model_copy(update={"athlete": name})
    text = render(plan, "ics")
    assert all(not any(ch in line for ch in "\r\n\x0b\x0c") for line in text.split("\r\n"))
    assert "X-WR-CALNAME:Running plan: A B" in text
    plan.save(tmp_path / "plan.ics")  # -o x.ics after solving must not fail
