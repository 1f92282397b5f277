"""The plan as data (docs/plan.md): pydantic models and nothing else.

`Plan` is what every output is made from: `Plan.to_json()` is the canonical plan, `Plan.days`
and `Plan.weeks` are pandas DataFrames (pandas is imported only when asked for), `Plan.save()`
writes it or a format made from it (planner.exports), `Plan.figure()` charts it. The plan is
built from the solver's answer by planner.result; exports depend on this schema only.

Besides the rules' fields a plan carries `notices` (each warning with a machine-readable `code`),
and, for a plan made from a training log, `planned_from`, `history`, past days marked
`logged` with their `adherence`, and the `changes` a re-plan made (docs/replanning.md). A quality
day carries its `workout` (planner.workouts), whose text is also the day's first note.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    import pandas
    from plotly.graph_objects import Figure

    from planner.config import AthleteConfig


class Status(str, Enum):
    """A plan's status: proven best, best found, halted by a pain red flag, or no plan."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    HALTED = "halted"
    INFEASIBLE = "infeasible"

    def __str__(self) -> str:
        return self.value


class Notice(BaseModel):
    """A warning with its machine-readable reason (`code`); `Plan.warnings` holds the messages."""

    code: str
    message: str


SCHEMA_VERSION = 1


class WorkoutStep(BaseModel):
    """One part of a workout. `minutes` is the part's whole time: a repeated part holds
    `repeats` x `rep_minutes` of work with `recovery_minutes` of easy jogging between them."""

    part: str  # warm-up | work | cool-down
    minutes: float
    text: str  # what to do, e.g. "3 x 10 min at tempo pace 5:00/km, 2 min easy jog between"
    pace: str | None = None  # the step's target pace, e.g. "5:00/km"; None for strides, run by feel
    repeats: int = 1
    rep_minutes: float | None = None
    recovery_minutes: float | None = None


class Workout(BaseModel):
    """What a quality run holds (planner.workouts): a named session whose steps add up to the
    day's `run_minutes`, and where its paces came from."""

    name: str
    minutes: int
    steps: list[WorkoutStep]
    paces_from: str


ADHERENCE = ("done", "partial", "missed", "extra", "rest")  # a past day against the previous plan, in the order shown


def adherence_counts(days: "list[PlanDay]") -> dict[str, int]:
    """How many of `days` were done, partial, missed, extra or rest, in that order (0s left out)."""
    counts = {name: sum(day.adherence == name for day in days) for name in ADHERENCE}
    return {name: count for name, count in counts.items() if count}


class PlanDay(BaseModel):
    """One day. A past day (before `Plan.planned_from`) is `logged`: what the log says was done,
    with its `adherence` to the previous plan where one was given (docs/replanning.md), and what
    that plan had for the day (`planned`, an "E 8.0 +S"-style summary, and `planned_distance`),
    so that a report can set what was done beside what was planned from the plan alone."""

    date: dt.date
    weekday: str
    week: int
    run_kind: str
    distance: float
    run_minutes: int
    strength: bool
    strength_minutes: int
    strength_exercises: list[str]
    full_rest: bool
    load: float
    warmup: list[str]
    cooldown: list[str]
    notes: list[str]
    logged: bool | None = None
    adherence: str | None = None  # done | partial | missed | extra | rest
    planned: str | None = None  # a past day, with a previous plan: that plan's day, "E 8.0 +S" or "rest"
    planned_distance: float | None = None  # ... and its distance (0 for rest)
    workout: Workout | None = None  # a quality run's session; its text is also the day's first note


class Suggestion(BaseModel):
    """A change to the config (dotted paths and their new values) known to give a plan."""

    changes: dict[str, Any]
    text: str


class Change(BaseModel):
    """A planned day that differs from the previous plan: "E 8.0 +S"-style summaries and why."""

    date: dt.date
    before: str
    after: str
    reason: str


class PlanWeek(BaseModel):
    week: int
    start: dt.date
    distance: float
    long_run: float
    runs: int
    strength_sessions: int
    full_rest_days: int
    load: float
    max_acwr: float
    cutback: bool
    taper: bool


class PainReport(BaseModel):
    level: str
    actions: list[str]
    message: str
    reasons: list[str] = Field(default_factory=list)


class HistoryReport(BaseModel):
    """The history the plan was planned from (docs/log.md), in the athlete's unit."""

    weekly_distance: list[float]
    longest_recent_run: float
    source: str  # config | log


class RuleNote(BaseModel):
    rule: str
    message: str


class Explanation(BaseModel):
    conflicts: list[RuleNote] = Field(default_factory=list)
    limits: list[RuleNote] = Field(default_factory=list)


class PlanContext(BaseModel):
    """What the charts need beyond the plan JSON: the goal, the ACWR cap and every day's ACWR.

    Kept off the JSON (docs/plan.md fixes its fields); a plan read back from JSON gets it from
    its config with `plan_context`."""

    target_weekly_distance: float
    acwr_max: float
    daily_acwr: list[float] = Field(default_factory=list)
    race_date: dt.date | None = None
    race_distance: float | None = None


NOT_PROVEN = "infeasibility was not proven"  # in the warning of a plan the time limit cut short
TIME_LIMIT = "time_limit"  # the notice code of a plan the time limit cut short before any plan


class Plan(BaseModel):
    """A finished plan. `days`/`weeks` are DataFrames; `day_list`/`week_list` the records."""

    model_config = ConfigDict(populate_by_name=True)

    schema_version: int = SCHEMA_VERSION
    athlete: str
    units: str
    status: Status
    solve_seconds: float
    pain: PainReport
    day_list: list[PlanDay] = Field(default_factory=list, alias="days")
    week_list: list[PlanWeek] = Field(default_factory=list, alias="weeks")
    warnings: list[str] = Field(default_factory=list)
    explanation: Explanation = Field(default_factory=Explanation)
    notices: list[Notice] = Field(default_factory=list)
    planned_from: dt.date | None = None
    history: HistoryReport | None = None
    changes: list[Change] | None = None
    revision: int = 0  # 0 for a plan, the previous plan's + 1 for each re-plan of it
    suggestions: list[Suggestion] | None = None  # an infeasible plan: changes that each give one
    _context: PlanContext | None = PrivateAttr(default=None)

    def warn(self, code: str, message: str) -> None:
        """Add a warning: its message to `warnings` (docs/plan.md), its code beside it in `notices`."""
        self.warnings.append(message)
        self.notices.append(Notice(code=code, message=message))

    def has_notice(self, code: str) -> bool:
        return any(notice.code == code for notice in self.notices)

    @property
    def context(self) -> PlanContext | None:
        """The goal and ACWR series the plan was made with (None for a plan read from JSON)."""
        return self._context

    @property
    def days(self) -> "pandas.DataFrame":
        return _frame([d.model_dump() for d in self.day_list], PlanDay)

    @property
    def weeks(self) -> "pandas.DataFrame":
        return _frame([w.model_dump() for w in self.week_list], PlanWeek)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent) + "\n"

    @property
    def peak_distance(self) -> float:
        return max((w.distance for w in self.week_list), default=0.0)

    def training_distances(self) -> list[float]:
        """Each week's distance with the race day left out (the weekly distance of the rules)."""
        totals = {week.week: 0.0 for week in self.week_list}
        for day in self.day_list:
            if day.run_kind != "race":
                totals[day.week] += day.distance
        return [round(totals[week], 1) for week in sorted(totals)]

    @property
    def timed_out(self) -> bool:
        """No plan because the time limit ran out first, not because the rules conflict."""
        return self.status == Status.INFEASIBLE and self.has_notice(TIME_LIMIT)

    def figure(self, config: "AthleteConfig | None" = None) -> "Figure":
        """The main charts as one plotly Figure: weekly distance against the target, long runs,
        daily ACWR against its cap and hip/core sessions. `config` is needed only for a plan
        read back from JSON (it supplies the target and the ACWR cap)."""
        from planner.exports.charts import overview
        from planner.result import context_for

        return overview(self, context_for(self, config))

    def save(self, path: str | Path, format: str | None = None, config: "AthleteConfig | None" = None) -> Path:
        """Write the plan atomically as JSON, CSV, iCalendar or an HTML report, chosen by the
        file's extension unless `format` ("json", "csv", "ics", "html") is given."""
        from planner.exports import save_plan

        return save_plan(self, path, fmt=format, config=config)


def _frame(records: list[dict], model: type[BaseModel]) -> "pandas.DataFrame":
    import pandas

    return pandas.DataFrame.from_records(records, columns=list(model.model_fields))
