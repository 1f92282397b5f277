"""From a config to a Plan: pain first (a red flag halts everything), then the solver, then the
explanations (what limits the plan, or which rules conflict), all within the time limit."""

from __future__ import annotations

import datetime as dt
import time

from planner.config import AthleteConfig, load_config
from planner.errors import ConfigError
from planner.history import past_of
from planner.conflicts import find_conflicts
from planner.instance import Instance
from planner.limits import find_limits
from planner.readiness import readiness_warning
from planner.options import check_date, check_solver_options
from planner.result import NOT_PROVEN, Plan, build_plan
from planner.schema import TIME_LIMIT, Suggestion
from planner.solve import DEFAULT_TIME_LIMIT, DEFAULT_WORKERS, Progress, keep_days, solve_schedule

STALE_LOG_DAYS = 7
UNNAMED_CONFLICT = (
    "No plan satisfies every rule, but the rules that conflict could not be named within the time "
    "limit; give it a longer --time-limit, relax one rule at a time, or plan fewer weeks, to find them."
)


def make_plan(
    config: AthleteConfig | dict | str,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
    today: dt.date | None = None,
    instance: Instance | None = None,
    kept: tuple[dict, str] | None = None,
) -> Plan:
    """Plan every day for `config` (a config, a dict or a path to a YAML/TOML/JSON file). A bad
    option is a TypeError or planner.errors.OptionError naming it, before anything is solved.
    `today` (default the clock's) is for the warnings of docs/plan.md, warnings. planner.replan passes
    its own `instance` (planned from a later day) and, to `kept`, the previous plan's days with
    its status."""
    check_solver_options(time_limit, workers, progress)
    today = check_date(today, "today")
    config = load_config(config)
    started = time.perf_counter()
    instance = instance or prepare(config)
    if instance.pain.halted:
        plan = build_plan(instance, None, "halted", time.perf_counter() - started)
        _note_input(plan, instance, today)
        return plan
    schedule = keep_days(instance, *kept, time_limit) if kept else None
    if schedule is None:
        schedule = solve_schedule(instance, time_limit=time_limit, workers=workers, progress=progress)
    if schedule.status in ("optimal", "feasible"):
        plan = build_plan(instance, schedule, schedule.status, schedule.seconds)
        for code, why in schedule.waivers:
            plan.warn(code, why)
        readiness = readiness_warning(instance, plan)
        if readiness:
            plan.warn("race_readiness", readiness)
        plan.explanation.limits.extend(find_limits(instance, schedule))
    else:
        plan = build_plan(instance, None, "infeasible", schedule.seconds)
        if schedule.status == "unknown":
            plan.warn(TIME_LIMIT, f"No plan was found within the {time_limit:g} s time limit ({NOT_PROVEN}); "
                                  "try a longer --time-limit.")
        else:
            if progress:
                progress("looking for the rules that conflict")
            left = time_limit - (time.perf_counter() - started)
            conflicts = find_conflicts(instance, seconds=left, progress=progress)
            plan.explanation.conflicts.extend(conflicts)
            if not conflicts:
                plan.warn("unnamed_conflict", UNNAMED_CONFLICT)
            else:
                if progress:
                    progress("looking for the smallest change that gives a plan")
                suggest(plan, instance, [note.rule for note in conflicts], started + time_limit)
    _note_input(plan, instance, today)
    plan.solve_seconds = round(time.perf_counter() - started, 3)
    return plan


def prepare(config: AthleteConfig, planning_day: dt.date | None = None, previous: dict | None = None,
            log=None) -> Instance:
    """The instance to plan `config` from `planning_day` (default plan.start): its training log
    read (planner.log; `log`: the log already read for it) and the past derived from it
    (planner.history); `previous`: a re-plan's previous plan (day index -> FixedDay)."""
    planning_day = planning_day or config.plan.start
    cleared = config.pain.cleared_on
    if cleared is not None and cleared > planning_day:
        raise ConfigError("pain.cleared_on", f"{cleared} is after the planning day {planning_day}; it must be on or "
                                             "before it", path=config.source)
    if log is None:
        from planner.log import config_log

        log = config_log(config)
    return Instance(config, planning_day, past_of(config, planning_day, log), previous=previous)


def suggest(plan: Plan, instance: Instance, rules: list[str], deadline: float) -> None:
    """The changes that each give a plan (planner.repairs), in the plan's `suggestions` and in
    a warning that says them in words."""
    from planner.repairs import find_repairs

    repairs = find_repairs(instance, rules, deadline)
    plan.suggestions = [Suggestion(changes=dict(r.changes), text=r.text) for r in repairs]
    if repairs:
        plan.warn("suggestion", "To get a plan: " + ", or ".join(r.text for r in repairs) + ".")


def input_notes(instance: Instance, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Warnings about the input itself, with their codes: what of the training log is not used,
    check-ins dated after the planning day, a plan that starts in the past and a log that ends
    long before the planning day (docs/plan.md, warnings)."""
    notes = [("log", warning) for warning in instance.past.warnings]
    today = today or dt.date.today()
    if instance.start_date < today:
        notes.append(("starts_in_the_past", f"the plan starts on {instance.start_date}, before today ({today}): re-plan "
                                            "from today (planner replan) to plan the days ahead"))
    log = instance.past.log
    if log is not None:
        last = max((s.date for s in log.sessions if s.date < instance.start_date), default=None)
        if last is None or (instance.start_date - last).days > STALE_LOG_DAYS:
            if last is None:
                text = f"the training log holds nothing before the planning day {instance.start_date}"
            else:
                text = (f"the training log ends on {last}, more than {STALE_LOG_DAYS} days before the planning day "
                        f"{instance.start_date}")
            notes.append(("stale_log", f"{text}: log what you ran since, or the plan takes it as rest"))
    later = [c for c in instance.config.pain.checkins if c.date > instance.start_date]
    if later:
        dates = ", ".join(sorted({str(c.date) for c in later}))
        notes.append(("checkin_not_used", f"pain check-ins dated after the planning day {instance.start_date} are not "
                                          f"used ({dates})"))
    return notes


def _note_input(plan: Plan, instance: Instance, today: dt.date | None) -> None:
    """The input's warnings go first."""
    kept = list(zip(plan.notices, plan.warnings))
    plan.notices.clear()
    plan.warnings.clear()
    for code, message in input_notes(instance, today):
        plan.warn(code, message)
    for notice, _ in kept:
        plan.warn(notice.code, notice.message)
