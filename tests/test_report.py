"""Terminal output (planner.report): table captions on one line, a header on every column, and
notes that wrap with a hanging indent under their rule name (`planner explain`)."""

from __future__ import annotations

import copy
import io

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

import planner
from planner import report
from planner.cli import app
from planner.schema import RuleNote
from tests.conftest import BASE_CONFIG


@pytest.fixture(scope="module")
def plan():
    data = copy.deepcopy(BASE_CONFIG)
    data["plan"]["weeks"] = 5  # week 4 is a cutback week: the phase column has something to show
    return planner.plan(data)


def rendered(renderable, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("table, caption", [(report.week_table, report.WEEK_CAPTION), (report.day_grid, report.DAY_CAPTION)])
def test_a_table_caption_stays_on_one_line(plan, table, caption, width):
    lines = rendered(table(plan), width)
    assert lines[0].rstrip() == caption
    assert lines[1].startswith("┏")  # the table starts right under it: nothing wrapped


def test_every_week_table_column_has_a_header(plan):
    table = report.week_table(plan)
    headers = [str(column.header) for column in table.columns]
    assert all(header.strip() for header in headers) and headers[-1] == "phase"
    lines = rendered(table, 100)
    cutback = next(line for line in lines if line.startswith("│    4 "))
    assert "cutback" in cutback and plan.week_list[3].cutback


NOTE = RuleNote(rule="max_weekly_increase", message=(
    "the 10 % weekly increase from the 6 mi start floor reaches 12.2 mi by week 11; your weekday minutes "
    "would stop it at 12.4 mi anyway, so more time on Tuesday and Thursday would not raise the peak"))


@pytest.mark.parametrize("width", [50, 80])
def test_notes_wrap_with_a_hanging_indent_under_the_rule_name(width):
    console = Console(width=width, file=io.StringIO(), color_system=None)
    report.print_hanging(console, NOTE.rule, NOTE.message)
    lines = console.file.getvalue().splitlines()
    assert len(lines) > 1
    assert lines[0].startswith("  max_weekly_increase: the 10 %")
    assert all(line.startswith(" " * (2 + report.HANG)) and line[2 + report.HANG] != " " for line in lines[1:])
    assert all(len(line) <= width for line in lines)
    words = " ".join(line.strip() for line in lines).removeprefix("max_weekly_increase: ")
    assert words == NOTE.message


def test_a_hanging_note_shows_markup_and_controls_as_text():
    console = Console(width=60, file=io.StringIO(), color_system=None)
    report.print_hanging(console, "[bold]rule", "a [red]message[/red]\x1b[2J with\nbreaks")
    assert console.file.getvalue() == "  [bold]rule: a [red]message[/red] [2J with breaks\n"


def test_a_word_longer_than_the_line_gets_a_line_of_its_own():
    assert report.hanging_lines(["short", "x" * 30, "end"], 20, "  rule: ", "      ") == [
        "  rule: short", "      " + "x" * 30, "      end"]


def test_explain_wraps_its_notes_with_a_hanging_indent(tmp_path):
    data = {"athlete": {"name": "Bea Ginner", "units": "mi", "easy_pace": "10:00"},
            "history": {"weekly_distance": [0, 0, 2, 3], "longest_recent_run": 2},
            "goal": {"target_weekly_distance": 15}, "plan": {"start": "2026-11-30", "weeks": 12},
            "availability": {"tue": 40, "thu": 40, "sat": 60, "sun": 60}}
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(data))
    result = CliRunner().invoke(app, ["explain", str(path)])  # rich's console is 80 wide off a terminal
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("What holds the peak below the target:") + 1
    notes = lines[start:]
    assert notes and notes[0].startswith("  ") and not notes[0].startswith("   ")
    continued = [line for line in notes if line.startswith(" " * (2 + report.HANG))]
    assert continued, "a long note wraps"
    assert all(line.startswith("  ") and len(line) <= 80 for line in notes)  # none falls back to the margin
