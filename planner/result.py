"""The plan (SPEC section 2): a pydantic model made from the solver's schedule.

`Plan.days` and `Plan.weeks` are pandas DataFrames (pandas is imported only when asked for);
`Plan.to_json()` is the canonical output every other format is made from; `Plan.save()` writes
it or one of the formats made from it (planner.exports), `Plan.figure()` charts it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from planner import sessions
from planner.instance import RPE, STRENGTH_RPE, Instance
from planner.pain import PERSISTENT_SEVEN_DAY_SHARE, PainAssessment

if TYPE_CHECKING:
    import pandas
    from plotly.graph_objects import Figure

    from planner.config import AthleteConfig
    from planner.solve import Schedule

SCHEMA_VERSION = 1


class PlanDay(BaseModel):
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
    load: int
    warmup: list[str]
    cooldown: list[str]
    notes: list[str]


class PlanWeek(BaseModel):
    week: int
    start: dt.date
    distance: float
    long_run: float
    runs: int
    strength_sessions: int
    full_rest_days: int
    load: int
    max_acwr: float
    cutback: bool
    taper: bool


class PainReport(BaseModel):
    level: str
    actions: list[str]
    message: str
    reasons: list[str] = Field(default_factory=list)


class HistoryReport(BaseModel):
    """The history the plan was planned from (SPEC section 5), in the athlete's unit."""

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

    Kept off the JSON (SPEC section 2 fixes its fields); a plan read back from JSON gets it from
    its config with `plan_context`."""

    target_weekly_distance: float
    acwr_max: float
    daily_acwr: list[float] = Field(default_factory=list)
    race_date: dt.date | None = None
    race_distance: float | None = None


NOT_PROVEN = "infeasibility was not proven"  # in the warning of a plan the time limit cut short


class Plan(BaseModel):
    """A finished plan. `days`/`weeks` are DataFrames; `day_list`/`week_list` the records."""

    model_config = ConfigDict(populate_by_name=True)

    schema_version: int = SCHEMA_VERSION
    athlete: str
    units: str
    status: str
    solve_seconds: float
    pain: PainReport
    day_list: list[PlanDay] = Field(default_factory=list, alias="days")
    week_list: list[PlanWeek] = Field(default_factory=list, alias="weeks")
    warnings: list[str] = Field(default_factory=list)
    explanation: Explanation = Field(default_factory=Explanation)
    planned_from: dt.date | None = None
    history: HistoryReport | None = None
    _context: PlanContext | None = PrivateAttr(default=None)

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
        return self.status == "infeasible" and any(NOT_PROVEN in warning for warning in self.warnings)

    def figure(self, config: "AthleteConfig | None" = None) -> "Figure":
        """The main charts as one plotly Figure: weekly distance against the target, long runs,
        daily ACWR against its cap and hip/core sessions. `config` is needed only for a plan
        read back from JSON (it supplies the target and the ACWR cap)."""
        from planner.exports.charts import overview

        return overview(self, context_for(self, config))

    def save(self, path: str | Path, format: str | None = None, config: "AthleteConfig | None" = None) -> Path:
        """Write the plan atomically as JSON, CSV, iCalendar or an HTML report, chosen by the
        file's extension unless `format` ("json", "csv", "ics", "html") is given."""
        from planner.exports import save_plan

        return save_plan(self, path, fmt=format, config=config)


def _frame(records: list[dict], model: type[BaseModel]) -> "pandas.DataFrame":
    import pandas

    return pandas.DataFrame.from_records(records, columns=list(model.model_fields))


# ---- building a plan ------------------------------------------------------------------------

def build_plan(instance: Instance, schedule: "Schedule | None", status: str, seconds: float) -> Plan:
    """Turn the solver's schedule (None for halted or infeasible plans) into a Plan."""
    config = instance.config
    plan = Plan(
        athlete=config.athlete.name,
        units=config.units,
        status=status,
        solve_seconds=round(seconds, 3),
        pain=pain_report(instance),
        planned_from=instance.start_date,
        history=HistoryReport(
            weekly_distance=[round(v, 2) for v in instance.past.weekly_distance],
            longest_recent_run=round(instance.past.longest_recent_run, 2),
            source=instance.past.source,
        ),
    )
    plan._context = plan_context(instance, [])
    if status == "infeasible":
        return plan
    days = _days(instance, schedule)
    plan.day_list = days
    plan.week_list = _weeks(instance, days, halted=status == "halted")
    plan._context = plan_context(instance, days)
    if status == "halted" and instance.race_day is not None:
        plan.warnings.append(
            f"The race on {instance.race_day.date} is not in this plan: training is halted until a "
            "professional has looked at the pain."
        )
    return plan


def _days(instance: Instance, schedule: "Schedule | None") -> list[PlanDay]:
    config = instance.config
    pain = instance.pain
    peak = max([instance.target / 10] + list(instance.past.weekly_distance))
    strength_minutes = config.strength.minutes
    days, sessions_so_far = [], 0
    for day in instance.days:
        values = schedule.days[day.index] if schedule else None
        kind = values.kind if values else "rest"
        distance = values.distance / 10 if values else 0.0
        minutes = values.minutes if values else 0
        strength = bool(values and values.strength)
        if kind == "race":
            distance, minutes = instance.race_distance / 10, instance.race_minutes
        exercises = []
        if strength:
            exercises = sessions.strength_exercises(sessions_so_far, kind != "rest", peak, config.units)
            sessions_so_far += 1
        running = kind != "rest"
        days.append(
            PlanDay(
                date=day.date,
                weekday=day.weekday,
                week=day.week,
                run_kind=kind,
                distance=round(distance, 1),
                run_minutes=minutes,
                strength=strength,
                strength_minutes=strength_minutes if strength else 0,
                strength_exercises=exercises,
                full_rest=not running and not strength,
                load=minutes * RPE.get(kind, 0) + (STRENGTH_RPE * strength_minutes if strength else 0),
                warmup=list(sessions.WARMUP) if running else [],
                cooldown=list(sessions.COOLDOWN) if running else [],
                notes=sessions.day_notes(kind, pain.level, day.week in instance.pain_weeks),
            )
        )
    return days


def _weeks(instance: Instance, days: list[PlanDay], halted: bool) -> list[PlanWeek]:
    ratios = acwr_by_day(instance, days)
    weeks = []
    for week in range(1, instance.weeks + 1):
        block = days[7 * (week - 1) : 7 * week]
        longs = [d.distance for d in block if d.run_kind == "long"]
        weeks.append(
            PlanWeek(
                week=week,
                start=block[0].date,
                distance=round(sum(d.distance for d in block), 1),
                long_run=max(longs, default=0.0),
                runs=sum(d.run_kind != "rest" for d in block),
                strength_sessions=sum(d.strength for d in block),
                full_rest_days=sum(d.full_rest for d in block),
                load=sum(d.load for d in block),
                max_acwr=round(max(ratios[7 * (week - 1) : 7 * week]), 2),
                cutback=not halted and instance.is_cutback_week(week),
                taper=not halted and instance.is_taper_week(week),
            )
        )
    return weeks


def acwr_by_day(instance: Instance, days: list[PlanDay]) -> list[float]:
    """Acute:chronic workload ratio of every plan day (the race's load left out)."""
    loads = [0 if d.run_kind == "race" else d.load for d in days]
    history = [instance.fixed_day(-k).load for k in range(27, 0, -1)]  # oldest first
    series = history + loads
    ratios = []
    for index in range(len(loads)):
        end = index + len(history) + 1
        acute = sum(series[end - 7 : end])
        chronic = max(sum(series[end - 28 : end]) / 4, instance.chronic_floor)
        ratios.append(acute / chronic if chronic > 0 else 0.0)
    return ratios


def plan_context(instance: Instance, days: list[PlanDay]) -> PlanContext:
    config = instance.config
    race = config.goal.race
    return PlanContext(
        target_weekly_distance=config.goal.target_weekly_distance,
        acwr_max=config.rules.acwr_max,
        daily_acwr=[round(r, 3) for r in acwr_by_day(instance, days)] if days else [],
        race_date=race.date if race else None,
        race_distance=instance.race_distance / 10 if race else None,
    )


def context_for(plan: Plan, config: "AthleteConfig | None") -> PlanContext | None:
    """The plan's own context, else one computed from `config`, else None (charts then leave
    out the target and the cap, and show weekly peak ACWR instead of the daily series)."""
    if plan.context is not None or config is None:
        return plan.context
    from planner.config import load_config
    from planner.errors import ExportError

    config = load_config(config)
    if plan.day_list and plan.day_list[0].date != config.plan.start:
        raise ExportError(
            f"the plan starts on {plan.day_list[0].date} but the config's plan.start is "
            f"{config.plan.start}: pass the config the plan was made from"
        )
    return plan_context(Instance(config), plan.day_list)


# ---- pain -------------------------------------------------------------------------------------

def pain_report(instance: Instance) -> PainReport:
    pain = instance.pain
    return PainReport(level=pain.level, actions=pain_actions(instance, pain), message=pain.message, reasons=pain.reasons)


def pain_actions(instance: Instance, pain: PainAssessment) -> list[str]:
    config = instance.config
    units = config.units
    weeks = _pain_weeks_text(instance)
    cap = (instance.pain_cap or 0) / 10
    if pain.level == "red_flag":
        return [
            "All running and strength training halted: every day of the plan is rest.",
            "See a physical therapist or doctor before training again.",
        ]
    if pain.level == "mild":
        return [
            f"Hip/core sessions raised to {instance.strength_sessions(instance.first_week)} a week in {weeks}.",
            f"Every run in {weeks} kept to {cap:.1f} {units} or less, short of where the pain began.",
            f"Foam rolling (glutes, hips, lower back) after every run in {weeks}.",
        ]
    if pain.level == "persistent":
        from constraints.pain import seven_day_cap

        return [
            f"{instance.start_date} (the planning day) is a full rest day.",
            f"At least {config.rules.min_rest_days + 1} full rest days a week in {weeks}.",
            f"No running on two days in a row and no quality sessions in {weeks}.",
            f"The 7 days from {instance.start_date} reduced to at most {PERSISTENT_SEVEN_DAY_SHARE * 100:.0f} % of the "
            f"7 days before ({seven_day_cap(instance) / 10000:.1f} {units}).",
            f"Every run in {weeks} kept to {cap:.1f} {units} or less.",
            f"Hip/core sessions raised to {instance.strength_sessions(instance.first_week)} a week in {weeks}.",
        ]
    return []


def _pain_weeks_text(instance: Instance) -> str:
    weeks = sorted(instance.pain_weeks)
    if not weeks:
        return "no week"
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"
