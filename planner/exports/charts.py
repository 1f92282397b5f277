"""Plotly charts of a plan: weekly distance against the target (cutback and taper weeks marked),
the long run of each week, daily ACWR against its cap, and hip/core sessions per week.

Each chart is a list of traces, so the HTML report can show them one by one and `Plan.figure()`
can stack them as subplots. Without a context (a plan read from JSON, no config given) the
target and the cap are left out and ACWR is shown as each week's peak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.safe_text import plotly_text

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

    from planner.schema import Plan, PlanContext

WEEK_COLORS = {"build": "#4C78A8", "cutback": "#F2A93B", "taper": "#54A24B"}
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


def plan_charts(plan: "Plan", context: "PlanContext | None") -> list[Chart]:
    return [
        weekly_distance(plan, context),
        long_runs(plan),
        daily_acwr(plan, context),
        strength_sessions(plan),
    ]


def week_phase(week) -> str:
    return "taper" if week.taper else "cutback" if week.cutback else "build"


def weekly_distance(plan: "Plan", context: "PlanContext | None") -> Chart:
    """Training distance per week, the race stacked on top (the target leaves the race out)."""
    import plotly.graph_objects as go

    units = plan.units
    races = {d.week: d.distance for d in plan.day_list if d.run_kind == "race"}
    traces = []
    for phase, color in WEEK_COLORS.items():
        weeks = [w for w in plan.week_list if week_phase(w) == phase]
        if weeks or phase == "build":
            traces.append(go.Bar(
                x=[w.week for w in weeks], y=[round(w.distance - races.get(w.week, 0), 1) for w in weeks],
                name=f"{phase} week", marker_color=color,
                hovertemplate=f"week %{{x}}: %{{y:.1f}} {units} ({phase})<extra></extra>",
            ))
    if races:
        traces.append(go.Bar(
            x=list(races), y=list(races.values()), name="race", marker_color=RACE_COLOR,
            hovertemplate=f"race: %{{y:.1f}} {units}<extra></extra>",
        ))
    if context is not None and plan.week_list:
        target = context.target_weekly_distance
        traces.append(go.Scatter(
            x=[0.5, len(plan.week_list) + 0.5], y=[target, target], mode="lines",  # across every bar
            name=f"target {target:g} {units}", line=dict(color=LIMIT_COLOR, dash="dash"),
            hovertemplate=f"target {target:g} {units}<extra></extra>",
        ))
    return Chart("weekly-distance", f"Weekly distance ({units})", "week", units, traces, len(plan.week_list))


def long_runs(plan: "Plan") -> Chart:
    """A week without a long run (race week, a halted plan) is a gap, not a drop to zero."""
    import plotly.graph_objects as go

    weeks = plan.week_list
    trace = go.Scatter(
        x=[w.week for w in weeks], y=[w.long_run or None for w in weeks], mode="lines+markers",
        name="long run", line=dict(color=LONG_RUN_COLOR),
        hovertemplate=f"week %{{x}}: %{{y:.1f}} {plan.units}<extra></extra>",
    )
    return Chart("long-runs", f"Long run per week ({plan.units})", "week", plan.units, [trace], len(weeks))


def daily_acwr(plan: "Plan", context: "PlanContext | None") -> Chart:
    import plotly.graph_objects as go

    if context is None or not context.daily_acwr:
        trace = go.Scatter(
            x=[w.week for w in plan.week_list], y=[w.max_acwr for w in plan.week_list],
            mode="lines+markers", name="peak ACWR", line=dict(color=ACWR_COLOR),
            hovertemplate="week %{x}: %{y:.2f}<extra></extra>",
        )
        return Chart("acwr", "Peak acute:chronic workload ratio per week", "week", "ACWR", [trace], len(plan.week_list))
    dates = [d.date for d in plan.day_list]
    traces = [
        go.Scatter(
            x=dates, y=context.daily_acwr, mode="lines", name="ACWR", line=dict(color=ACWR_COLOR),
            hovertemplate="%{x|%a %d %b}: %{y:.2f}<extra></extra>",
        ),
        go.Scatter(
            x=[dates[0], dates[-1]], y=[context.acwr_max] * 2, mode="lines",
            name=f"cap {context.acwr_max:g}", line=dict(color=LIMIT_COLOR, dash="dash"),
            hovertemplate=f"cap {context.acwr_max:g}<extra></extra>",
        ),
    ]
    return Chart("acwr", "Daily acute:chronic workload ratio (ACWR)", "date", "ACWR", traces)


def strength_sessions(plan: "Plan") -> Chart:
    import plotly.graph_objects as go

    weeks = plan.week_list
    trace = go.Bar(
        x=[w.week for w in weeks], y=[w.strength_sessions for w in weeks], name="hip/core sessions",
        marker_color=STRENGTH_COLOR, hovertemplate="week %{x}: %{y} sessions<extra></extra>",
    )
    return Chart("strength", "Hip/core strength sessions per week", "week", "sessions", [trace], len(weeks))


def chart_figure(chart: Chart) -> "Figure":
    """One chart on its own (the HTML report shows them one by one)."""
    import plotly.graph_objects as go

    figure = go.Figure(chart.traces)
    figure.update_layout(
        title=dict(text=chart.title, x=0, xref="paper"), xaxis_title=chart.x_title, yaxis_title=chart.y_title,
        barmode="stack", template="plotly_white", height=340, margin=dict(l=60, r=20, t=80, b=45),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, traceorder="normal"),
        showlegend=len(chart.traces) > 1,
    )
    figure.update_xaxes(**_x_axis(chart))
    figure.update_yaxes(**_y_axis(chart))
    return figure


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
    figure.update_layout(
        title=f"{plotly_text(plan.athlete)}: {plan.status} plan", barmode="stack", template="plotly_white",
        height=300 * len(charts), showlegend=True,
    )
    return figure
