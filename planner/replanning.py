"""Re-planning (docs/replanning.md): plan from any day of the plan, with the past as it was.

    planner.replan(config, start=dt.date(2027, 1, 11), previous="plan.json")

The days from `plan.start` to the day before `start` are the past: what the training log says
was done. Every rule holds on the planned days with the past as fixed history (the rules of
`constraints/` take it so; where the past leaves no way to obey one, its planned days rest, and
a warning says why). With the previous plan, the first week makes up no missed session
(constraints.no_make_up), the past days get their `adherence`, a log that matches the previous
plan exactly (and the same pain level) gives back its planned days, and otherwise the re-plan
changes as few days as the volume allows (planner.objective.changes), each listed in `changes`
with a plain reason. After 3 days or more without running the first runs are easy and short
(constraints.coming_back).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from planner.config import AthleteConfig, load_config
from planner.errors import ConfigError
from planner.instance import FixedDay, Instance
from planner.io import read_plan
from planner.schema import Change, Plan, PlanDay
from planner.solve import DEFAULT_TIME_LIMIT, DEFAULT_WORKERS, Progress

ADHERENCE_SHARE = 0.2  # a run within 20 % of the planned distance (inclusive) was done as planned
LETTER = {"easy": "E", "long": "L", "quality": "Q", "race": "RACE", "rest": "rest"}


def replan(
    config: AthleteConfig | dict | str,
    start: dt.date | None = None,
    previous: Plan | dict | str | Path | None = None,
    today: dt.date | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> Plan:
    """The plan of `config` from `start` (default: today, or tomorrow when the log already
    holds training today), with the past from the log and `previous` (a plan, its JSON dict or
    a path to it) as the plan to keep to."""
    from planner.log import config_log
    from planner.planning import make_plan, prepare

    from planner.options import check_date

    start, today = check_date(start, "start"), check_date(today, "today")
    config = load_config(config)
    today = today or dt.date.today()
    earlier = read_previous(previous)
    log = config_log(config)
    planning_day = start or default_start(today, log)
    check_start(config, planning_day, "start (--from)" if start is not None else "today")
    instance = prepare(config, planning_day, previous_days(config, earlier) if earlier else None, log=log)
    started = time.perf_counter()
    kept = _kept(instance, earlier)
    plan = make_plan(config, time_limit=time_limit, workers=workers, progress=progress, instance=instance,
                     kept=(kept, str(earlier.status)) if kept else None, today=today)
    if kept is not None and _keeps(plan, kept):
        plan.explanation.limits = list(earlier.explanation.limits)
    if earlier is not None:
        mark_adherence(plan, instance, earlier)
        plan.changes = changes(plan, instance, earlier)
        plan.revision = earlier.revision + 1
    plan.solve_seconds = round(time.perf_counter() - started, 3)
    return plan


def default_start(today: dt.date, log) -> dt.date:
    """Today, or tomorrow when the training log (None: no log) already holds training today."""
    if log is not None and any(session.date == today for session in log.sessions):
        return today + dt.timedelta(days=1)
    return today


def check_start(config: AthleteConfig, day: dt.date, name: str) -> None:
    if not config.plan.start <= day <= config.end:
        raise ConfigError(name, f"{day} is outside the plan ({config.plan.start} to {config.end}); re-plan from a day "
                                "of the plan", path=config.source)


def read_previous(previous: Plan | dict | str | Path | None) -> Plan | None:
    if previous is None or isinstance(previous, Plan):
        return previous
    if isinstance(previous, dict):
        return Plan.model_validate(previous)
    path = Path(previous)
    return parse_previous(read_plan(path, "the previous plan to re-plan from"), path)


def parse_previous(text: str, path: str | Path) -> Plan:
    """The previous plan from its JSON text; ConfigError naming `path` when it is not one."""
    try:
        return Plan.model_validate(json.loads(text))
    except (ValueError, RecursionError) as error:  # not JSON, not a plan, nested past what json reads
        raise ConfigError("", f"is not a plan JSON this planner wrote: {str(error).splitlines()[0]}", path=path) from None


def previous_days(config: AthleteConfig, plan: Plan) -> dict[int, FixedDay]:
    """The previous plan's days by index from plan.start (days outside the plan left out)."""
    days = {}
    for day in plan.day_list:
        index = (day.date - config.plan.start).days
        if 0 <= index < 7 * config.weeks and not day.logged:
            race = day.run_kind == "race"  # the race is not a training run: no distance or minutes of its own
            days[index] = FixedDay(kind=day.run_kind, distance=0 if race else round(day.distance * 10),
                                   minutes=0 if race else day.run_minutes, strength=int(day.strength))
    return days


def _kept(instance: Instance, earlier: Plan | None) -> dict[int, FixedDay] | None:
    """The previous plan's planned days, when the log matched it exactly and the pain level is
    the same (the re-plan then keeps them, where they still obey every rule)."""
    if earlier is None or earlier.pain.level != instance.pain.level:
        return None
    previous = instance.previous
    for index in range(instance.first):
        if not _as_planned(instance.fixed_day(index), previous.get(index, FixedDay())):
            return None
    kept = {i: day for i, day in previous.items() if i >= instance.first}
    return kept if len(kept) == instance.days_total - instance.first else None


def _keeps(plan: Plan, kept: dict[int, FixedDay]) -> bool:
    """Whether the plan's planned days are the kept ones."""
    return all(plan.day_list[i].run_kind == day.kind and bool(plan.day_list[i].strength) == bool(day.strength)
               for i, day in kept.items())


def _as_planned(done: FixedDay, planned: FixedDay) -> bool:
    if done.running != planned.running or bool(done.strength) != bool(planned.strength):
        return False
    if planned.kind == "race":
        return done.kind == "race"
    return not planned.running or (abs(done.distance - planned.distance) <= 0 and done.kind == planned.kind)


# ---- what the plan says of the past and of its changes --------------------------------------------

def adherence(done: PlanDay, planned: PlanDay | None) -> str:
    """done (a run within 20 % of the planned distance), partial (a run outside it), missed (a
    planned run, none logged), extra (a run on a planned rest day) or rest (rest as planned)."""
    planned_run = planned is not None and planned.run_kind != "rest"
    ran = done.run_kind != "rest"
    if planned_run and ran:
        within = abs(done.distance - planned.distance) <= ADHERENCE_SHARE * planned.distance + 1e-9
        return "done" if within else "partial"
    if planned_run:
        return "missed"
    return "extra" if ran else "rest"


def mark_adherence(plan: Plan, instance: Instance, earlier: Plan) -> None:
    """Each past day's adherence to the previous plan, and what that plan had for the day."""
    by_date = {day.date: day for day in earlier.day_list}
    for day in plan.day_list:
        if day.logged:
            before = by_date.get(day.date)
            day.adherence = adherence(day, before)
            day.planned = summary(before)
            day.planned_distance = before.distance if before is not None else 0.0


def summary(day: PlanDay | None) -> str:
    """A day in a few characters: "E 8.0 +S", "rest", "rest +S"."""
    if day is None:
        return "rest"
    text = LETTER.get(day.run_kind, day.run_kind)
    if day.run_kind != "rest":
        text += f" {day.distance:.1f}"
    return text + (" +S" if day.strength else "")


def changes(plan: Plan, instance: Instance, earlier: Plan) -> list[Change]:
    """Every planned day whose run kind, distance or hip/core session differs from the previous
    plan (a date the previous plan lacks counts as rest there), each with a plain reason."""
    by_date = {day.date: day for day in earlier.day_list if not day.logged}
    totals = week_totals(plan, earlier)
    found = []
    for day in plan.day_list:
        if day.logged:
            continue
        before = by_date.get(day.date)
        if summary(before) != summary(day):
            found.append(Change(date=day.date, before=summary(before), after=summary(day),
                                reason=reason(plan, instance, earlier, day, totals)))
    return found


def reason(plan: Plan, instance: Instance, earlier: Plan, day: PlanDay, totals: dict[int, tuple[float, float]]) -> str:
    """Why a planned day changed, in plain words: the most specific cause that applies
    (`totals`: the plans' week_totals)."""
    if plan.status == "halted":
        return "training halted: a pain red flag means seeing a physical therapist or doctor first"
    if instance.pain.level != earlier.pain.level and day.week in instance.pain_weeks:
        return f"{instance.pain.level} pain reported: the next two weeks are eased"
    if instance.coming_back is not None and day.week == instance.first_week:
        return "coming back after 3 or more days without running: the first runs are easy and short"
    if any(d.logged and d.adherence == "missed" for d in plan.day_list) and day.week == instance.first_week:
        return "a missed session is not made up: this week stays within what was planned"
    done, planned = totals.get(day.week, (0.0, 0.0))
    if done > planned + 0.05:
        return f"week {day.week} ran {done:.1f} {plan.units} where {planned:.1f} were planned: the rules take what was run"
    past = [(w, *totals.get(w, (0.0, 0.0))) for w in range(1, instance.first_week + 1)]
    short = [(w, d, p) for w, d, p in past if abs(d - p) > 0.05]
    if short:
        week, done, planned = max(short, key=lambda item: abs(item[1] - item[2]))
        more = "more" if done > planned else "less"
        return (f"week {week} ran {done:.1f} of the {planned:.1f} {plan.units} planned ({more}): the weeks after build "
                "from what was run, as the weekly increase and the load ratio allow")
    return "re-planned from what the log shows was run, so that every rule holds on the days ahead"


def week_totals(plan: Plan, earlier: Plan) -> dict[int, tuple[float, float]]:
    """Per week with logged days: the distance logged, and what the previous plan had for those
    days (its race left out). Computed once for all the changes' reasons."""
    earlier_by_date = {d.date: d for d in earlier.day_list}
    totals: dict[int, tuple[float, float]] = {}
    for day in plan.day_list:
        if not day.logged:
            continue
        done, planned = totals.get(day.week, (0.0, 0.0))
        then = earlier_by_date.get(day.date)
        totals[day.week] = (done + day.distance,
                            planned + (then.distance if then is not None and then.run_kind != "race" else 0.0))
    return totals

