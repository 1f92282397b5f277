"""Building the plan (planner.schema) from the solver's answer: days, weeks, pain, history.

`build_plan` is the one place a Plan is made from an instance and a schedule; `plan_context`
and `context_for` give the charts what the plan JSON does not hold (the target, the ACWR cap
and the daily ratio).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner import sessions, workouts
from planner.instance import RPE, STRENGTH_RPE, Instance, load_ratio
from planner.paces import training_paces
from planner.pain import PERSISTENT_SEVEN_DAY_SHARE, PainAssessment
from planner.schema import (  # noqa: F401  (the schema's names, for `from planner.result import Plan`)
    NOT_PROVEN, SCHEMA_VERSION, Explanation, HistoryReport, Notice, PainReport, Plan, PlanContext, PlanDay, PlanWeek,
    RuleNote, Status, Workout,
)

if TYPE_CHECKING:
    from planner.config import AthleteConfig
    from planner.paces import Paces
    from planner.solve import Schedule

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
        plan.warn("race_not_run", f"The race on {instance.race_day.date} is not in this plan: training is halted "
                  "until a professional has looked at the pain.")
    return plan


def _days(instance: Instance, schedule: "Schedule | None") -> list[PlanDay]:
    config = instance.config
    pain = instance.pain
    peak = max([instance.target / 10] + list(instance.past.weekly_distance))
    strength_minutes = config.strength.minutes
    paces = training_paces(config)
    days, sessions_so_far = [], 0
    for day in instance.days:
        if day.index < instance.first:
            days.append(logged_day(instance, day))
            continue
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
        workout = _workout(instance, day, minutes, paces, days) if kind == "quality" else None
        notes = sessions.day_notes(kind, pain.level, day.week in instance.pain_weeks)
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
                notes=([workouts.workout_text(workout)] if workout else []) + notes,
                workout=workout,
            )
        )
    return days


def _workout(instance: Instance, day, minutes: int, paces: "Paces", earlier: list[PlanDay]) -> Workout:
    """The quality run's workout: the next of the rotation (counting the plan's earlier quality
    days, logged ones too), a sharpener in race week."""
    number = sum(d.run_kind == "quality" for d in earlier)
    race_distance = instance.race_distance / 10 if day.week == instance.race_week else None
    return workouts.quality_workout(minutes, number, paces, race_distance)


def logged_day(instance: Instance, day) -> PlanDay:
    """A past day as the log has it: the kind of its longest run, its summed distance and
    minutes, hip/core if any, its logged load (docs/replanning.md)."""
    values = instance.fixed_day(day.index)
    running = values.kind != "rest"
    return PlanDay(
        date=day.date, weekday=day.weekday, week=day.week, run_kind=values.kind,
        distance=round(values.distance / 10, 1), run_minutes=values.minutes, strength=bool(values.strength),
        strength_minutes=round(values.strength_minutes), strength_exercises=[],
        full_rest=not running and not values.strength and not values.cross, load=round(values.load, 1),
        warmup=[], cooldown=[], notes=list(values.notes), logged=True,
    )


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
                load=round(sum(d.load for d in block), 1),
                max_acwr=round(max(ratios[7 * (week - 1) : 7 * week]), 2),
                cutback=not halted and instance.is_cutback_week(week),
                taper=not halted and instance.is_taper_week(week),
            )
        )
    return weeks


def acwr_by_day(instance: Instance, days: list[PlanDay]) -> list[float]:
    """Acute:chronic workload ratio of every plan day (the race's load left out)."""
    loads = [0 if d.run_kind == "race" or instance.days[i].is_race else d.load for i, d in enumerate(days)]
    history = [instance.fixed_day(-k).load for k in range(27, 0, -1)]  # oldest first
    series = history + loads
    return [load_ratio(series[index : index + len(history) + 1], instance.chronic_floor) for index in range(len(loads))]


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
            f"Every run in {weeks} kept to {cap:.1f} {units} or less, "
            + ("short of where the pain began." if pain.onset_distance is not None
               else "no longer than the longest run of the 28 days before (no onset distance was reported)."),
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
