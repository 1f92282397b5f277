"""The instance: everything the model needs, derived once from a validated config.

Distances are integers in tenths of the athlete's unit, durations in whole minutes, paces in
whole seconds per unit. Nothing here knows about CP-SAT.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property

from planner.config import WEEKDAYS, AthleteConfig
from planner.pain import PainAssessment, assess_pain

RPE = {"easy": 3, "long": 4, "quality": 6, "race": 8}
STRENGTH_RPE = 3


def tenths(value: float) -> int:
    """A distance in whole tenths of the unit (0.1 km or 0.1 mi), rounded to the nearest."""
    return int(round(value * 10 + 1e-9))


def scaled_down(factor: float, scale: int) -> int:
    """A rule's factor as an integer numerator over `scale`, rounded down so that the model's
    cap is never looser than the exact one (e.g. 1.1006 -> 1100/1000, not 1101/1000)."""
    return int(math.floor(factor * scale + 1e-9))


def tenths_down(value: float) -> int:
    """A cap in whole tenths, rounded down so that the plan never exceeds the exact cap."""
    return int(math.floor(value * 10 + 1e-9))


@dataclass(frozen=True)
class Day:
    index: int  # 0-based from plan.start
    date: dt.date
    weekday: str
    week: int  # 1-based plan week
    minutes: int  # minutes free on that weekday (blackout dates are a separate rule)
    blackout: bool
    long_allowed: bool  # a configured long-run weekday
    is_race: bool
    after_race: bool


@dataclass
class Instance:
    config: AthleteConfig
    days: list[Day] = field(init=False)

    def __post_init__(self) -> None:
        self.days = [self._day(i) for i in range(7 * self.weeks)]

    # ---- plan shape ----------------------------------------------------------------
    @property
    def weeks(self) -> int:
        return self.config.weeks

    def week_days(self, week: int) -> list[Day]:
        return self.days[7 * (week - 1) : 7 * week]

    @property
    def race_day(self) -> Day | None:
        return next((day for day in self.days if day.is_race), None)

    @property
    def race_week(self) -> int | None:
        return self.race_day.week if self.race_day else None

    def is_taper_week(self, week: int) -> bool:
        return self.race_week is not None and week >= self.race_week - 1

    def is_cutback_week(self, week: int) -> bool:
        every = self.config.rules.cutback_every
        return every > 0 and week % every == 0 and not self.is_taper_week(week)

    def _day(self, index: int) -> Day:
        config = self.config
        date = config.plan.start + dt.timedelta(days=index)
        weekday = WEEKDAYS[date.weekday()]
        blackout = date in config.availability.blackout
        race = config.goal.race
        return Day(
            index=index,
            date=date,
            weekday=weekday,
            week=index // 7 + 1,
            minutes=config.availability.minutes(weekday),
            blackout=blackout,
            long_allowed=weekday in config.availability.long_days(),
            is_race=race is not None and date == race.date,
            after_race=race is not None and date > race.date,
        )

    # ---- athlete numbers -------------------------------------------------------------
    @property
    def pace(self) -> int:
        """Easy pace, seconds per unit."""
        return self.config.pace_seconds

    def minutes_for(self, distance_tenths: int, factor: float = 1.0) -> int:
        """Expected minutes for a run (factor 1 at easy pace), rounded to the nearest minute."""
        return int(math.floor(distance_tenths * self.pace * factor / 600 + 0.5))

    @property
    def start_floor(self) -> int:
        return tenths_down(self.config.start_floor)

    @property
    def target(self) -> int:
        return tenths_down(self.config.goal.target_weekly_distance)

    @property
    def longest_recent_run(self) -> int:
        return tenths_down(self.config.history.longest_recent_run)

    @property
    def long_run_floor(self) -> int:
        """long_run_max_share x start_floor: no long-run or spike cap falls below this."""
        return int(self.config.rules.long_run_max_share * self.start_floor)

    def history_week(self, week: int) -> int:
        """Distance (tenths) of plan week `week` <= 0 from history: 0 is the last history week."""
        return tenths_down(self._history_value(week))

    def _history_value(self, week: int) -> float:
        values = self.config.history.weekly_distance
        return values[max(len(values) - 1 + week, 0)]

    @cached_property
    def history_peak(self) -> int:
        return max(tenths_down(v) for v in self.config.history.weekly_distance)

    # ---- race ---------------------------------------------------------------------------
    @property
    def race_distance(self) -> int:
        race = self.config.goal.race
        return tenths(race.distance) if race else 0

    @property
    def race_minutes(self) -> int:
        return math.ceil(self.race_distance * self.pace / 600 - 1e-9) if self.race_day else 0

    # ---- fatigue ---------------------------------------------------------------------------
    def history_day_load(self, offset: int) -> float:
        """Load of the day `offset` days before plan.start (offset >= 1): weekly load spread evenly."""
        week = -((offset - 1) // 7)
        return self._history_value(week) * (self.pace / 60) * 3.5 / 7

    @cached_property
    def chronic_floor(self) -> float:
        """Weekly load floor of the chronic average: start_floor at easy pace plus strength."""
        strength = self.config.strength
        return self.config.start_floor * (self.pace / 60) * 3.5 + strength.sessions_per_week * strength.minutes * STRENGTH_RPE

    # ---- strength & pain ----------------------------------------------------------------
    @cached_property
    def pain(self) -> PainAssessment:
        return assess_pain(self.config)

    def strength_sessions(self, week: int) -> int:
        """Hip/core sessions required in `week` (pain may raise weeks 1-2)."""
        return self.pain.strength_sessions(week, self.config.strength.sessions_per_week)

    @property
    def max_run_tenths(self) -> int:
        """A physical bound on any single run: the longest available day at easy pace."""
        most = max(self.config.availability.minutes(day) for day in WEEKDAYS)
        return max(1, most * 600 // self.pace + 1)
