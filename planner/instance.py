"""The instance: everything the model needs, derived once from a validated config.

Distances are integers in tenths of the athlete's unit, durations in whole minutes, paces in
whole seconds per unit. Nothing here knows about CP-SAT.

Days are numbered from `plan.start` (day 0); days before it have negative numbers and come
from the history. The planning day (`first`) is the first day the planner decides: day 0 for a
new plan, later for a re-plan, whose earlier days are the past (what the log says was done).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property

from typing import TYPE_CHECKING

from planner.config import WEEKDAYS, AthleteConfig
from planner.pain import PainAssessment, assess_pain

if TYPE_CHECKING:
    from planner.history import Past

RPE = {"easy": 3, "long": 4, "quality": 6, "race": 8}
STRENGTH_RPE = 3
HISTORY_LOAD_PER_MINUTE = 3.5  # docs/rules.md: a history week's load is distance x pace x 3.5
LOAD_RATIO_DAYS = 28  # the longest look back of any rule over days (the chronic load)
LAPSE_DAYS = 3  # days in a row without a run that make the next runs a return (docs/replanning.md)


def load_ratio(loads: list[float], floor: float) -> float:
    """The acute:chronic workload ratio on the last of `loads` (the 28 days up to it, oldest
    first): the last 7 days' load over the 28 days' weekly average, the average at least `floor`
    (the report's arithmetic; the model's is constraints/acwr.py, the validator's its own)."""
    chronic = max(sum(loads[-LOAD_RATIO_DAYS:]) / 4, floor)
    return sum(loads[-7:]) / chronic if chronic > 0 else 0.0


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
    """A plan day as the calendar and the config make it (no decisions)."""

    index: int  # 0-based from plan.start
    date: dt.date
    weekday: str
    week: int  # 1-based plan week
    minutes: int  # minutes free on that weekday (blackout dates are a separate rule)
    blackout: bool
    long_allowed: bool  # a configured long-run weekday
    is_race: bool
    after_race: bool


@dataclass(frozen=True)
class FixedDay:
    """A day whose values are known: history, a day run already, or one planned earlier.

    Its fields mirror planner.model.DayVars, as plain numbers, so a rule reads a fixed day and a
    free one the same way. `distance` of a history day without a log is its week's distance / 7
    (a share, not a run); `ran` says whether the day is known to hold a run (history without a
    log does not say, docs/rules.md). `load` may be fractional (a logged session's minutes)."""

    kind: str = "rest"  # rest | easy | long | quality | race
    distance: float = 0  # tenths of training running
    minutes: int = 0
    strength: int = 0
    load: float = 0.0
    cross: bool = False  # logged cross-training (the day is then not a full rest day)
    ran: bool = False
    strength_minutes: float = 0  # logged hip/core minutes (a planned session takes strength.minutes)
    notes: tuple[str, ...] = ()  # what the log says of the day's sessions

    @property
    def run(self) -> int:
        return int(self.kind in ("easy", "long", "quality"))

    @property
    def running(self) -> int:
        """1 when the day is known to hold a run (the race included)."""
        return int(self.ran or self.kind != "rest")

    @property
    def easy(self) -> int:
        return int(self.kind == "easy")

    @property
    def long(self) -> int:
        return int(self.kind == "long")

    @property
    def quality(self) -> int:
        return int(self.kind == "quality")

    @property
    def rest(self) -> int:
        return int(self.kind == "rest" and not self.strength and not self.cross)

    def _of(self, kind: str) -> float:
        return self.distance if self.kind == kind else 0

    @property
    def easy_distance(self):
        return self._of("easy")

    @property
    def long_distance(self):
        return self._of("long")

    @property
    def quality_distance(self):
        return self._of("quality")

    @property
    def easy_minutes(self) -> int:
        return self.minutes if self.kind == "easy" else 0

    @property
    def long_minutes(self) -> int:
        return self.minutes if self.kind == "long" else 0

    @property
    def quality_minutes(self) -> int:
        return self.minutes if self.kind == "quality" else 0


@dataclass
class Instance:
    """A config made ready for the model: the calendar, the athlete's numbers, history, pain.

    `planning_day`: the first day to plan (default plan.start). `past`: the history and the
    days already run (planner.history.Past; default: the config's history section)."""

    config: AthleteConfig
    planning_day: dt.date | None = None
    past: "Past | None" = None
    previous: dict[int, FixedDay] | None = None  # a re-plan's previous plan, day index -> its day
    days: list[Day] = field(init=False)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # rules' derived values
    # weeks whose planned days cannot hold the hip/core sessions still owed (found by trying:
    # planner.solve.owed); absent weeks owe exactly what is left
    owed_strength_fits: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.days = [self._day(i) for i in range(7 * self.weeks)]
        if self.past is None:
            from planner.history import past_of

            self.past = past_of(self.config, self.planning_day)

    # ---- plan shape ----------------------------------------------------------------------------
    @property
    def weeks(self) -> int:
        return self.config.weeks

    @property
    def days_total(self) -> int:
        return 7 * self.weeks

    @cached_property
    def first(self) -> int:
        """Index of the planning day (0 for a new plan)."""
        if self.planning_day is None:
            return 0
        return (self.planning_day - self.config.plan.start).days

    @property
    def has_log(self) -> bool:
        return self.config.log is not None

    @property
    def start_date(self) -> dt.date:
        return self.config.plan.start + dt.timedelta(days=self.first)

    @property
    def first_week(self) -> int:
        """The plan week that holds the planning day."""
        return self.first // 7 + 1

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
        race = config.goal.race
        return Day(
            index=index,
            date=date,
            weekday=weekday,
            week=index // 7 + 1,
            minutes=config.availability.minutes(weekday),
            blackout=date in config.availability.blackout,
            long_allowed=weekday in config.availability.long_days(),
            is_race=race is not None and date == race.date,
            after_race=race is not None and date > race.date,
        )

    # ---- athlete numbers -----------------------------------------------------------------------
    @cached_property
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
    def long_run_floor(self) -> int:
        """long_run_max_share x start_floor: no long-run or spike cap falls below this."""
        return int(self.config.rules.long_run_max_share * self.start_floor)

    @cached_property
    def min_run_tenths(self) -> int:
        """The shortest distance a run of min_run_minutes at easy pace covers, rounded up."""
        return math.ceil(self.config.rules.min_run_minutes * 600 / self.pace - 1e-9)

    def below_three_min_runs(self, cap_tenths: int) -> bool:
        """A weekly cap under 3 x the distance of a min_run_minutes run at easy pace (exact)."""
        return cap_tenths * self.pace < 3 * self.config.rules.min_run_minutes * 600

    @cached_property
    def max_run_tenths(self) -> int:
        """A physical bound on any single run: the longest available day at easy pace."""
        most = max(self.config.availability.minutes(day) for day in WEEKDAYS)
        return max(1, most * 600 // self.pace + 1)

    # ---- history (the days before plan.start) ----------------------------------------------------
    def history_week(self, week: int) -> int:
        """Distance (tenths) of plan week `week` <= 0 from history: 0 is the last history week."""
        return tenths_down(self._history_value(week))

    def _history_value(self, week: int) -> float:
        values = self.past.weekly_distance
        return values[max(len(values) - 1 + week, 0)]

    def done_distance(self, week: int) -> int:
        """A week's distance as run (tenths): history for week <= 0, else its past days."""
        if week <= 0:
            return self.history_week(week)
        return sum(int(self.rule_day(i).distance) for i in range(7 * (week - 1), min(7 * week, self.first)))

    @cached_property
    def history_peak(self) -> int:
        return max(tenths_down(v) for v in self.past.weekly_distance)

    @cached_property
    def longest_recent_run(self) -> int:
        return tenths_down(self.past.longest_recent_run)

    def history_day_load(self, offset: int) -> float:
        """Load of the day `offset` days before plan.start (offset >= 1) from a history section:
        its week's load spread evenly."""
        week = -((offset - 1) // 7)
        return self._history_value(week) * (self.pace / 60) * HISTORY_LOAD_PER_MINUTE / 7

    def fixed_day(self, index: int) -> FixedDay:
        """A day before the planning day: history before plan.start (as logged, or a history
        week's even share), else what was run (rest if the log holds nothing that day)."""
        past = self.past
        if index >= 0:
            return past.since_start.get(index, FixedDay())
        if past.source == "log":
            return past.before_start.get(index, FixedDay(load=past.spread_load if index < min(past.before_start, default=0) else 0.0))
        week = -((-index - 1) // 7)
        return FixedDay(distance=self._history_value(week) * 10 / 7, load=self.history_day_load(-index))

    def held_by_the_past(self, week: int) -> bool:
        """A plan week some of whose days the past decides: days already done, or days that must
        rest because the load already done puts them over the load-ratio cap (docs/replanning.md)."""
        import constraints

        resting = constraints.acwr.resting_days(self)
        return any(i < self.first or i in resting for i in range(7 * (week - 1), 7 * week))

    def rule_day(self, index: int) -> FixedDay:
        """A known day as the rules count it: the race day's own distance and load left out,
        even when the log holds them (docs/rules.md, taper)."""
        day = self.fixed_day(index)
        if 0 <= index < self.days_total and self.days[index].is_race:
            return FixedDay(kind="race", minutes=day.minutes, strength=day.strength, cross=day.cross, ran=day.ran,
                            strength_minutes=day.strength_minutes, notes=day.notes)
        return day

    def rule_load(self, index: int) -> float:
        """A known day's load as the load-ratio rule counts it (the race's own left out)."""
        return self.rule_day(index).load

    # ---- race ----------------------------------------------------------------------------------
    @property
    def race_distance(self) -> int:
        race = self.config.goal.race
        return tenths(race.distance) if race else 0

    @property
    def race_minutes(self) -> int:
        return math.ceil(self.race_distance * self.pace / 600 - 1e-9) if self.race_day else 0

    # ---- fatigue -------------------------------------------------------------------------------
    @cached_property
    def chronic_floor(self) -> float:
        """Weekly load floor of the chronic average: start_floor at easy pace plus strength."""
        strength = self.config.strength
        return (self.config.start_floor * (self.pace / 60) * HISTORY_LOAD_PER_MINUTE
                + strength.sessions_per_week * strength.minutes * STRENGTH_RPE)

    # ---- strength & pain -----------------------------------------------------------------------
    @cached_property
    def pain(self) -> PainAssessment:
        return assess_pain(self.config, self.start_date)

    @cached_property
    def pain_weeks(self) -> frozenset[int]:
        """The plan week holding the planning day and the one after, when pain changes them."""
        if self.pain.level not in ("mild", "persistent"):
            return frozenset()
        return frozenset(w for w in (self.first_week, self.first_week + 1) if w <= self.weeks)

    def in_pain_weeks(self, index: int) -> bool:
        return self.days[index].week in self.pain_weeks

    @cached_property
    def longest_run_before(self) -> int:
        """The longest run of the 28 days before the planning day (tenths): longest_recent_run
        stands for the days before plan.start."""
        longest = self.longest_recent_run if self.first < LOAD_RATIO_DAYS else 0
        for index in range(max(0, self.first - LOAD_RATIO_DAYS), self.first):
            longest = max(longest, int(self.rule_day(index).distance))
        return longest

    @cached_property
    def pain_cap(self) -> int | None:
        """The cap on every run of the pain weeks (tenths), or None without one (docs/rules.md, Pain)."""
        level, onset = self.pain.level, self.pain.onset_distance
        if level == "persistent":
            return tenths_down(0.8 * onset) if onset is not None else math.floor(0.8 * self.longest_run_before + 1e-9)
        if level == "mild":
            cap = tenths_down(0.9 * onset) if onset is not None else self.longest_run_before
            return max(cap, self.min_run_tenths)
        return None

    def built_back(self, tenths_run: float) -> float:
        """A run before the planning day as run_spike and long_run_step count it: no longer than
        the pain cap, so the longest runs build back from it (docs/rules.md, Pain)."""
        cap = self.pain_cap
        return tenths_run if cap is None else min(tenths_run, cap)

    def pain_leaves_no_room(self) -> bool:
        """The pain cap is shorter than a run of min_run_minutes at easy pace."""
        cap = self.pain_cap
        return cap is not None and cap * self.pace < self.config.rules.min_run_minutes * 600

    @cached_property
    def coming_back(self) -> int | None:
        """After 3 or more days in a row without a run right before the planning day (with a
        previous plan: days on at least one of which it planned a run), the distance (tenths)
        the first two planned runs may not exceed: the last logged run before the gap
        (docs/replanning.md). None without such a gap, or without a log to tell."""
        if not self.has_log:
            return None
        known = (lambda i: i >= 0 or self.past.source == "log")
        gap = []
        index = self.first - 1
        while known(index) and index >= self.first - 366 and not self.fixed_day(index).running:
            gap.append(index)
            index -= 1
        if len(gap) < LAPSE_DAYS:
            return None
        if self.previous is not None and not any(self.previous.get(i, FixedDay()).run for i in gap if i >= 0):
            return None  # only rest the previous plan scheduled: no lapse
        last = self.fixed_day(index) if known(index) else None
        return int(last.distance) if last is not None and last.running else self.min_run_tenths

    def strength_sessions(self, week: int) -> int:
        """Hip/core sessions required in `week` (pain raises the pain weeks)."""
        configured = self.config.strength.sessions_per_week
        if week not in self.pain_weeks:
            return configured
        if self.pain.level == "mild":
            return min(configured + 1, 4)
        return max(3, configured)
