"""The past as the planner sees it: the history before `plan.start` and the days already run.

With a `history` section, the weeks before the plan are its weekly distances, each spread
evenly over its days, and `longest_recent_run` stands for their longest run. With a training
log and no `history`, they come from the log (docs/log.md): the weekly distances
are the 7-day blocks ending the day before `plan.start`, back to the log's first entry (at most
12), `longest_recent_run` is the longest logged run of the 28 days before `plan.start`, and the
days carry their logged loads (days before the log's first entry carry its oldest whole block's
load, spread evenly). Either way, the days from `plan.start` to the day before the planning day
are what the log says was done (a day with nothing logged was rest). Entries dated on or after
the planning day are not used, and a warning names them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from planner.config import AthleteConfig
from planner.instance import RPE, STRENGTH_RPE, FixedDay, tenths
from planner.log.session import Session, TrainingLog

HISTORY_WEEKS = 12  # the most history weeks a log gives (docs/config.md's limit)
RECENT_DAYS = 28  # longest_recent_run looks back this far
UNKNOWN_RUN_RPE = 3.5  # a logged run of unknown kind
CROSS_RPE = 4  # logged cross-training without an rpe
CROSS_SHARE = 0.5  # cross-training counts half


@dataclass
class Past:
    """What is known of the days before the planning day."""

    weekly_distance: list[float]  # history weeks before plan.start, oldest first, in the unit
    longest_recent_run: float
    source: str  # "config" | "log"
    before_start: dict[int, FixedDay] = field(default_factory=dict)  # day index < 0 -> as logged
    spread_load: float = 0.0  # a day's load before the log's first entry (source "log")
    since_start: dict[int, FixedDay] = field(default_factory=dict)  # plan.start <= day < planning day
    warnings: list[str] = field(default_factory=list)
    log: TrainingLog | None = None


def past_of(config: AthleteConfig, planning_day: dt.date | None = None, log: TrainingLog | None = None) -> Past:
    """The past of `config` up to `planning_day` (default plan.start), from `log` when given
    (read from the config's `log:` section by planner.planning)."""
    start = config.plan.start
    planning_day = planning_day or start
    sessions = list(log.sessions) if log else []
    warnings = list(log.warnings) if log else []
    later = [s for s in sessions if s.date >= planning_day]
    if later:
        warnings.append(_not_used(later, planning_day))
    used = [s for s in sessions if s.date < planning_day]
    before = [s for s in used if s.date < start]
    if config.history is not None:
        past = Past(list(config.history.weekly_distance), config.history.longest_recent_run, "config")
        if before:
            warnings.append(f"the training log's {len(before)} session(s) before plan.start {start} are not used: "
                            "the history section stands for those days (leave it out to plan from the log)")
    else:
        past = _from_log(config, before)
    past.since_start = _days(config, [s for s in used if s.date >= start])
    past.warnings = warnings
    past.log = log
    return past


def _from_log(config: AthleteConfig, before: list[Session]) -> Past:
    start = config.plan.start
    if not before:
        return Past([0.0], 0.0, "log")
    first = min(s.date for s in before)
    blocks = min(HISTORY_WEEKS, -(-(start - first).days // 7))  # the block of the first entry counts
    weekly = []
    for block in range(blocks, 0, -1):
        block_start = start - dt.timedelta(days=7 * block)
        weekly.append(round(sum(s.distance or 0.0 for s in before
                                if s.is_run and block_start <= s.date < block_start + dt.timedelta(days=7)), 2))
    recent = [s.distance or 0.0 for s in before if s.is_run and s.date >= start - dt.timedelta(days=RECENT_DAYS)]
    days = _days(config, before)
    return Past(weekly, max(recent, default=0.0), "log", before_start=days, spread_load=_oldest_whole_block(days, first, start))


def _oldest_whole_block(days: dict[int, FixedDay], first: dt.date, start: dt.date) -> float:
    """A day's load before the log's first entry: the oldest 7-day block ending before
    plan.start that the log covers whole, its load spread evenly (with none whole, the one
    block it has)."""
    whole = (start - first).days // 7
    oldest = whole if whole else 1  # blocks count back from the day before plan.start
    return sum(days[i].load for i in range(-7 * oldest, -7 * oldest + 7) if i in days) / 7


def _days(config: AthleteConfig, sessions: list[Session]) -> dict[int, FixedDay]:
    """Each day's sessions as one fixed day (index from plan.start)."""
    by_day: dict[int, list[Session]] = defaultdict(list)
    for session in sessions:
        by_day[(session.date - config.plan.start).days].append(session)
    return {index: day_of(config, found) for index, found in sorted(by_day.items())}


def day_of(config: AthleteConfig, sessions: list[Session]) -> FixedDay:
    """A logged day: the kind of its longest run (a run of unknown kind reads as easy), its
    summed running distance and minutes, strength if any, and its logged load."""
    runs = [s for s in sessions if s.is_run]
    kind = "rest"
    if runs:
        longest = max(runs, key=lambda s: s.distance or 0.0)
        kind = "easy" if longest.kind == "run" else longest.kind
    return FixedDay(
        kind=kind,
        distance=tenths(sum(s.distance or 0.0 for s in runs)),
        minutes=round(sum(s.minutes for s in runs)),
        strength=int(any(s.kind == "strength" for s in sessions)),
        load=sum(session_load(s) for s in sessions),
        cross=any(s.kind == "cross" for s in sessions),
        ran=bool(runs),
        strength_minutes=sum(s.minutes for s in sessions if s.kind == "strength"),
        notes=tuple(_logged_note(s) for s in sessions),
    )


def _logged_note(session: Session) -> str:
    what = f"{session.kind} {session.distance:.1f}" if session.distance else session.kind
    return f"logged: {what}, {session.minutes:.0f} min ({session.source})"


def session_load(session: Session) -> float:
    """A logged session's load (session-RPE x minutes, docs/log.md)."""
    if session.kind == "strength":
        return session.minutes * STRENGTH_RPE
    if session.kind == "cross":
        return session.minutes * (session.rpe or CROSS_RPE) * CROSS_SHARE
    rpe = session.rpe if session.rpe is not None else RPE.get(session.kind, UNKNOWN_RUN_RPE)
    return session.minutes * rpe


def _not_used(later: list[Session], planning_day: dt.date) -> str:
    dates = sorted({s.date for s in later})
    shown = ", ".join(str(d) for d in dates[:5]) + (f" and {len(dates) - 5} more" if len(dates) > 5 else "")
    return (f"the training log's {len(later)} session(s) dated on or after the planning day {planning_day} are not used "
            f"({shown}): re-plan from a later day to count them")
