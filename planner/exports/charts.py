"""Plotly charts of a plan: weekly distance against the target (cutback and taper weeks marked),
the long run of each week, daily ACWR against its cap, and hip/core sessions per week.

A re-plan (a plan with logged days, docs/replanning.md) shows the past and the days ahead in one
view: each week's logged distance ("done") with the planned days stacked on it, beside what
the previous plan had for the days run; the load ratio and the long runs as done, then as
planned; a dotted line where the re-plan begins. Everything comes from the plan itself
(planner.schema): logged days, their `planned_distance`, `planned_from`.

Each chart is a list of traces, so the HTML report can show them one by one and `Plan.figure()`
can stack them as subplots. Without a context (a plan read from JSON, no config given) the
target and the cap are left out and ACWR is shown as each week's peak. A chart with nothing to
show (`Chart.empty`: no distance, long run, load or hip/core session at all, as in a halted plan
without a log) is left out of the report (`charts_to_show`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.safe_text import plotly_text

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

    from planner.schema import Plan, PlanContext, PlanDay, PlanWeek

WEEK_COLORS = {"build": "#4C78A8", "cutback": "#F2A93B", "taper": "#54A24B"}
DONE_COLOR = "#3D4F5C"  # what the log says was run
PREVIOUS_COLOR = "#B8C2CC"  # what the previous plan had for those days
BOUNDARY_COLOR = "#7A8590"  # the day the re-plan begins
LONG_RUN_COLOR = "#1F3A93"
ACWR_COLOR = "#B279A2"
STRENGTH_COLOR = "#2AA198"
LIMIT_COLOR = "#D62728"
RACE_COLOR = "#7B3FA0"


@dataclass
class Chart:
    """One chart: its traces and axis titles (kept apart from plotly's layout so charts stack)."""

    key: str
    title: str
    x_title: str
    y_title: str
    traces: list
    weeks: int = 0  # for charts by week: the x axis shows weeks 1..weeks, gaps included
    empty: bool = False  # nothing to show: every value is zero or absent
    barmode: str = "stack"  # "group": bars side by side (done beside the previous plan)


def plan_charts(plan: "Plan", context: "PlanContext | None") -> list[Chart]:
    return [
        weekly_distance(plan, context),
        long_runs(plan),
        daily_acwr(plan, context),
        strength_sessions(plan),
    ]


def charts_to_show(plan: "Plan", context: "PlanContext | None") -> list[Chart]:
    """The charts with something to show: a halted plan shows only what its log holds."""
    return [chart for chart in plan_charts(plan, context) if not chart.empty]


def week_phase(week) -> str:
    return "taper" if week.taper else "cutback" if week.cutback else "build"


# ---- the past and the days ahead ---------------------------------------------------------------

def is_replan(plan: "Plan") -> bool:
    """Whether the plan has past days (logged), so that charts tell done from planned."""
    return any(day.logged for day in plan.day_list)


def has_previous(plan: "Plan") -> bool:
    """Whether its past days carry what a previous plan had for them."""
    return any(day.logged and day.planned_distance is not None for day in plan.day_list)


def weekly_sum(plan: "Plan", value: Callable[["PlanDay"], float]) -> dict[int, float]:
    """Per week, `value` summed over its days (rounded to 0.1)."""
    totals = {week.week: 0.0 for week in plan.week_list}
    for day in plan.day_list:
        totals[day.week] = totals.get(day.week, 0.0) + value(day)
    return {week: round(total, 1) for week, total in totals.items()}


def past_weeks(plan: "Plan") -> set[int]:
    """Weeks whose every day is logged."""
    planned = {day.week for day in plan.day_list if not day.logged}
    return {week.week for week in plan.week_list if week.week not in planned}


def boundary_x(plan: "Plan") -> float | None:
    """Where the re-plan begins on a week axis (week 1 spans 0.5-1.5), None for a plain plan."""
    if not is_replan(plan) or plan.planned_from is None:
        return None
    return 0.5 + (plan.planned_from - plan.day_list[0].date).days / 7


def boundary_trace(plan: "Plan", x, top: float):
    """A dotted vertical line at `x` from 0 to `top`, named for the day the re-plan begins."""
    import plotly.graph_objects as go

    when = _day_text(plan.planned_from)
    return go.Scatter(
        x=[x, x], y=[0, top], mode="lines", name=f"re-planned from {when}",
        line=dict(color=BOUNDARY_COLOR, dash="dot", width=1.5), hovertemplate=f"re-planned from {when}<extra></extra>",
    )


def _day_text(date: dt.date) -> str:
    return date.strftime("%a %d %b")


# ---- weekly distance ---------------------------------------------------------------------------

def weekly_distance(plan: "Plan", context: "PlanContext | None") -> Chart:
    """Training distance per week, the race stacked on top (the target leaves the race out). A
    re-plan stacks the planned days on what was done, beside what the previous plan had."""
    units = plan.units
    grouped = has_previous(plan)
    done = weekly_sum(plan, lambda d: d.distance if d.logged and d.run_kind != "race" else 0.0)
    races = weekly_sum(plan, lambda d: d.distance if d.run_kind == "race" else 0.0)
    traces = []
    if is_replan(plan):
        traces.append(_bar("done (logged)", list(done), list(done.values()), DONE_COLOR, units, grouped))
    traces.extend(_planned_bars(plan, done, races, grouped))
    race_weeks = [week for week, distance in races.items() if distance]
    if race_weeks:
        base = [_planned_part(plan, week, done, races) + done[week] for week in race_weeks]
        traces.append(_bar("race", race_weeks, [races[w] for w in race_weeks], RACE_COLOR, units, grouped, base))
    previous = weekly_sum(plan, lambda d: (d.planned_distance or 0.0) if d.logged else 0.0)
    if grouped:
        traces.append(_previous_bar(plan, previous))
    top = max([w.distance for w in plan.week_list] + list(previous.values()), default=0)
    if context is not None and plan.week_list:
        target = context.target_weekly_distance
        top = max(top, target)
        traces.append(_target_line(target, len(plan.week_list), units))
    boundary = boundary_x(plan)
    if boundary is not None:
        traces.append(boundary_trace(plan, boundary, top * 1.05 or 1))
    empty = not any(w.distance for w in plan.week_list)
    return Chart("weekly-distance", f"Weekly distance ({units})", "week", units, traces, len(plan.week_list),
                 empty=empty, barmode="group" if grouped else "stack")


def _planned_part(plan: "Plan", week: int, done: dict[int, float], races: dict[int, float]) -> float:
    total = next(w.distance for w in plan.week_list if w.week == week)
    return round(total - races[week] - done[week], 1)


def _planned_bars(plan: "Plan", done: dict, races: dict, grouped: bool) -> list:
    """The planned days of each week by phase (build, cutback, taper); in a re-plan, weeks all
    past and phases with nothing planned (a halted re-plan) are left out."""
    replan = is_replan(plan)
    past = past_weeks(plan) if replan else set()
    bars = []
    for phase, color in WEEK_COLORS.items():
        weeks = [w.week for w in plan.week_list if week_phase(w) == phase and w.week not in past]
        distances = [_planned_part(plan, week, done, races) for week in weeks]
        if (replan and any(distances)) or (not replan and (weeks or phase == "build")):
            name = f"planned ({phase} week)" if replan else f"{phase} week"
            bars.append(_bar(name, weeks, distances, color, plan.units, grouped, [done[w] for w in weeks], phase))
    return bars


def _bar(name: str, weeks: list, values: list, color: str, units: str, grouped: bool, base: list | None = None,
         what: str | None = None):
    """One bar trace by week; in a grouped chart it sits on `base` in the "plan" group."""
    import plotly.graph_objects as go

    label = what or name
    trace = go.Bar(x=weeks, y=values, name=name, marker_color=color,
                   hovertemplate=f"week %{{x}}: %{{y:.1f}} {units} ({label})<extra></extra>")
    if grouped:
        trace.update(offsetgroup="plan", base=base or [0] * len(weeks))
    return trace


def _previous_bar(plan: "Plan", previous: dict[int, float]):
    """What the previous plan had for the days now logged (`previous`: per week), beside what was done."""
    import plotly.graph_objects as go

    weeks = sorted({d.week for d in plan.day_list if d.logged and d.planned_distance is not None})
    return go.Bar(
        x=weeks, y=[previous[w] for w in weeks], name="previous plan (the same days)",
        marker_color=PREVIOUS_COLOR, offsetgroup="previous",
        hovertemplate=f"week %{{x}}: %{{y:.1f}} {plan.units} in the previous plan for the days run<extra></extra>",
    )


def _target_line(target: float, weeks: int, units: str):
    import plotly.graph_objects as go

    return go.Scatter(
        x=[0.5, weeks + 0.5], y=[target, target], mode="lines",  # across every bar
        name=f"target {target:g} {units}", line=dict(color=LIMIT_COLOR, dash="dash"),
        hovertemplate=f"target {target:g} {units}<extra></extra>",
    )


# ---- long runs ---------------------------------------------------------------------------------

def long_runs(plan: "Plan") -> Chart:
    """A week without a long run (race week, a halted plan) is a gap, not a drop to zero; a
    re-plan draws the weeks run apart from the weeks ahead."""
    weeks = plan.week_list
    units = plan.units
    if is_replan(plan):
        past = past_weeks(plan)
        traces = [_long_run_line("long run (done)", [w for w in weeks if w.week in past], units, DONE_COLOR),
                  _long_run_line("long run (planned)", [w for w in weeks if w.week not in past], units, LONG_RUN_COLOR)]
    else:
        traces = [_long_run_line("long run", weeks, units, LONG_RUN_COLOR)]
    empty = not any(w.long_run for w in weeks)
    return Chart("long-runs", f"Long run per week ({units})", "week", units, traces, len(weeks), empty=empty)


def _long_run_line(name: str, weeks: "list[PlanWeek]", units: str, color: str):
    import plotly.graph_objects as go

    return go.Scatter(
        x=[w.week for w in weeks], y=[w.long_run or None for w in weeks], mode="lines+markers",
        name=name, line=dict(color=color), hovertemplate=f"week %{{x}}: %{{y:.1f}} {units} ({name})<extra></extra>",
    )


# ---- the load ratio ----------------------------------------------------------------------------

def daily_acwr(plan: "Plan", context: "PlanContext | None") -> Chart:
    """Each day's ACWR against the cap (each week's peak without a context); a re-plan draws the
    days run apart from the days ahead, the line joined at the day the re-plan begins."""
    empty = not any(day.load for day in plan.day_list)
    if context is None or not context.daily_acwr:
        return _weekly_acwr(plan, empty)
    dates = [d.date for d in plan.day_list]
    ratios = context.daily_acwr
    if is_replan(plan):
        first = next((i for i, d in enumerate(plan.day_list) if not d.logged), len(dates))
        traces = [_ratio_line("ACWR (done)", dates[:first], ratios[:first], DONE_COLOR),
                  _ratio_line("ACWR (planned)", dates[max(first - 1, 0):], ratios[max(first - 1, 0):], ACWR_COLOR)]
        if first < len(dates):
            traces.append(_date_boundary(plan, dates[first], max(ratios + [context.acwr_max])))
    else:
        traces = [_ratio_line("ACWR", dates, ratios, ACWR_COLOR)]
    traces.append(_cap_line(dates, context.acwr_max))
    return Chart("acwr", "Daily acute:chronic workload ratio (ACWR)", "date", "ACWR", traces, empty=empty)


def _weekly_acwr(plan: "Plan", empty: bool) -> Chart:
    import plotly.graph_objects as go

    weeks = plan.week_list
    trace = go.Scatter(
        x=[w.week for w in weeks], y=[w.max_acwr for w in weeks], mode="lines+markers", name="peak ACWR",
        line=dict(color=ACWR_COLOR), hovertemplate="week %{x}: %{y:.2f}<extra></extra>",
    )
    traces = [trace]
    boundary = boundary_x(plan)
    if boundary is not None:
        traces.append(boundary_trace(plan, boundary, max((w.max_acwr for w in weeks), default=1) * 1.05))
    return Chart("acwr", "Peak acute:chronic workload ratio per week", "week", "ACWR", traces, len(weeks), empty=empty)


def _ratio_line(name: str, dates: list, ratios: list, color: str):
    import plotly.graph_objects as go

    return go.Scatter(x=dates, y=ratios, mode="lines", name=name, line=dict(color=color),
                      hovertemplate="%{x|%a %d %b}: %{y:.2f}<extra></extra>")


def _cap_line(dates: list, cap: float):
    import plotly.graph_objects as go

    return go.Scatter(
        x=[dates[0], dates[-1]], y=[cap] * 2, mode="lines", name=f"cap {cap:g}",
        line=dict(color=LIMIT_COLOR, dash="dash"), hovertemplate=f"cap {cap:g}<extra></extra>",
    )


def _date_boundary(plan: "Plan", date: dt.date, top: float):
    """The re-plan's first day on a date axis (half a day before it, between the two lines)."""
    edge = dt.datetime.combine(date, dt.time()) - dt.timedelta(hours=12)
    return boundary_trace(plan, edge, top * 1.05)


# ---- hip/core ----------------------------------------------------------------------------------

def strength_sessions(plan: "Plan") -> Chart:
    import plotly.graph_objects as go

    weeks = plan.week_list
    trace = go.Bar(
        x=[w.week for w in weeks], y=[w.strength_sessions for w in weeks], name="hip/core sessions",
        marker_color=STRENGTH_COLOR, hovertemplate="week %{x}: %{y} sessions<extra></extra>",
    )
    empty = not any(w.strength_sessions for w in weeks)
    return Chart("strength", "Hip/core strength sessions per week", "week", "sessions", [trace], len(weeks), empty=empty)


def chart_figure(chart: Chart) -> dict:
    """One chart on its own, as a plotly figure dict (the HTML report shows them one by one).

    A dict, not a plotly Figure: the traces are already checked, and a Figure would check them
    again and copy the template into every chart, which took most of a report's time (a batch
    writes one report per athlete). `plotly.io.to_html(..., validate=False)` draws it."""
    layout = {
        "title": {"text": chart.title, "x": 0, "xref": "paper"},
        "xaxis": {"title": {"text": chart.x_title}, **_x_axis(chart)},
        "yaxis": {"title": {"text": chart.y_title}, **_y_axis(chart)},
        "barmode": chart.barmode, "template": white_template(), "height": 340,
        "margin": {"l": 60, "r": 20, "t": 80, "b": 45},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "traceorder": "normal"},
        "showlegend": len(chart.traces) > 1,
    }
    return {"data": [trace.to_plotly_json() for trace in chart.traces], "layout": layout}


_TEMPLATE: dict = {}


def white_template() -> dict:
    """plotly's "plotly_white" template as a plain dict, made once per process."""
    if not _TEMPLATE:
        import plotly.io

        _TEMPLATE.update(plotly.io.templates["plotly_white"].to_plotly_json())
    return _TEMPLATE


def _x_axis(chart: Chart) -> dict:
    if chart.x_title != "week":
        return {}
    return {"dtick": 1, **({"range": [0.5, chart.weeks + 0.5]} if chart.weeks else {})}


def _y_axis(chart: Chart) -> dict:
    """From zero (an all-rest plan must not show negative distances); whole sessions."""
    return {"rangemode": "tozero", **({"dtick": 1} if chart.key == "strength" else {})}


def overview(plan: "Plan", context: "PlanContext | None") -> "Figure":
    """Every chart stacked in one figure (what `Plan.figure()` returns)."""
    from plotly.subplots import make_subplots

    charts = plan_charts(plan, context)
    figure = make_subplots(rows=len(charts), cols=1, subplot_titles=[c.title for c in charts], vertical_spacing=0.07)
    for row, chart in enumerate(charts, start=1):
        for trace in chart.traces:
            figure.add_trace(trace, row=row, col=1)
        figure.update_xaxes(title_text=chart.x_title, row=row, col=1, **_x_axis(chart))
        figure.update_yaxes(title_text=chart.y_title, row=row, col=1, **_y_axis(chart))
    grouped = any(chart.barmode == "group" for chart in charts)  # one bar mode for the whole figure
    figure.update_layout(
        title=f"{plotly_text(plan.athlete)}: {plan.status} plan", barmode="group" if grouped else "stack",
        template="plotly_white",
        height=300 * len(charts), showlegend=True,
    )
    return figure
