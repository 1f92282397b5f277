"""What to change when no plan exists: the smallest changes to the config that give a plan.

The conflict search (planner.conflicts) names the rules that cannot hold together; here each
of them offers candidate changes, the ones a runner can make first (a day's minutes, another
day, fewer hip/core or quality sessions, a blackout date, a later race) before the rules'
numbers, each as small as it can be. A candidate counts only if the config it makes really
plans, so every suggestion comes with its numbers and is known to work.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any, Iterator

from planner.config import WEEKDAYS, AthleteConfig
from planner.errors import ConfigError
from planner.instance import Instance

MINUTE_STEPS = (10, 20, 30, 45, 60)  # more minutes on a day
NEW_DAY_MINUTES = (30, 45, 60)
MOST_SUGGESTIONS = 3
PAIR_HEADS = 2  # where no single change works: the first changes of each kind, two at a time
TRY_SECONDS = 2.0  # each candidate's plan


@dataclass(frozen=True)
class Repair:
    """A change: config fields by dotted path with their new values, and the words for it."""

    changes: tuple[tuple[str, Any], ...]
    text: str
    kind: str = ""  # the way it helps (more minutes, another day, fewer sessions, ...)

    @property
    def path(self) -> str:
        return self.changes[0][0]

    @property
    def group(self) -> str:
        """The fields it changes: a working change of them makes larger changes of them moot."""
        return "+".join(path for path, _ in self.changes)

    def apply(self, config: AthleteConfig) -> AthleteConfig:
        from planner.overrides import apply_overrides

        return apply_overrides(config, dict(self.changes))

    def __add__(self, other: "Repair") -> "Repair":
        return Repair(self.changes + other.changes, f"{self.text} and {other.text}", f"{self.kind}+{other.kind}")


def change(path: str, value: Any, text: str, kind: str = "") -> Repair:
    return Repair(((path, value),), text, kind or path)


def find_repairs(instance: Instance, rules: list[str], deadline: float) -> list[Repair]:
    """Up to MOST_SUGGESTIONS changes that each make the config of `instance` plan (from the
    same planning day, with the same previous plan), for the conflicting `rules`: single
    changes, and where none works, two together."""
    config = instance.config
    singles = list(candidates(config, rules))
    found = _working(instance, singles, deadline)
    if not found:
        firsts = {}
        for repair in singles:
            firsts.setdefault(repair.kind, []).append(repair)
        heads = [group[:PAIR_HEADS] for group in firsts.values()]
        pairs = [*_two_more_days(config),
                 *(a + b for i, one in enumerate(heads) for other in heads[i + 1:] for a in one for b in other)]
        found = _working(instance, pairs, deadline)
    return found


def _working(instance: Instance, repairs: list[Repair], deadline: float) -> list[Repair]:
    found: list[Repair] = []
    tried: set[str] = set()
    for repair in repairs:
        if len(found) >= MOST_SUGGESTIONS or time.perf_counter() >= deadline:
            break
        if repair.group in tried:
            continue  # the smallest working change of a field is enough
        try:
            changed = repair.apply(instance.config)
        except ConfigError:
            continue
        seconds = min(TRY_SECONDS, deadline - time.perf_counter())
        if seconds > 0 and plans(changed, seconds, instance):
            found.append(repair)
            tried.add(repair.group)
    return found


def plans(config: AthleteConfig, seconds: float, like: Instance | None = None) -> bool:
    """Whether `config` gets a plan (the solver alone: no explanations), from the planning day
    and with the previous plan of `like` when given."""
    from planner.planning import prepare
    from planner.solve import solve_schedule

    mid_plan = like is not None and like.first > 0  # a re-plan: from its day; a new plan: from its start
    try:
        instance = prepare(config, like.planning_day if mid_plan else None, like.previous if like else None,
                           log=_same_log(config, like))
    except ConfigError:
        return False
    return instance.pain.halted or solve_schedule(instance, time_limit=seconds).status in ("optimal", "feasible")


def _same_log(config: AthleteConfig, like: Instance | None):
    """`like`'s training log when `config` reads the same one (no repair changes where the log is
    or how it is read), so a repair tried does not read every activity file again; else None."""
    if like is None or like.past.log is None:
        return None
    how = (config.log, config.source, config.units, config.athlete.timezone)
    return like.past.log if how == (like.config.log, like.config.source, like.config.units,
                                    like.config.athlete.timezone) else None


def candidates(config: AthleteConfig, rules: list[str]) -> Iterator[Repair]:
    """Changes that may relieve `rules`, runner's inputs first, each field's smallest first."""
    named = set(rules)
    if "long_runs" in named:
        yield from _another_long_run_day(config)
    if named & {"availability", "strength", "long_runs", "min_rest_days", "easy_below_long", "long_run_max_share",
                "after_long", "max_consecutive_run_days", "min_run_minutes"}:
        yield from _more_minutes(config)
        yield from _another_day(config)
    if "strength" in named or "availability" in named:
        yield from _fewer(config, "strength.sessions_per_week", config.strength.sessions_per_week, "hip/core sessions a week")
    if named & {"quality", "availability", "after_long"}:
        yield from _fewer(config, "quality_sessions_per_week", config.quality_sessions_per_week, "quality sessions a week")
    if "blackout" in named:
        for date in config.availability.blackout:
            left = [d.isoformat() for d in config.availability.blackout if d != date]
            yield change("availability.blackout", left, f"remove the blackout date {date}")
    if named & {"taper", "race", "long_runs", "pain", "acwr_max"} and config.goal.race is not None:
        yield from _later_race(config)
    if named & {"pain", "acwr_max"}:
        for weeks in (1, 2):
            later = config.plan.start + dt.timedelta(days=7 * weeks)
            yield change("plan.start", later.isoformat(), f"start the plan {weeks} week(s) later, on {later}")
    if "min_run_minutes" in named or "availability" in named:
        least = config.rules.min_run_minutes
        for value in range(least - 5, 9, -5):
            yield change("rules.min_run_minutes", value, f"lower rules.min_run_minutes from {least} to {value}")
    if "acwr_max" in named:
        cap = config.rules.acwr_max
        yield change("rules.acwr_max", round(cap + 0.1, 2), f"raise rules.acwr_max from {cap:g} to {cap + 0.1:g}")


def _more_minutes(config: AthleteConfig) -> Iterator[Repair]:
    days = [day for day in WEEKDAYS if config.availability.minutes(day)]
    for step in MINUTE_STEPS:
        for day in sorted(days, key=config.availability.minutes):
            now = config.availability.minutes(day)
            if now + step <= 1440:
                yield change(f"availability.{day}", now + step, f"give {day} {now + step} minutes instead of {now}",
                             "more minutes")


def _another_day(config: AthleteConfig) -> Iterator[Repair]:
    """One more day, the ones farthest from the days the runner has first (room to rest between)."""
    count = 7 - len(_free_days(config))
    for minutes in NEW_DAY_MINUTES:
        for day in _free_days(config):
            yield change(f"availability.{day}", minutes, f"add {day} as a {_ordinal(count + 1)} day of {minutes} minutes",
                         "another day")


def _two_more_days(config: AthleteConfig) -> Iterator[Repair]:
    """Two more days, as far from each other and from the runner's days as they can be."""
    taken = [WEEKDAYS.index(day) for day in WEEKDAYS if config.availability.minutes(day)]
    count = len(taken)
    free = [day for day in WEEKDAYS if day in _free_days(config)]
    pairs = [(a, b) for i, a in enumerate(free) for b in free[i + 1:]]
    pairs.sort(key=lambda pair: -min(_gap(WEEKDAYS.index(x), y) for x in pair
                                     for y in taken + [WEEKDAYS.index(d) for d in pair if d != x]))
    for minutes in NEW_DAY_MINUTES[1:]:
        for first, second in pairs[:PAIR_HEADS]:
            yield Repair(((f"availability.{first}", minutes), (f"availability.{second}", minutes)),
                         f"add {first} and {second} as a {_ordinal(count + 1)} and {_ordinal(count + 2)} day of "
                         f"{minutes} minutes each", "two more days")


def _free_days(config: AthleteConfig) -> list[str]:
    taken = [WEEKDAYS.index(day) for day in WEEKDAYS if config.availability.minutes(day)]
    free = [day for day in WEEKDAYS if not config.availability.minutes(day)]
    return sorted(free, key=lambda day: -min((_gap(WEEKDAYS.index(day), other) for other in taken), default=7))


def _gap(a: int, b: int) -> int:
    """Days between two weekdays, around the week."""
    return min((a - b) % 7, (b - a) % 7)


def _another_long_run_day(config: AthleteConfig) -> Iterator[Repair]:
    long_days = config.availability.long_days()
    others = sorted((day for day in WEEKDAYS if day not in long_days and config.availability.minutes(day)),
                    key=lambda day: -config.availability.minutes(day))
    for day in others[:2]:
        yield change("availability.long_run_days", [*long_days, day], f"let {day} hold the long run too")


def _fewer(config: AthleteConfig, path: str, now: int, what: str) -> Iterator[Repair]:
    for value in range(now - 1, -1, -1):
        yield change(path, value, f"lower {path} from {now} to {value} ({what})")


def _later_race(config: AthleteConfig) -> Iterator[Repair]:
    race = config.goal.race
    for weeks in (1, 2, 4):
        later = race.date + dt.timedelta(days=7 * weeks)
        if config.plan.weeks is None and (later - config.plan.start).days // 7 + 1 <= 52:
            yield change("goal.race.date", later.isoformat(), f"move the race {weeks} week(s) later, to {later}")


def _ordinal(number: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh"}[number]
