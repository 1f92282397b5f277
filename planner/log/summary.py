"""What `planner log` shows: the training log week by week, and what was read to make it.

Weeks are the plan's 7-day blocks: those before `plan.start` (the history a plan starts from)
and those since, up to the day before `today`. Each gives the runs, distance, longest run and
load logged, and the week's highest acute:chronic load ratio (docs/rules.md's formula, from
the logged loads).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from planner.config import AthleteConfig
from planner.history import day_of, past_of
from planner.instance import LOAD_RATIO_DAYS, Instance, load_ratio
from planner.log.session import TrainingLog


@dataclass
class LogWeek:
    start: dt.date
    end: dt.date
    runs: int
    distance: float
    longest_run: float
    load: float
    max_acwr: float | None  # None where the week has no day to rate


def log_weeks(config: AthleteConfig, log: TrainingLog, today: dt.date) -> list[LogWeek]:
    """The log's weeks up to the day before `today`, oldest first."""
    start = config.plan.start
    last = min(today, config.end + dt.timedelta(days=1)) - dt.timedelta(days=1)
    first_day = min((s.date for s in log.sessions), default=start)
    if first_day > last:
        return []
    instance = Instance(config, max(start, last + dt.timedelta(days=1)), past_of(config, last + dt.timedelta(days=1), log))
    by_day: dict[dt.date, list] = {}
    for session in log.sessions:
        by_day.setdefault(session.date, []).append(session)
    first_block = start - dt.timedelta(days=7 * -(-(start - first_day).days // 7)) if first_day < start else start
    weeks = []
    block = first_block
    while block <= last:
        days = [block + dt.timedelta(days=k) for k in range(7) if block + dt.timedelta(days=k) <= last]
        sessions = [s for day in days for s in by_day.get(day, [])]
        runs = [s for s in sessions if s.is_run]
        ratios = [_ratio(instance, (day - start).days) for day in days]
        weeks.append(LogWeek(
            start=block, end=days[-1], runs=len(runs), distance=round(sum(s.distance or 0 for s in runs), 2),
            longest_run=round(max((s.distance or 0 for s in runs), default=0.0), 2),
            load=round(sum(day_of(config, by_day.get(day, [])).load for day in days), 1),
            max_acwr=round(max(ratios), 2) if ratios else None,
        ))
        block += dt.timedelta(days=7)
    return weeks


def _ratio(instance: Instance, index: int) -> float:
    loads = [instance.fixed_day(i).load for i in range(index - LOAD_RATIO_DAYS + 1, index + 1)]
    return load_ratio(loads, instance.chronic_floor)


def log_report(config: AthleteConfig, log: TrainingLog, today: dt.date) -> dict:
    """Everything `planner log --json` prints: the files read (sessions found, what was skipped
    and why), the duplicates counted once, the warnings and the weeks."""
    return {
        "athlete": config.athlete.name,
        "units": config.units,
        "files": [{"path": f.path, "format": f.format, "sessions": f.sessions,
                   "skipped": [{"what": s.what, "why": s.why} for s in f.skipped]} for f in log.files],
        "duplicates": [{"kept": d.kept.source, "dropped": d.dropped.source, "date": d.kept.date.isoformat()}
                       for d in log.duplicates],
        "warnings": list(log.warnings),
        "weeks": [{**asdict(w), "start": w.start.isoformat(), "end": w.end.isoformat()} for w in log_weeks(config, log, today)],
    }
