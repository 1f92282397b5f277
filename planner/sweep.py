"""Sweep config fields and compare the plans: what does a looser rule or more time buy?

    import planner
    sweep = planner.tradeoffs("examples/half_marathon.yaml", vary={"rules.acwr_max": [1.2, 1.3, 1.5]})
    sweep              # the table: one row per setting
    sweep.figure()     # peak distance and total load against acwr_max (plotly)
    sweep.plans[0]     # the Plan behind the first row
"""

from __future__ import annotations

import itertools
import math
import numbers
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from planner.config import AthleteConfig
from planner.errors import ConfigError
from planner.options import check_count, check_flag, check_solver_options
from planner.overrides import apply_overrides, check_path
from planner.result import Plan
from planner.solve import DEFAULT_TIME_LIMIT, DEFAULT_WORKERS
from planner.parallel import SUMMARY_UNITS, plan_summary, row_status, solve_configs, summary_units

if TYPE_CHECKING:
    import pandas
    import plotly.graph_objects

MAX_SETTINGS = 1000  # a grid past this is refused unless max_settings says otherwise (10 s each)


@dataclass(repr=False)
class Tradeoffs:
    """The plans of a sweep. `table` has one row per setting: the varied fields (named by their
    dotted path), `status` and the summary columns of planner.parallel.SUMMARY_UNITS; `units` maps
    columns to their units; `plans[i]` and `configs[i]` are the Plan and config of row i.

    `status` is the plan's (optimal, feasible, infeasible, halted), or "unknown" when the time
    limit ran out before any plan was found (try a longer time_limit), or "error" when the
    process planning that setting died (the plan's warning says how; the others are planned)."""

    table: "pandas.DataFrame"
    plans: list[Plan]
    configs: list[AthleteConfig]
    vary: dict[str, list]
    units: dict[str, str] = field(default_factory=dict)

    def figure(self, x: str | None = None) -> "plotly.graph_objects.Figure":
        """Peak weekly distance (top) and total load (bottom) against a varied field.

        `x` is the field on the x axis (default: the first in `vary`); with several varied
        fields, each combination of the others is its own line. Infeasible settings are left out."""
        x = x or next(iter(self.vary))
        if x not in self.vary:
            raise ValueError(f"x must be one of the varied fields {list(self.vary)}, got {x!r}")
        return sweep_figure(self.table, x, [name for name in self.vary if name != x], self.units)

    def __repr__(self) -> str:
        return f"{self._title()}\n{self.table.to_string(index=False)}"

    def _repr_html_(self) -> str:
        return f"<p>{self._title()}</p>{self.table.to_html(index=False, na_rep='–')}"

    def _title(self) -> str:
        fields = ", ".join(self.vary)
        return f"Tradeoffs: {len(self.table)} settings of {fields} (distances in {self.units['peak_distance']})"


def tradeoffs(
    config: AthleteConfig | Mapping | str,
    vary: Mapping[str, Sequence[float]],
    *,
    overrides: Mapping[str, Any] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    processes: int | None = None,
    progress: bool = True,
    max_settings: int = MAX_SETTINGS,
) -> Tradeoffs:
    """Plan `config` once per setting of the numeric fields in `vary` and tabulate the plans.

    `vary` maps dotted config paths to the values to try, e.g. {"rules.acwr_max": [1.1, 1.3]}.
    With several fields every combination is planned (the grid product, in the order given:
    the last field varies fastest), so {"a": [1, 2], "b": [3, 4, 5]} gives six rows.
    `overrides` are applied to every setting first. Plans are solved in `processes` worker
    processes (default: one per CPU; 1 solves in this process) with `time_limit` seconds and
    `workers` CP-SAT workers each; `progress` shows a progress bar.

    The planner maximizes weekly volume, so loosening a rule (a higher acwr_max, more minutes
    on a day) never lowers the summed distance of the weeks before race week among plans whose
    status is "optimal"; "feasible" rows were cut short by the time limit and may fall below.
    Raises ConfigError for an unknown path, a non-numeric sweep value, a value the config
    does not allow, or a grid of more than `max_settings` settings (pass a larger one to plan
    them all), before any plan is solved; TypeError or OptionError for a bad option."""
    check_sweep_options(time_limit, workers, processes, progress)
    check_count(max_settings, "max_settings")
    columns = {path: _sweep_values(path, values) for path, values in _checked_vary(vary).items()}
    check_grid_size(columns, max_settings)
    base = apply_overrides(config, overrides)
    settings = list(iter_grid(columns))
    configs = [apply_overrides(base, setting) for setting in settings]
    plans = solve_configs(configs, time_limit, workers, processes, progress, label=f"Sweeping {', '.join(vary)}")
    table = summary_table(settings, plans, configs)
    units = summary_units(base.units)
    return Tradeoffs(table=table, plans=plans, configs=configs, vary=columns, units=units)


def check_sweep_options(time_limit: Any, workers: Any, processes: Any, progress: Any) -> None:
    """The options tradeoffs and pareto share: TypeError or OptionError naming the bad one."""
    check_solver_options(time_limit, workers)
    check_count(processes, "processes", allow_none=True)
    check_flag(progress, "progress")


def check_grid_size(columns: Mapping[str, list], max_settings: int) -> None:
    """Refuse a grid of more than `max_settings` settings before one is built (the product of
    the value counts; 100,000 settings would take days to plan)."""
    size = math.prod(len(values) for values in columns.values())
    if size > max_settings:
        counts = " x ".join(str(len(values)) for values in columns.values())
        raise ConfigError("vary", f"makes {size:,} settings ({counts}), more than max_settings={max_settings:,}; "
                                  f"sweep fewer values, or pass max_settings={size} to plan them all")


def grid(vary: Mapping[str, Sequence[float]]) -> list[dict[str, float]]:
    """Every combination of the values in `vary`, as {path: value} dicts (the last path fastest)."""
    columns = {path: _sweep_values(path, values) for path, values in _checked_vary(vary).items()}
    return list(iter_grid(columns))


def iter_grid(columns: Mapping[str, list]) -> Iterable[dict[str, float]]:
    """The settings of a grid one at a time, so none is built before it is needed."""
    for combination in itertools.product(*columns.values()):
        yield dict(zip(columns, combination))


def _checked_vary(vary: Mapping[str, Sequence[float]]) -> Mapping[str, Sequence[float]]:
    if not isinstance(vary, Mapping) or not vary:
        raise ConfigError("vary", "must name at least one field to sweep, e.g. {'rules.acwr_max': [1.2, 1.3]}")
    return vary


def _sweep_values(path: str, values: Any) -> list[float]:
    """The values of one swept field as plain Python numbers: a list, a tuple, a range, a numpy
    array (np.linspace) or a pandas Series will do."""
    check_path(path)
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise ConfigError(path, f"sweep values must be a non-empty list of numbers, got {values!r}")
    values = [value.item() if hasattr(value, "item") else value for value in values]  # numpy -> Python
    if not values:
        raise ConfigError(path, "sweep values must be a non-empty list of numbers, got none")
    for value in values:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ConfigError(path, f"sweep values must be numbers, got {value!r}")
    return values


def summary_table(settings: list[dict], plans: list[Plan], configs: list[AthleteConfig]) -> "pandas.DataFrame":
    """One row per setting: its values, the plan's status and its summary (planner.parallel)."""
    import pandas

    rows = [
        {**setting, "status": row_status(plan), **plan_summary(plan, config)}
        for setting, plan, config in zip(settings, plans, configs)
    ]
    columns = [*settings[0], "status", *SUMMARY_UNITS]
    return typed(pandas.DataFrame.from_records(rows, columns=columns))


def typed(table: "pandas.DataFrame") -> "pandas.DataFrame":
    """Counts as nullable integers (missing for infeasible plans), distances as floats."""
    integers = {"weeks_to_target", "total_load", "strength_sessions"} & set(table.columns)
    floats = {"peak_distance", "total_distance", "max_acwr", "solve_seconds"} & set(table.columns)
    return table.astype({**{c: "Int64" for c in integers}, **{c: "float64" for c in floats}})


def sweep_figure(
    table: "pandas.DataFrame", x: str, others: list[str], units: dict[str, str]
) -> "plotly.graph_objects.Figure":
    """Two stacked panels sharing the x axis: peak distance and total load, a line per group."""
    from plotly.subplots import make_subplots
    import plotly.graph_objects as go

    panels = [("peak_distance", "peak weekly distance"), ("total_load", "total load")]
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    solved = table[table["peak_distance"].notna()]
    groups = solved.groupby(others, sort=False) if others else [((), solved)]
    for index, (key, group) in enumerate(groups):
        key = key if isinstance(key, tuple) else (key,)
        name = ", ".join(f"{o}={v}" for o, v in zip(others, key)) or x
        for row, (column, _) in enumerate(panels, start=1):
            figure.add_trace(
                go.Scatter(
                    x=group[x], y=group[column], mode="lines+markers", name=name, legendgroup=name,
                    showlegend=row == 1 and bool(others), customdata=group[["status"]],
                    marker={"color": _colour(index)}, line={"color": _colour(index)},
                    hovertemplate=f"{x}=%{{x}}<br>{column}=%{{y}} {units[column]}<br>status %{{customdata[0]}}<extra>{name}</extra>",
                ),
                row=row, col=1,
            )
    for row, (column, title) in enumerate(panels, start=1):
        figure.update_yaxes(title_text=f"{title} ({units[column]})", row=row, col=1)
    figure.update_xaxes(title_text=x, row=2, col=1)
    figure.update_layout(title=f"Peak distance and total load against {x}", hovermode="closest")
    return figure


def _colour(index: int) -> str:
    import plotly.colors

    palette = plotly.colors.qualitative.Plotly
    return palette[index % len(palette)]
