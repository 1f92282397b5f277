"""HTML: a self-contained report of a plan, readable offline in any browser.

plotly.js is embedded inline (about 4.8 MB), so the file needs no network. Every piece of text
from the plan passes through `html.escape` (`_text`); only this module's own markup does not.

A red flag comes first, under the title. Only charts with something to show are drawn (a
halted plan without a log has none). A re-plan (docs/replanning.md) also shows, from the plan
alone: planned against done in the charts, past days marked and coloured by their adherence
to the previous plan, with what it had for them, and the `changes` it made, each with why.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from planner.exports.charts import chart_figure, charts_to_show, is_replan
from planner.schema import ADHERENCE, adherence_counts

if TYPE_CHECKING:
    from planner.schema import Plan, PlanContext, PlanDay, PlanWeek, RuleNote

STATUS_TEXT = {
    "optimal": "the best plan under the rules (proven)",
    "feasible": "the best plan found within the time limit",
    "halted": "training halted by a pain red flag",
    "infeasible": "no plan satisfies every rule",
}
RUN_NAMES = {"rest": "rest", "easy": "easy run", "long": "long run", "quality": "quality run", "race": "race"}
ADHERENCE_TEXT = {  # what each adherence of a past day to the previous plan means (docs/replanning.md)
    "done": "done: run within 20 % of the planned distance",
    "partial": "partial: run, but more than 20 % off the planned distance",
    "missed": "missed: a planned run not run",
    "extra": "extra: a run on a planned rest day",
    "rest": "rest, as planned",
}

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0; background: #f6f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 10px; font-size: 19px; border-bottom: 1px solid #e3e5e8; padding-bottom: 4px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 6px 18px; margin: 14px 0; }
.facts div { background: #f3f5f8; border-radius: 6px; padding: 6px 10px; }
.facts b { display: block; font-size: 12px; color: #667; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.status { display: inline-block; padding: 1px 9px; border-radius: 10px; font-weight: 600; color: #fff; }
.status-optimal { background: #2e7d32; } .status-feasible { background: #b7791f; }
.status-halted, .status-infeasible { background: #c62828; }
.box { border-radius: 8px; padding: 12px 16px; margin: 14px 0; border: 1px solid; }
.box h2 { margin: 0 0 6px; border: 0; padding: 0; }
.box ul { margin: 6px 0 0; padding-left: 22px; }
.pain { background: #fff8e1; border-color: #f0c36d; }
.red-flag { background: #fdecea; border: 3px solid #c62828; }
.red-flag h2 { color: #b71c1c; font-size: 22px; }
.warnings { background: #fffde7; border-color: #e6d36a; }
.conflicts { background: #fdecea; border-color: #e57373; }
.limits { background: #eef4fb; border-color: #9dbbe0; }
.rule { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
.chart { margin: 6px 0 18px; min-height: 340px; }
table.days { border-collapse: collapse; width: 100%; font-size: 13.5px; }
table.days th, table.days td { padding: 4px 7px; border-bottom: 1px solid #eceef1; vertical-align: top; text-align: left; }
table.days td.num { text-align: right; white-space: nowrap; }
table.days td.date { white-space: nowrap; }
table.days thead th { position: sticky; top: 0; background: #fff; border-bottom: 2px solid #ccd; }
tr.week th { background: #eef1f5; font-weight: 600; padding-top: 8px; }
tr.kind-rest td { color: #888; }
.kind { font-weight: 600; white-space: nowrap; }
.kind-easy .kind { color: #2e7d32; } .kind-long .kind { color: #1f3a93; }
.kind-quality .kind { color: #8e24aa; } .kind-race .kind { color: #c62828; }
.kind-strength .kind { color: #2aa198; }
.tag { display: inline-block; font-size: 11.5px; padding: 0 6px; border-radius: 8px; background: #F2A93B; color: #fff; margin-left: 6px; }
.tag.taper { background: #54A24B; }
.muted { color: #778; }
.adherence { display: inline-block; font-size: 11.5px; padding: 0 7px; border-radius: 8px; font-weight: 600; white-space: nowrap; }
.logged-tag { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 6px; border: 1px solid #99a; color: #556; margin-left: 6px; }
tr.adherence-done td { background: #edf7ee; } .adherence.done { background: #2e7d32; color: #fff; }
tr.adherence-partial td { background: #fff5e0; } .adherence.partial { background: #b7791f; color: #fff; }
tr.adherence-missed td { background: #fdecea; } .adherence.missed { background: #c62828; color: #fff; }
tr.adherence-extra td { background: #efe9f8; } .adherence.extra { background: #6a3fa0; color: #fff; }
tr.adherence-rest td { background: #f4f5f7; } .adherence.rest { background: #8a939c; color: #fff; }
tr.logged td.date { border-left: 4px solid #3d4f5c; }
.legend { margin: 4px 0 10px; font-size: 13px; } .legend span.adherence { margin-right: 4px; }
.legend li { list-style: none; display: inline-block; margin-right: 14px; }
.legend ul { padding: 0; margin: 0; }
table.changes { border-collapse: collapse; font-size: 13.5px; }
table.changes th, table.changes td { padding: 4px 10px; border-bottom: 1px solid #eceef1; text-align: left; vertical-align: top; }
table.changes td.summary { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
"""


PLOTLY_FILE = "plotly.min.js"  # the shared copy a batch writes once beside its reports


def plan_html(plan: "Plan", context: "PlanContext | None", shared_plotly: bool = False) -> str:
    """The whole report as one HTML document: self-contained (plotly.js inline, about 4.8 MB),
    or, with `shared_plotly`, loading plotly.js from PLOTLY_FILE beside it (a batch of many
    reports writes that file once instead of a copy per athlete)."""

    red_flag = plan.pain.level == "red_flag"
    sections = [
        _title(plan),
        _red_flag(plan) if red_flag else "",
        _facts(plan, context),
        "" if red_flag else _pain(plan),
        _notes_box("Warnings", "warnings", [(None, w) for w in plan.warnings]),
        _notes_box("No plan satisfies every rule", "conflicts", _rule_notes(plan.explanation.conflicts)),
        _notes_box("What limits this plan", "limits", _rule_notes(plan.explanation.limits)),
        _changes(plan),
        _charts(plan, context),
        _day_table(plan),
    ]
    title = _text(f"Running plan: {plan.athlete}")
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{STYLE}</style>\n"
        f"{_plotly_script(shared_plotly)}\n"
        f"</head>\n<body>\n<main>\n" + "\n".join(s for s in sections if s) + "\n</main>\n</body>\n</html>\n"
    )


def _plotly_script(shared: bool) -> str:
    if shared:
        return f'<script type="text/javascript" src="{PLOTLY_FILE}"></script>'
    import plotly.offline

    return f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>'


def write_shared_plotly(directory: Path) -> None:
    """PLOTLY_FILE in `directory`, for reports made with `shared_plotly` (kept if present)."""
    import plotly.offline

    from planner.io import write_atomic

    if not (directory / PLOTLY_FILE).exists():
        write_atomic(directory / PLOTLY_FILE, plotly.offline.get_plotlyjs())


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _title(plan: "Plan") -> str:
    return f"<header>\n<h1>{_text(f'Running plan: {plan.athlete}')}</h1>\n" \
           f'<div class="muted">Distances in {_text(plan.units)}.</div>\n</header>'


def _facts(plan: "Plan", context: "PlanContext | None") -> str:
    units = plan.units
    facts = [("Status", f'<span class="status status-{_text(plan.status)}">{_text(plan.status)}</span> '
                        f'<span class="muted">{_text(STATUS_TEXT.get(plan.status, ""))}</span>')]
    if plan.day_list:
        first, last = plan.day_list[0].date, plan.day_list[-1].date
        facts.append(("Dates", _text(f"{_date(first)} to {_date(last)} ({len(plan.week_list)} weeks)")))
        facts.append(("Peak week", _text(f"{plan.peak_distance:.1f} {units}")))
    if context is not None:
        facts.append(("Target", _text(f"{context.target_weekly_distance:g} {units} a week")))
        if context.race_date is not None:
            facts.append(("Race", _text(f"{context.race_distance:g} {units} on {_date(context.race_date)}")))
        facts.append(("ACWR cap", _text(f"{context.acwr_max:g}")))
    facts.append(("Pain", _text(plan.pain.level.replace("_", " "))))
    if is_replan(plan) and plan.planned_from is not None:
        revision = f" (revision {plan.revision})" if plan.revision else ""
        facts.append(("Re-planned from", _text(f"{_date(plan.planned_from)}{revision}")))
    facts.append(("Solved in", _text(f"{plan.solve_seconds:.2f} s")))
    cells = "".join(f"<div><b>{name}</b>{value}</div>" for name, value in facts)
    return f'<div class="facts">{cells}</div>'


def _red_flag(plan: "Plan") -> str:
    pain = plan.pain
    return (
        '<section class="box red-flag" role="alert">\n'
        "<h2>Training halted: see a physical therapist or doctor</h2>\n"
        f"<p><strong>{_text(pain.message)}</strong></p>\n"
        f"{_list(pain.actions)}{_reasons(pain.reasons)}</section>"
    )


def _pain(plan: "Plan") -> str:
    pain = plan.pain
    if pain.level == "none":
        return ""
    return (
        f'<section class="box pain">\n<h2>Pain: {_text(pain.level.replace("_", " "))}</h2>\n'
        f"<p>{_text(pain.message)}</p>\n{_list(pain.actions)}{_reasons(pain.reasons)}</section>"
    )


def _reasons(reasons: list[str]) -> str:
    if not reasons:
        return ""
    return '<p class="muted">Because: ' + "; ".join(_text(r) for r in reasons) + "</p>\n"


def _rule_notes(notes: "list[RuleNote]") -> list[tuple[str | None, str]]:
    return [(note.rule, note.message) for note in notes]


def _notes_box(title: str, kind: str, notes: list[tuple[str | None, str]]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{_rule_label(rule)}{_text(message)}</li>" for rule, message in notes)
    return f'<section class="box {kind}">\n<h2>{_text(title)}</h2>\n<ul>{items}</ul>\n</section>'


def _rule_label(rule: str | None) -> str:
    return f'<span class="rule">{_text(rule)}</span>: ' if rule else ""


def _list(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in items) + "</ul>\n"


def _changes(plan: "Plan") -> str:
    """A re-plan's changes against the previous plan: each planned day before -> after, and why."""
    if plan.changes is None:
        return ""
    if not plan.changes:
        return ('<section>\n<h2>What changed since the previous plan</h2>\n'
                '<p class="muted">No planned day changed: the plan stands as it was.</p>\n</section>')
    rows = "".join(
        f'<tr><td class="date">{_text(change.date.strftime("%a %d %b"))}</td>'
        f'<td class="summary">{_text(change.before)} &rarr; {_text(change.after)}</td><td>{_text(change.reason)}</td></tr>'
        for change in plan.changes
    )
    count = f"{len(plan.changes)} day{'s' if len(plan.changes) != 1 else ''}"
    return (
        f"<section>\n<h2>What changed since the previous plan ({count})</h2>\n"
        '<table class="changes"><thead><tr><th>Day</th><th>Before &rarr; after</th><th>Why</th></tr></thead>\n'
        f"<tbody>{rows}</tbody></table>\n</section>"
    )


def _charts(plan: "Plan", context: "PlanContext | None") -> str:
    if not plan.week_list:
        return ""
    import plotly.io

    charts = charts_to_show(plan, context)
    if not charts:
        return '<p class="muted">No charts: nothing was run or planned.</p>'
    divs = []
    for chart in charts:
        figure = chart_figure(chart)
        divs.append(
            f'<div class="chart" id="{chart.key}">'
            + plotly.io.to_html(
                figure, full_html=False, include_plotlyjs=False, div_id=f"chart-{chart.key}",
                config={"displaylogo": False, "responsive": True}, default_height="340px", validate=False,
            )
            + "</div>"
        )
    note = "" if context is not None else (
        '<p class="muted">The target and the ACWR cap are not shown: they come from the athlete config.</p>'
    )
    return "<section>\n<h2>Charts</h2>\n" + note + "\n".join(divs) + "\n</section>"


def _day_table(plan: "Plan") -> str:
    if not plan.day_list:
        return '<p class="muted">No days were planned: change the config as the conflicts suggest and plan again.</p>' if plan.status == "infeasible" else ""
    units = plan.units
    replan = is_replan(plan)
    head = ("Date", "Session", units, "min", "Hip/core", "Warm-up / cool-down", "Notes", "Load")
    if replan:
        head += ("Against the previous plan",)
    rows = []
    for week in plan.week_list:
        days = [day for day in plan.day_list if day.week == week.week]
        rows.append(_week_row(week, units, len(head), adherence_counts(days)))
        rows.extend(_day_row(day, units, replan) for day in days)
    header = "".join(f"<th>{_text(h)}</th>" for h in head)
    return (
        "<section>\n<h2>Day by day</h2>\n" + (_legend(plan) if replan else "")
        + f'<table class="days">\n<thead><tr>{header}</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>\n</section>"
    )


def _legend(plan: "Plan") -> str:
    """What the marks of past days mean: logged, and each adherence colour in use."""
    shown = [name for name in ADHERENCE if any(day.adherence == name for day in plan.day_list)]
    items = "".join(f'<li><span class="adherence {name}">{name}</span>{_text(_meaning(name))}</li>' for name in shown)
    when = _date(plan.planned_from) if plan.planned_from else "the re-plan"
    return (f'<div class="legend"><p>Days before {_text(when)} are <span class="logged-tag">logged</span>: what the '
            "training log says was done" + (", coloured by how they went against the previous plan:" if shown else ".")
            + "</p>" + (f"<ul>{items}</ul>" if shown else "") + "</div>\n")


def _meaning(adherence: str) -> str:
    """What an adherence means, without its name ("run within 20 % of the planned distance")."""
    text = ADHERENCE_TEXT[adherence]
    return text.partition(": ")[2] or text


def _week_row(week: "PlanWeek", units: str, columns: int, adherence: dict[str, int]) -> str:
    tags = "".join(f'<span class="tag {name}">{name}</span>' for name, on in (("cutback", week.cutback), ("taper", week.taper)) if on)
    long_run = f", long run {week.long_run:.1f} {units}" if week.long_run else ""
    summary = (
        f"Week {week.week} from {_date(week.start)}: {week.distance:.1f} {units}{long_run}, "
        f"{week.runs} runs, {week.strength_sessions} hip/core, {week.full_rest_days} rest days, peak ACWR {week.max_acwr:.2f}"
    )
    if adherence:
        summary += "; so far " + ", ".join(f"{count} {name}" for name, count in adherence.items())
    return f'<tr class="week"><th colspan="{columns}">{_text(summary)}{tags}</th></tr>'


def _day_row(day: "PlanDay", units: str, replan: bool = False) -> str:
    running = day.run_kind != "rest"
    strength = ""
    if day.strength:
        strength = f"{day.strength_minutes} min" + (": " + ", ".join(day.strength_exercises) if day.strength_exercises else "")
    routine = ""
    if day.warmup or day.cooldown:
        routine = "before: " + ", ".join(day.warmup) + "; after: " + ", ".join(day.cooldown)
    cells = [
        _text(f"{day.weekday.capitalize()} {day.date.strftime('%d %b')}"),
        f'<span class="kind">{_text(_session_name(day))}</span>',
        _text(f"{day.distance:.1f}") if running else "",
        _text(day.run_minutes) if running else "",
        _text(strength),
        _text(routine),
        "<br>".join(_text(n) for n in day.notes),
        _text(day.load) if day.load else "",
    ]
    if replan:
        cells[1] += '<span class="logged-tag">logged</span>' if day.logged else ""
        cells.append(_against_plan(day))
    classes = {0: "date", 2: "num", 3: "num", 7: "num"}
    tds = "".join(f'<td class="{classes[i]}">{c}</td>' if i in classes else f"<td>{c}</td>" for i, c in enumerate(cells))
    marks = (" logged" if day.logged else "") + (f" adherence-{_text(day.adherence)}" if day.adherence else "")
    return f'<tr class="kind-{_row_kind(day)}{marks}">{tds}</tr>'


def _against_plan(day: "PlanDay") -> str:
    """A past day's adherence and what the previous plan had for it ("planned E 8.0")."""
    if not day.adherence:
        return ""
    planned = f' <span class="muted">planned {_text(day.planned)}</span>' if day.planned else ""
    return f'<span class="adherence {_text(day.adherence)}">{_text(day.adherence)}</span>{planned}'


def _session_name(day: "PlanDay") -> str:
    if day.run_kind == "rest" and day.strength:
        return "hip/core"
    return RUN_NAMES.get(day.run_kind, day.run_kind)


def _row_kind(day: "PlanDay") -> str:
    """The row's colour: a day with only a hip/core session is not shown greyed out as rest."""
    return "strength" if day.run_kind == "rest" and day.strength else _text(day.run_kind)


def _date(date: dt.date) -> str:
    return date.strftime("%d %b %Y")
