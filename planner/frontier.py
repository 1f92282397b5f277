"""Volume against fatigue: a Pareto front of plans by the epsilon-constraint method.

The planner maximizes volume (distance). Fatigue is the total training load (RPE x minutes).
Capping the acute:chronic workload ratio (`rules.acwr_max`, the epsilon) at several values and
keeping the plans no other plan beats on both counts traces the front: how much more volume
each extra unit of load buys.

Only the ACWR cap is offered as epsilon. An epsilon over total load itself would need a hard
constraint "sum of every day's load <= cap" in the model (constraints/), which no config field
expresses today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from planner.config import AthleteConfig
from planner.result import Plan
from planner.solve import DEFAULT_TIME_LIMIT, DEFAULT_WORKERS
from planner.parallel import SOLVED
from planner.sweep import check_sweep_options, tradeoffs

if TYPE_CHECKING:
    import pandas
    import plotly.graph_objects

CAP = "acwr_cap"
COLUMNS = [CAP, "status", "total_distance", "peak_distance", "total_load", "max_acwr", "on_front", "solve_seconds"]


def dominates(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True when plan `a` = (volume, load) beats `b`: at least as much volume for at most as much
    load, and strictly better on one of them."""
    return a[0] >= b[0] and a[1] <= b[1] and (a[0] > b[0] or a[1] < b[1])


def non_dominated(points: Sequence[tuple[float, float]]) -> list[bool]:
    """For each (volume, load) point, whether no other point dominates it (equal points both stay)."""
    return [not any(dominates(other, point) for other in points) for point in points]


@dataclass(repr=False)
class Pareto:
    """Plans for several ACWR caps. `table`: one row per cap with `on_front` (True for plans no
    other plan dominates); `front` the front's rows by load; `plans[i]`/`configs[i]` of row i."""

    table: "pandas.DataFrame"
    plans: list[Plan]
    configs: list[AthleteConfig]
    units: dict[str, str] = field(default_factory=dict)

    @property
    def front(self) -> "pandas.DataFrame":
        return self.table[self.table["on_front"]].sort_values("total_load")

    def figure(self) -> "plotly.graph_objects.Figure":
        """Total distance against total load; the front joined and highlighted, hover names the cap."""
        import plotly.graph_objects as go

        solved = self.table[self.table["total_load"].notna()]
        figure = go.Figure()
        for on_front, name, style in ((False, "dominated", {"color": "lightgray", "size": 9}),
                                      (True, "Pareto front", {"color": "crimson", "size": 11})):
            points = solved[solved["on_front"] == on_front].sort_values("total_load")
            figure.add_trace(
                go.Scatter(
                    x=points["total_load"], y=points["total_distance"], name=name,
                    mode="lines+markers" if on_front else "markers", marker=style,
                    customdata=points[[CAP, "peak_distance", "max_acwr", "status"]],
                    hovertemplate=(
                        "acwr_max cap %{customdata[0]}<br>"
                        f"total distance %{{y}} {self.units['total_distance']}<br>"
                        f"total load %{{x}} ({self.units['total_load']})<br>"
                        f"peak week %{{customdata[1]}} {self.units['peak_distance']}<br>"
                        "max ACWR %{customdata[2]}<br>status %{customdata[3]}<extra></extra>"
                    ),
                )
            )
        figure.update_layout(
            title="Volume against fatigue load (epsilon: the ACWR cap)",
            xaxis_title=f"total load ({self.units['total_load']})",
            yaxis_title=f"total distance ({self.units['total_distance']})",
        )
        return figure

    def __repr__(self) -> str:
        return f"{self._title()}\n{self.table.to_string(index=False)}"

    def _repr_html_(self) -> str:
        return f"<p>{self._title()}</p>{self.table.to_html(index=False, na_rep='–')}"

    def _title(self) -> str:
        front = int(self.table["on_front"].sum())
        return f"Pareto: {front} of {len(self.table)} ACWR caps on the volume/load front (distances in {self.units['total_distance']})"


def pareto(
    config: AthleteConfig | Mapping | str,
    acwr_caps: Sequence[float],
    *,
    overrides: Mapping[str, Any] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    processes: int | None = None,
    progress: bool = True,
) -> Pareto:
    """Plan `config` once per ACWR cap (rules.acwr_max, 0.8 to 3) and mark the Pareto front of
    total distance (more is better) against total load (less is better).

    Plans without days (infeasible, or halted by pain) are never on the front. The other
    arguments are those of planner.sweep.tradeoffs. An epsilon over total load is not offered: it
    needs a total-load constraint in the model (see this module's docstring)."""
    check_sweep_options(time_limit, workers, processes, progress)
    sweep = tradeoffs(
        config, {"rules.acwr_max": list(acwr_caps)}, overrides=overrides, time_limit=time_limit,
        workers=workers, processes=processes, progress=progress,
    )
    table = sweep.table.rename(columns={"rules.acwr_max": CAP})
    table["on_front"] = front_mask(table)
    return Pareto(table=table[COLUMNS], plans=sweep.plans, configs=sweep.configs, units=sweep.units)


def front_mask(table: "pandas.DataFrame") -> list[bool]:
    """on_front for each row: solved plans that no other solved plan dominates."""
    solved = [status in SOLVED for status in table["status"]]
    points = [(float(d), float(l)) for d, l, ok in zip(table["total_distance"], table["total_load"], solved) if ok]
    marks = iter(non_dominated(points))
    return [next(marks) if ok else False for ok in solved]
