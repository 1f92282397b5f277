"""Independent plan validator: checks a finished plan against every rule of docs/plan.md and docs/rules.md.

It reads only the athlete config and the plan's JSON dict and shares no code with the CP-SAT
model: every week, load, ACWR, cap and pain level below is worked out here from scratch, so a
bug in the model cannot hide behind the same bug in its checker.

    violations = validate(config, plan)   # [] means the plan obeys the contract
    assert_valid(config, plan)            # AssertionError listing every violation

Conventions (agreed with the model's author):

* Week w (1-based) is days 7(w-1) .. 7w-1 counted from ``plan.start``.
* "Race excepted": the race day's distance and load are left out of every rule except the
  ``weeks[]`` aggregates ``distance`` and ``load``. A week's distance ``d[w]`` for the weekly
  rules is therefore the sum of its non-race runs; ``d[0], d[-1], ...`` come from history.
* A field that disagrees with what the plan's own days say (``full_rest``, ``load``, the
  ``weeks[]`` aggregates and flags) is reported as rule ``structure``; a plan that breaks a
  training rule is reported under that rule's rule name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator

from planner.config import WEEKDAYS, AthleteConfig

TOL = 1e-6  # distances are multiples of 0.1: anything closer than this is equal
ACWR_TOL = 1e-9
RPE = {"easy": 3, "long": 4, "quality": 6, "race": 8}
STRENGTH_RPE = 3
RUN_KINDS = ("rest", "easy", "long", "quality", "race")
STATUSES = ("optimal", "feasible", "halted", "infeasible")
EXPLANATION_RULES = frozenset({
    "availability", "pace", "min_run_minutes", "target", "max_weekly_increase", "start_floor",
    "cutback_every", "cutback_reduction", "long_runs", "long_run_max_share", "long_run_step",
    "run_spike", "long_run_max_minutes", "easy_below_long", "min_rest_days",
    "max_consecutive_run_days", "after_long", "strength", "quality", "acwr_max", "taper",
    "blackout", "pain", "race",
})
DAY_FIELDS = ("date", "weekday", "week", "run_kind", "distance", "run_minutes", "strength",
              "strength_minutes", "strength_exercises", "full_rest", "load", "warmup", "cooldown", "notes")
WEEK_FIELDS = ("week", "start", "distance", "long_run", "runs", "strength_sessions", "full_rest_days",
               "load", "max_acwr", "cutback", "taper")
FOAM_ROLLING = re.compile(r"foam[\s_-]*roll", re.IGNORECASE)
SEE_A_PROFESSIONAL = re.compile(r"physical therapist|physiotherapist|physio|doctor|physician", re.IGNORECASE)


@dataclass(frozen=True)
class Violation:
    rule: str      # a rule name (docs/rules.md), or "structure" for format/aggregate errors
    where: str     # a date "2026-12-01", "week 3" or "plan"
    message: str   # what was found and what is allowed, with the numbers

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


# ---- pain level (docs/rules.md, Pain) --------------------------------------------------------------

def planning_day(config: AthleteConfig, plan: dict | None = None) -> dt.date:
    """The first planned day: the plan's planned_from, else plan.start."""
    raw = (plan or {}).get("planned_from")
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return config.plan.start


def considered_checkins(config: AthleteConfig, day: dt.date) -> list:
    """Check-ins from the planning day - 14 through it, without those on or before cleared_on."""
    cleared = config.pain.cleared_on
    first = day - dt.timedelta(days=14)
    return [c for c in config.pain.checkins
            if first <= c.date <= day and (cleared is None or c.date > cleared)]


def pain_level(config: AthleteConfig, day: dt.date | None = None) -> str:
    """The first matching level of docs/rules.md, Pain on the planning day `day` (default plan.start)."""
    day = day or config.plan.start
    cleared = config.pain.cleared_on
    checkins = considered_checkins(config, day)
    sharp_dates = {c.date for c in checkins if c.character == "sharp"}
    for c in checkins:
        if c.character in ("radiating", "numbness") or c.severity >= 7:
            return "red_flag"
        if c.character == "sharp" and (not c.resolved_after_rest or len(sharp_dates) >= 2):
            return "red_flag"
    last_week = day - dt.timedelta(days=7)
    dates_by_location: dict[str, set[dt.date]] = {}
    for c in checkins:
        if c.date >= last_week and c.severity >= 1:
            dates_by_location.setdefault(c.location, set()).add(c.date)
    if any(len(dates) >= 3 for dates in dates_by_location.values()):
        return "persistent"
    if any(not c.resolved_after_rest for c in checkins):
        return "persistent"
    if cleared is not None and day - dt.timedelta(days=14) <= cleared <= day:
        return "persistent"
    if any(c.severity >= 1 for c in checkins):
        return "mild"
    return "none"


# ---- the days before the plan (docs/rules.md and docs/log.md), worked out here ------------------------

LOG_RPE = {"easy": 3, "long": 4, "quality": 6, "race": 8, "run": 3.5}


@dataclass
class BeforePlan:
    """What docs/rules.md says of the days before plan.start: the history weeks, the longest recent run,
    and each day's load (and, where a log gives them, which days held a run)."""

    weeks: list[float]  # oldest first
    longest_recent_run: float
    day_loads: dict[int, float]  # index < 0 -> load, where known day by day (a log)
    before_first: float  # a day's load before the log's first entry
    ran: set[int]  # indices < 0 known to hold a run
    from_log: bool
    day_distances: dict[int, float] = field(default_factory=dict)  # index < 0 -> logged running distance

    def day_distance(self, index: int) -> float:
        """A day before plan.start: as logged, or its history week's distance / 7."""
        if self.from_log:
            return self.day_distances.get(index, 0.0)
        return self.week(-((-index - 1) // 7)) / 7

    def week(self, week: int) -> float:
        back = -week
        return self.weeks[-1 - back] if back < len(self.weeks) else self.weeks[0]


def session_load(session) -> float:
    """docs/log.md: a logged session's load."""
    if session.kind == "strength":
        return 3 * session.minutes
    if session.kind == "cross":
        return 0.5 * session.minutes * (session.rpe or 4)
    return session.minutes * (session.rpe if session.rpe is not None else LOG_RPE[session.kind])


def before_plan(config: AthleteConfig, sessions: list) -> BeforePlan:
    """The history before plan.start: the config's history section, else the log's 7-day blocks
    ending the day before plan.start (at most 12) with its logged day loads."""
    start = config.plan.start
    if config.history is not None:
        return BeforePlan(list(config.history.weekly_distance), config.history.longest_recent_run, {}, 0.0, set(), False)
    earlier = [s for s in sessions if s.date < start]
    if not earlier:
        return BeforePlan([0.0], 0.0, {}, 0.0, set(), True)
    first = min(s.date for s in earlier)
    span = (start - first).days
    count = min(12, (span + 6) // 7)
    weeks = []
    for block in range(count, 0, -1):
        low, high = start - dt.timedelta(days=7 * block), start - dt.timedelta(days=7 * block - 7)
        weeks.append(sum(s.distance or 0 for s in earlier if s.kind in LOG_RPE and low <= s.date < high))
    recent = [s.distance or 0 for s in earlier if s.kind in LOG_RPE and (start - s.date).days <= 28]
    loads: dict[int, float] = {}
    for s in earlier:
        index = (s.date - start).days
        loads[index] = loads.get(index, 0.0) + session_load(s)
    oldest = max(1, span // 7)  # the oldest block the log covers whole (or its only one)
    before_first = sum(loads.get(i, 0.0) for i in range(-7 * oldest, -7 * oldest + 7)) / 7
    ran = {(s.date - start).days for s in earlier if s.kind in LOG_RPE}
    distances: dict[int, float] = {}
    for s in earlier:
        if s.kind in LOG_RPE:
            distances[(s.date - start).days] = distances.get((s.date - start).days, 0.0) + (s.distance or 0)
    return BeforePlan(weeks, max(recent, default=0.0), loads, before_first, ran, True, distances)


@dataclass(frozen=True)
class LoggedDay:
    """A past day as docs/replanning.md says the plan shows it: from the log's sessions that day."""

    kind: str
    distance: float
    strength: bool
    load: float
    cross: bool

    @property
    def full_rest(self) -> bool:
        return self.kind == "rest" and not self.strength and not self.cross


def logged_days(config: AthleteConfig, sessions: list, first: int) -> dict[int, LoggedDay]:
    """Days plan.start .. the planning day - 1 as logged (a day with nothing logged is rest)."""
    start = config.plan.start
    by_index: dict[int, list] = {i: [] for i in range(first)}
    for s in sessions:
        index = (s.date - start).days
        if 0 <= index < first:
            by_index[index].append(s)
    days = {}
    for index, found in by_index.items():
        runs = [s for s in found if s.kind in LOG_RPE]
        longest = max(runs, key=lambda s: s.distance or 0, default=None)
        kind = "rest" if longest is None else "easy" if longest.kind == "run" else longest.kind
        days[index] = LoggedDay(kind, sum(s.distance or 0 for s in runs), any(s.kind == "strength" for s in found),
                                sum(session_load(s) for s in found), any(s.kind == "cross" for s in found))
    return days


def read_sessions(config: AthleteConfig) -> list:
    """The training log's sessions (read by planner.log, the input's own reader)."""
    if config.log is None:
        return []
    from planner.log import read_log

    return list(read_log(config.log, config.source, units=config.units, timezone=config.athlete.timezone).sessions)


# ---- the plan, read once --------------------------------------------------------------------

@dataclass(frozen=True)
class Day:
    index: int            # 0 = plan.start
    date: dt.date
    week: int             # 1-based, from the position
    kind: str
    distance: float
    minutes: int
    strength: bool
    strength_minutes: int
    raw: dict

    @property
    def runs(self) -> bool:
        return self.kind != "rest"

    @property
    def is_race(self) -> bool:
        return self.kind == "race"

    @property
    def rule_distance(self) -> float:
        """Distance as the weekly rules see it: the race excepted."""
        return 0.0 if self.is_race else self.distance

    @property
    def full_rest(self) -> bool:
        """No run and no strength; a logged day also no cross-training (its own flag, which
        check_logged_days holds to the log)."""
        if self.raw.get("logged") is True:
            return bool(self.raw["full_rest"])
        return not self.runs and not self.strength

    @property
    def load(self) -> int:
        return self.minutes * RPE.get(self.kind, 0) + self.strength_minutes * STRENGTH_RPE

    @property
    def where(self) -> str:
        return self.date.isoformat()


@dataclass
class Context:
    config: AthleteConfig
    plan: dict
    days: list[Day]
    level: str
    halted: bool
    before: BeforePlan
    sessions: list = field(default_factory=list)
    previous: dict | None = None  # a re-plan's previous plan (its JSON dict)

    @cached_property
    def previous_days(self) -> dict[dt.date, dict]:
        """The previous plan's days by date (empty without one)."""
        days = self.previous.get("days", []) if isinstance(self.previous, dict) else []
        return {dt.date.fromisoformat(day["date"]): day for day in days if isinstance(day, dict) and "date" in day}

    @cached_property
    def logged(self) -> dict[int, LoggedDay]:
        return logged_days(self.config, self.sessions, self.first)

    # -- basic look-ups
    @property
    def weeks(self) -> int:
        return self.config.weeks

    @property
    def units(self) -> str:
        return self.config.units

    @property
    def pace(self) -> float:
        """Easy pace in minutes per unit."""
        return self.config.pace_seconds / 60

    @property
    def rules(self):
        return self.config.rules

    @property
    def race(self):
        return None if self.halted else self.config.goal.race

    def week_days(self, week: int) -> list[Day]:
        return self.days[7 * (week - 1): 7 * week]

    @property
    def planned(self) -> list[Day]:
        """The days from the planning day on: the rules hold on these (docs/replanning.md)."""
        return self.days[self.first:]

    @property
    def planned_weeks(self) -> range:
        """The weeks that hold a planned day (their weekly rules count past days too)."""
        return range(self.first // 7 + 1, self.weeks + 1)

    def past_distance(self, week: int) -> float:
        return sum(day.rule_distance for day in self.week_days(week) if day.index < self.first)

    def day_at(self, index: int) -> Day | None:
        return self.days[index] if 0 <= index < len(self.days) else None

    def history_week(self, week: int) -> float:
        """d[week] for week <= 0: the last history week is week 0; older weeks equal the oldest."""
        return self.before.week(week)

    def distance(self, week: int) -> float:
        """d[w]: the week's running distance with the race excepted; history for w <= 0."""
        if week <= 0:
            return self.history_week(week)
        return sum(day.rule_distance for day in self.week_days(week))

    def long_runs(self, week: int) -> list[Day]:
        return [day for day in self.week_days(week) if day.kind == "long"]

    def longest_run(self, week: int) -> float:
        """The week's longest run as run_spike measures from it, race excluded:
        longest_recent_run for weeks before the plan, runs before the planning day no longer
        than the pain cap."""
        if week <= 0:
            return self.built_back(self.before.longest_recent_run)
        return max((self.built_back(day.rule_distance) if day.index < self.first else day.rule_distance
                    for day in self.week_days(week)), default=0.0)

    @cached_property
    def race_day(self) -> Day | None:
        race = self.race
        if race is None:
            return None
        index = (race.date - self.config.plan.start).days
        return self.day_at(index)

    @cached_property
    def taper_weeks(self) -> set[int]:
        if self.race is None:
            return set()
        return {w for w in (self.weeks - 1, self.weeks) if w >= 1}

    @cached_property
    def cutback_weeks(self) -> set[int]:
        every = self.rules.cutback_every
        if self.halted or every <= 0:
            return set()
        return {w for w in range(1, self.weeks + 1) if w % every == 0 and w not in self.taper_weeks}

    @cached_property
    def first(self) -> int:
        """Index of the planning day (0 for a new plan)."""
        return (planning_day(self.config, self.plan) - self.config.plan.start).days

    def pain_weeks(self) -> range:
        """The plan week that holds the planning day and the one after (those the plan has)."""
        first_week = self.first // 7 + 1
        if self.level not in ("mild", "persistent"):
            return range(0)
        return range(first_week, min(first_week + 1, self.weeks) + 1)

    def strength_sessions(self, week: int) -> tuple[int, str]:
        """Hip/core sessions owed in `week` and why (pain raises weeks 1-2)."""
        spw = self.config.strength.sessions_per_week
        if self.halted:
            return 0, "the plan is halted"
        if week in self.pain_weeks():
            if self.level == "mild":
                return min(spw + 1, 4), "sessions_per_week + 1 (at most 4) for mild pain in the pain weeks"
            if self.level == "persistent":
                return max(3, spw), "max(3, sessions_per_week) for persistent pain in the pain weeks"
        return spw, "strength.sessions_per_week"

    @cached_property
    def onset_distances(self) -> list[float]:
        day = planning_day(self.config, self.plan)
        return [c.onset_distance for c in considered_checkins(self.config, day) if c.onset_distance is not None]

    @cached_property
    def longest_before_planning(self) -> float:
        """The longest run of the 28 days before the planning day (longest_recent_run stands for
        the days before plan.start)."""
        longest = self.before.longest_recent_run if self.first < 28 else 0.0
        for day in self.days[max(0, self.first - 28):self.first]:
            if day.runs and not day.is_race:
                longest = max(longest, day.distance)
        return longest

    @cached_property
    def pain_cap(self) -> tuple[float, str] | None:
        """The cap on every run of the pain weeks, with its reason; None without one."""
        onset = min(self.onset_distances) if self.onset_distances else None
        longest = self.longest_before_planning
        if self.level == "persistent":
            if onset is not None:
                return 0.8 * onset, f"0.8 x the smallest onset distance {fmt(onset)}"
            return 0.8 * longest, f"0.8 x the longest run of the 28 days before {fmt(longest)}"
        if self.level == "mild":
            cap, why = (0.9 * onset, f"0.9 x the smallest onset distance {fmt(onset)}") if onset is not None else \
                (longest, f"the longest run of the 28 days before, {fmt(longest)}")
            shortest = math.ceil(self.rules.min_run_minutes / self.pace * 10 - 1e-9) / 10
            if shortest > cap:
                return shortest, f"the distance of a {self.rules.min_run_minutes}-minute run, {fmt(shortest)}"
            return cap, why
        return None

    def built_back(self, distance: float) -> float:
        """A run before the planning day as run_spike and long_run_step measure from it: with
        pain, no longer than the pain cap."""
        return distance if self.pain_cap is None else min(distance, self.pain_cap[0])

    def seven_day_cap(self) -> float:
        """Persistent pain: 0.7 x the distance of the 7 days before the planning day (days
        before plan.start as logged, or their history week's distance / 7)."""
        total = 0.0
        for index in range(self.first - 7, self.first):
            total += self.days[index].rule_distance if index >= 0 else self.before.day_distance(index)
        return 0.7 * total

    # -- loads and ACWR
    def acwr_load(self, index: int) -> float:
        """A day's load for ACWR: plan days from their minutes (race day 0), earlier days from history."""
        if 0 <= index < self.first:
            race_day = self.race_day
            return 0.0 if race_day is not None and index == race_day.index else self.logged[index].load
        if index >= 0:
            day = self.days[index]
            return 0.0 if day.is_race else float(day.load)
        if self.before.from_log:
            earliest = min(self.before.day_loads, default=0)
            return self.before.day_loads.get(index, self.before.before_first if index < earliest else 0.0)
        week = -((-index - 1) // 7)  # days -1..-7 are week 0, -8..-14 week -1, ...
        return self.history_week(week) * self.pace * 3.5 / 7

    @cached_property
    def chronic_floor(self) -> float:
        strength = self.config.strength
        return (self.config.start_floor * self.pace * 3.5
                + strength.sessions_per_week * strength.minutes * STRENGTH_RPE)

    @cached_property
    def load_ratio_rest_days(self) -> set[int]:
        """Planned days that must rest because the load done before the planning day alone puts
        a day of their 7-day window over acwr_max (docs/replanning.md)."""
        resting = set()
        for index in range(self.first, len(self.days)):
            acute, chronic = self.past_only_acwr(index)
            if acute > self.rules.acwr_max * chronic + ACWR_TOL:
                resting.update(range(max(self.first, index - 6), index + 1))
        return resting

    def held_by_the_past(self, week: int) -> bool:
        """A week with days before the planning day, or days that must rest for the load ratio:
        its hip/core sessions are owed as far as they fit, and it owes no long run."""
        return any(day.index < self.first or day.index in self.load_ratio_rest_days for day in self.week_days(week))

    def past_only_acwr(self, index: int) -> tuple[float, float]:
        """(acute, chronic) of day `index` from the days before the planning day alone."""
        loads = [self.acwr_load(i) if i < self.first else 0.0 for i in range(index - 27, index + 1)]
        return sum(loads[-7:]), max(sum(loads) / 4, self.chronic_floor)

    @cached_property
    def acwr(self) -> list[tuple[float, float, float]]:
        """(acute, chronic, ratio) for every plan day."""
        loads = {i: self.acwr_load(i) for i in range(-27, len(self.days))}
        result = []
        for d in range(len(self.days)):
            acute = sum(loads[i] for i in range(d - 6, d + 1))
            chronic = max(sum(loads[i] for i in range(d - 27, d + 1)) / 4, self.chronic_floor)
            ratio = acute / chronic if chronic > 0 else 0.0  # chronic 0 means no load at all
            result.append((acute, chronic, ratio))
        return result


def fmt(value: float) -> str:
    """A distance or ratio in plain words: 12.0 -> '12', 12.34 -> '12.34'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


Check = Callable[[Context], Iterator[Violation]]


# ---- structure (docs/plan.md) -------------------------------------------------------------

def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole(value: Any) -> bool:
    return _is_number(value) and float(value).is_integer()


def _is_tenths(value: float) -> bool:
    return abs(value * 10 - round(value * 10)) <= TOL


def _nonempty_text_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(isinstance(v, str) and v.strip() for v in value)


def check_header(config: AthleteConfig, plan: dict) -> Iterator[Violation]:
    """Top-level fields: schema version, names, status, pain block, warnings, explanation."""
    def bad(message: str) -> Violation:
        return Violation("structure", "plan", message)

    if plan.get("schema_version") != 1:
        yield bad(f"schema_version is {plan.get('schema_version')!r}; it must be 1")
    if plan.get("status") not in STATUSES:
        yield bad(f"status is {plan.get('status')!r}; it must be one of {', '.join(STATUSES)}")
    if plan.get("athlete") != config.athlete.name:
        yield bad(f"athlete is {plan.get('athlete')!r}; the config names {config.athlete.name!r}")
    if plan.get("units") != config.units:
        yield bad(f"units is {plan.get('units')!r}; the config uses {config.units!r}")
    pain = plan.get("pain")
    if not (isinstance(pain, dict) and isinstance(pain.get("level"), str)
            and isinstance(pain.get("actions"), list) and isinstance(pain.get("message"), str)):
        yield bad("pain must be an object with level (text), actions (list) and message (text)")
    if not isinstance(plan.get("warnings"), list):
        yield bad("warnings must be a list")
    seconds = plan.get("solve_seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds >= 0:
        yield bad(f"solve_seconds is {seconds!r}; it must be a number of seconds, 0 or more")
    explanation = plan.get("explanation")
    if not (isinstance(explanation, dict) and isinstance(explanation.get("conflicts"), list)
            and isinstance(explanation.get("limits"), list)):
        yield bad("explanation must be an object with lists conflicts and limits")
        return
    for part in ("conflicts", "limits"):
        for n, item in enumerate(explanation[part]):
            if not (isinstance(item, dict) and item.get("rule") in EXPLANATION_RULES
                    and isinstance(item.get("message"), str) and item["message"].strip()):
                yield bad(f"explanation.{part}.{n} must be {{rule, message}} with a rule name (docs/rules.md); found {item!r}")


def read_days(config: AthleteConfig, plan: dict) -> tuple[list[Day], list[Violation]]:
    """Parse plan['days']; any violation here is fatal (the other rules cannot be checked)."""
    raw_days = plan.get("days")
    if not isinstance(raw_days, list):
        return [], [Violation("structure", "plan", "days must be a list of day objects")]
    expected = 7 * config.weeks
    if len(raw_days) != expected:
        return [], [Violation("structure", "plan", f"days holds {len(raw_days)} days; a {config.weeks}-week plan "
                              f"from {config.plan.start} to {config.end} has {expected}")]
    days, problems = [], []
    for index, raw in enumerate(raw_days):
        date = config.plan.start + dt.timedelta(days=index)
        where = date.isoformat()

        def bad(message: str) -> None:
            problems.append(Violation("structure", where, message))

        if not isinstance(raw, dict):
            bad(f"day {index} is not an object")
            continue
        missing = [name for name in DAY_FIELDS if name not in raw]
        if missing:
            bad(f"day {index} lacks {', '.join(missing)}")
            continue
        if raw["date"] != where:
            bad(f"day {index} is dated {raw['date']!r}; days must run in order from {config.plan.start}, so it must be {where}")
        if raw["weekday"] != WEEKDAYS[date.weekday()]:
            bad(f"weekday is {raw['weekday']!r}; {where} is a {WEEKDAYS[date.weekday()]}")
        if raw["week"] != index // 7 + 1:
            bad(f"week is {raw['week']!r}; day {index} of the plan is in week {index // 7 + 1}")
        kind = raw["run_kind"]
        if kind not in RUN_KINDS:
            bad(f"run_kind is {kind!r}; it must be one of {', '.join(RUN_KINDS)}")
            continue
        if not _is_number(raw["distance"]) or not _is_whole(raw["run_minutes"]) or not _is_whole(raw["strength_minutes"]):
            bad("distance, run_minutes and strength_minutes must be numbers (minutes whole)")
            continue
        if not isinstance(raw["strength"], bool) or not isinstance(raw["full_rest"], bool) or not _is_number(raw["load"]):
            bad("strength and full_rest must be true/false and load a number")
            continue
        distance, minutes = float(raw["distance"]), int(raw["run_minutes"])
        if not _is_tenths(distance):
            bad(f"distance {distance} is not a multiple of 0.1 {config.units}")
        if kind == "rest" and (distance != 0 or minutes != 0):
            bad(f"a rest day has distance {fmt(distance)} and run_minutes {minutes}; both must be 0")
        if kind != "rest" and distance <= 0:
            bad(f"a {kind} run has distance {fmt(distance)}; a run's distance must be > 0")
        if minutes < 0 or raw["strength_minutes"] < 0:
            bad("run_minutes and strength_minutes must be >= 0")
        for name in ("strength_exercises", "warmup", "cooldown", "notes"):
            if not isinstance(raw[name], list):
                bad(f"{name} must be a list")
        days.append(Day(index, date, index // 7 + 1, kind, distance, minutes,
                        raw["strength"], int(raw["strength_minutes"]), raw))
    return days, problems


def check_logged_days(ctx: Context) -> Iterator[Violation]:
    """Past days (before planned_from) hold what the log says was done (docs/replanning.md): the
    kind of the day's longest run, its summed distance, hip/core if any, its load."""
    for day in ctx.days[:ctx.first]:
        logged = ctx.logged[day.index]
        if day.raw.get("logged") is not True:
            yield Violation("structure", day.where, "a day before planned_from must be marked logged: true")
        if day.kind != logged.kind or day.strength != logged.strength or abs(day.distance - logged.distance) > 0.05:
            yield Violation("structure", day.where, f"the plan shows {day.kind} {fmt(day.distance)}{' +S' if day.strength else ''}; "
                            f"the log has {logged.kind} {fmt(logged.distance)}{' +S' if logged.strength else ''}")
        if _is_number(day.raw["load"]) and abs(day.raw["load"] - logged.load) > 0.5:
            yield Violation("structure", day.where, f"load is {day.raw['load']}; the logged sessions give {fmt(logged.load)}")
        if day.raw["full_rest"] != logged.full_rest:
            yield Violation("structure", day.where, f"full_rest is {day.raw['full_rest']}; the log makes it {logged.full_rest}")


def check_day_fields(ctx: Context) -> Iterator[Violation]:
    """Per-day fields that follow from the day itself: full_rest, load, warm-up and cool-down."""
    for day in ctx.planned:
        if day.raw["full_rest"] != day.full_rest:
            yield Violation("structure", day.where, f"full_rest is {day.raw['full_rest']} but the day has "
                            f"{'a run' if day.runs else 'no run'} and {'strength' if day.strength else 'no strength'}; "
                            f"full_rest must be {day.full_rest}")
        if abs(day.raw["load"] - day.load) > 1:
            yield Violation("structure", day.where, f"load is {day.raw['load']}; {day.minutes} run minutes x RPE "
                            f"{RPE.get(day.kind, 0)} + {day.strength_minutes} strength minutes x 3 = {day.load}")
        if day.runs:
            for name in ("warmup", "cooldown"):
                if not _nonempty_text_list(day.raw[name]):
                    yield Violation("structure", day.where, f"a run day needs a non-empty {name} list; found {day.raw[name]!r}")


def check_weeks(ctx: Context) -> Iterator[Violation]:
    """weeks[]: one entry per plan week whose aggregates and flags match its days."""
    weeks = ctx.plan.get("weeks")
    if not isinstance(weeks, list) or len(weeks) != ctx.weeks:
        count = len(weeks) if isinstance(weeks, list) else "no"
        yield Violation("structure", "plan", f"weeks holds {count} entries; the plan has {ctx.weeks} weeks")
        return
    for w, entry in enumerate(weeks, start=1):
        where = f"week {w}"
        if not isinstance(entry, dict) or any(name not in entry for name in WEEK_FIELDS):
            yield Violation("structure", where, f"a week entry needs the fields {', '.join(WEEK_FIELDS)}")
            continue
        days = ctx.week_days(w)
        longs = [day.distance for day in days if day.kind == "long"]
        day_loads = sum(day.raw["load"] for day in days)
        ratio = max(r for _, _, r in ctx.acwr[7 * (w - 1): 7 * w])
        expected = {
            "week": w,
            "start": days[0].where,
            "distance": sum(day.distance for day in days),
            "long_run": max(longs, default=0.0),
            "runs": sum(day.runs for day in days),
            "strength_sessions": sum(day.strength for day in days),
            "full_rest_days": sum(day.full_rest for day in days),
            "cutback": w in ctx.cutback_weeks,
            "taper": w in ctx.taper_weeks and not ctx.halted,
        }
        for name, value in expected.items():
            found = entry[name]
            if isinstance(value, float):
                same = _is_number(found) and abs(found - value) <= TOL
            else:
                same = found == value and type(found) is type(value)
            if not same:
                yield Violation("structure", where, f"{name} is {found!r}; the week's days give {fmt(value) if isinstance(value, float) else value!r}")
        if not (_is_number(entry["load"]) and (abs(entry["load"] - day_loads) <= 1
                                               or abs(entry["load"] - sum(d.load for d in days)) <= 1)):
            yield Violation("structure", where, f"load is {entry['load']!r}; the week's day loads sum to {fmt(day_loads)}")
        if not (_is_number(entry["max_acwr"]) and abs(entry["max_acwr"] - round(ratio, 2)) <= 0.011):
            yield Violation("structure", where, f"max_acwr is {entry['max_acwr']!r}; the week's highest daily "
                            f"acute/chronic load ratio is {ratio:.2f}")


# ---- section 3 rules ------------------------------------------------------------------------

def check_availability(ctx: Context) -> Iterator[Violation]:
    avail = ctx.config.availability
    for day in ctx.planned:
        free = avail.minutes(WEEKDAYS[day.date.weekday()])
        used = (0 if day.is_race else day.minutes) + day.strength_minutes
        if used > free:
            yield Violation("availability", day.where, f"{used} minutes of training (run {day.minutes if not day.is_race else 0} "
                            f"+ strength {day.strength_minutes}) on a {WEEKDAYS[day.date.weekday()]}, which has {free} minutes free")


def check_blackout(ctx: Context) -> Iterator[Violation]:
    blackout = set(ctx.config.availability.blackout)
    for day in ctx.planned:
        held = [f"a {day.kind} run"] * day.runs + ["a hip/core session"] * day.strength
        if day.date in blackout and held:
            yield Violation("blackout", day.where, f"a blackout date holds {' and '.join(held)}; nothing is allowed on it")


def check_pace(ctx: Context) -> Iterator[Violation]:
    for day in ctx.planned:
        if day.kind not in ("easy", "long", "quality"):
            continue
        base = day.distance * ctx.pace
        low, high = (0.8 * base - 1, base + 1) if day.kind == "quality" else (base - 1, 1.15 * base + 1)
        if not low - TOL <= day.minutes <= high + TOL:
            yield Violation("pace", day.where, f"a {fmt(day.distance)} {ctx.units} {day.kind} run in {day.minutes} minutes; "
                            f"at easy pace {ctx.config.athlete.easy_pace} it must take {low:.1f} to {high:.1f} minutes")


def check_min_run_minutes(ctx: Context) -> Iterator[Violation]:
    least = ctx.rules.min_run_minutes
    for day in ctx.planned:
        if day.runs and not day.is_race and day.minutes < least:
            yield Violation("min_run_minutes", day.where, f"a {day.kind} run of {day.minutes} minutes; runs last at least {least}")


def over_weekly_cap(ctx: Context, w: int, cap: float) -> str | None:
    """How week w breaks a cap on its distance, or None. Where its past days alone already hold
    more, the rule asks only that the planned days run no more (docs/replanning.md)."""
    past, total = ctx.past_distance(w), ctx.distance(w)
    if past > cap + TOL:
        planned = total - past
        return f"planned running of {fmt(planned)} {ctx.units} in a week whose past days already hold {fmt(past)}" \
            if planned > TOL else None
    return f"{fmt(total)} {ctx.units}" if total > cap + TOL else None


def check_target(ctx: Context) -> Iterator[Violation]:
    target = ctx.config.goal.target_weekly_distance
    for w in ctx.planned_weeks:
        over = over_weekly_cap(ctx, w, target)
        if over:
            yield Violation("target", f"week {w}", f"{over} (race excepted) past target_weekly_distance {fmt(target)}")


def check_max_weekly_increase(ctx: Context) -> Iterator[Violation]:
    inc, floor = ctx.rules.max_weekly_increase, ctx.config.start_floor
    for w in ctx.planned_weeks:
        before = max(ctx.distance(w - 1), ctx.distance(w - 2))
        cap = max((1 + inc) * before, floor)
        over = over_weekly_cap(ctx, w, cap)
        if over:
            yield Violation("max_weekly_increase", f"week {w}", f"{over}; allowed is max({1 + inc:g} x {fmt(before)} "
                            f"(the larger of the two weeks before), start_floor {fmt(floor)}) = {fmt(cap)}")


def check_cutback_reduction(ctx: Context) -> Iterator[Violation]:
    keep = 1 - ctx.rules.cutback_reduction
    for w in sorted(ctx.cutback_weeks & set(ctx.planned_weeks)):
        cap = keep * ctx.distance(w - 1)
        over = over_weekly_cap(ctx, w, cap)
        if over:
            yield Violation("cutback_reduction", f"week {w}", f"cutback week of {over}; allowed is "
                            f"{keep:g} x the previous week's {fmt(ctx.distance(w - 1))} = {fmt(cap)}")


def _week_caps(ctx: Context, w: int) -> dict[str, float]:
    """The distance caps the rules' long-run exemption names: target, ramp, cutback, taper and the
    persistent-pain 7-day cap (where those 7 days are the week)."""
    caps = {"target": ctx.config.goal.target_weekly_distance}
    before = max(ctx.distance(w - 1), ctx.distance(w - 2))
    caps["max_weekly_increase"] = max((1 + ctx.rules.max_weekly_increase) * before, ctx.config.start_floor)
    if w in ctx.cutback_weeks:
        caps["cutback_reduction"] = (1 - ctx.rules.cutback_reduction) * ctx.distance(w - 1)
    if ctx.race_day is not None and w >= ctx.weeks - 1:
        caps["taper"] = (0.5 if w == ctx.weeks else 0.75) * _taper_peak(ctx)[0]
    if ctx.level == "persistent" and ctx.first % 7 == 0 and w == ctx.first // 7 + 1:
        caps["pain"] = ctx.seven_day_cap()
    return caps


def _long_run_exempt(ctx: Context, w: int) -> str | None:
    """Why week w needs no long run, or None when it needs exactly one."""
    if ctx.halted:
        return "halted plan"
    if ctx.race is not None and w == ctx.weeks:
        return "race week"
    if ctx.race is not None and w == ctx.weeks - 1:
        return "the week before race week"
    long_days = set(ctx.config.availability.long_days())
    blackout = set(ctx.config.availability.blackout)
    if all(day.date in blackout for day in ctx.week_days(w) if WEEKDAYS[day.date.weekday()] in long_days):
        return "every long-run day is blacked out"
    if ctx.held_by_the_past(w):
        return "days of the week are already done or must rest for the load ratio"
    if ctx.first > 0 and w == ctx.first // 7 + 1:
        return "the week that holds the planning day of a re-plan"
    if w in ctx.pain_weeks() and ctx.pain_cap is not None and ctx.pain_cap[0] * ctx.pace < ctx.rules.min_run_minutes:
        return "the pain cap leaves no room for a run of min_run_minutes"
    three_runs = 3 * ctx.rules.min_run_minutes / ctx.pace
    caps = _week_caps(ctx, w)
    name = min(caps, key=caps.get)
    if caps[name] < three_runs - TOL:
        return f"its {name} cap {fmt(caps[name])} is under 3 runs of min_run_minutes ({fmt(three_runs)})"
    return None


def check_long_runs(ctx: Context) -> Iterator[Violation]:
    long_days = ctx.config.availability.long_days()
    for w in ctx.planned_weeks:
        longs = ctx.long_runs(w)
        for day in longs:
            weekday = WEEKDAYS[day.date.weekday()]
            if weekday not in long_days and day.index >= ctx.first:
                yield Violation("long_runs", day.where, f"a long run on a {weekday}; long runs go only on {', '.join(long_days)}")
        if len(longs) > 1:
            yield Violation("long_runs", f"week {w}", f"{len(longs)} long runs; at most one a week")
        if not longs and _long_run_exempt(ctx, w) is None:
            yield Violation("long_runs", f"week {w}", "no long run; every week needs one (except race week and the week "
                            "before it, a halted plan, blacked-out long-run days, a pain cap too small for a run, or "
                            "caps under three minimum runs)")


def check_long_run_max_share(ctx: Context) -> Iterator[Violation]:
    """A planned long run against its week's distance (a long run already run is the past's)."""
    share = ctx.rules.long_run_max_share
    for w in ctx.planned_weeks:
        for day in ctx.long_runs(w):
            if day.index < ctx.first:
                continue
            cap = share * ctx.distance(w)
            if day.distance > cap + TOL:
                yield Violation("long_run_max_share", day.where, f"long run {fmt(day.distance)} {ctx.units} in a "
                                f"{fmt(ctx.distance(w))} {ctx.units} week; allowed is {share:g} x the week = {fmt(cap)}")


def check_long_run_step(ctx: Context) -> Iterator[Violation]:
    """Long runs from the planning day on, against the longest so far (runs before the
    planning day counted no longer than the pain cap)."""
    longest = ctx.built_back(ctx.before.longest_recent_run)
    floor = ctx.rules.long_run_max_share * ctx.config.start_floor
    for day in ctx.days:
        if day.kind != "long":
            continue
        if day.index < ctx.first:
            longest = max(longest, ctx.built_back(day.distance))
            continue
        cap = max(longest + ctx.config.long_run_step, floor)
        if day.distance > cap + TOL:
            yield Violation("long_run_step", day.where, f"long run {fmt(day.distance)} {ctx.units}; allowed is "
                            f"max(longest so far {fmt(longest)} + step {fmt(ctx.config.long_run_step)}, {fmt(floor)}) = {fmt(cap)}")
        longest = max(longest, day.distance)


def check_run_spike(ctx: Context) -> Iterator[Violation]:
    spike = ctx.rules.run_spike
    floor = ctx.rules.long_run_max_share * ctx.config.start_floor
    for w in ctx.planned_weeks:
        recent = max(ctx.longest_run(v) for v in range(w - 4, w))
        cap = max((1 + spike) * recent, floor)
        for day in ctx.week_days(w):
            if day.index >= ctx.first and day.runs and not day.is_race and day.distance > cap + TOL:
                yield Violation("run_spike", day.where, f"a {fmt(day.distance)} {ctx.units} run; allowed is "
                                f"max({1 + spike:g} x {fmt(recent)} (longest run of the 4 weeks before), {fmt(floor)}) = {fmt(cap)}")


def check_long_run_max_minutes(ctx: Context) -> Iterator[Violation]:
    most = ctx.rules.long_run_max_minutes
    for day in ctx.planned:
        if day.kind == "long" and day.minutes > most:
            yield Violation("long_run_max_minutes", day.where, f"long run of {day.minutes} minutes; at most {most}")


def check_easy_below_long(ctx: Context) -> Iterator[Violation]:
    for w in ctx.planned_weeks:
        longs = ctx.long_runs(w)
        if not longs:
            continue
        long_run = max(day.distance for day in longs)
        planned_long = any(day.index >= ctx.first for day in longs)
        for day in ctx.week_days(w):
            checked = day.index >= ctx.first or planned_long  # a planned long run must beat past easy runs
            if checked and day.kind == "easy" and day.distance >= long_run - TOL:
                yield Violation("easy_below_long", day.where, f"easy run {fmt(day.distance)} {ctx.units} is not shorter "
                                f"than the week's long run {fmt(long_run)}")


def check_min_rest_days(ctx: Context) -> Iterator[Violation]:
    least = ctx.rules.min_rest_days
    for w in ctx.planned_weeks:
        rest = sum(day.full_rest for day in ctx.week_days(w))
        planned = [day for day in ctx.week_days(w) if day.index >= ctx.first]
        if rest < least and not all(day.full_rest for day in planned):  # all resting: the past left no way
            yield Violation("min_rest_days", f"week {w}", f"{rest} full rest day(s) (no run, no strength); at least {least}")


def check_max_consecutive_run_days(ctx: Context) -> Iterator[Violation]:
    """Running days in a row, from the days before the plan the log says held a run."""
    most, streak = ctx.rules.max_consecutive_run_days, 0
    while -(streak + 1) in ctx.before.ran:
        streak += 1
    for day in ctx.days:
        streak = streak + 1 if day.runs else 0
        if streak > most and day.index >= ctx.first and (streak == most + 1 or day.index == ctx.first):
            yield Violation("max_consecutive_run_days", day.where, f"{streak} running days in a row up to here; at most {most}")


def check_after_long(ctx: Context) -> Iterator[Violation]:
    for day in ctx.planned:
        after = ctx.day_at(day.index + 1)
        if day.kind == "long" and after is not None and after.kind in ("long", "quality", "race"):
            yield Violation("after_long", after.where, f"a {after.kind} run the day after a long run; "
                            "that day may not hold a long, quality or race run")


def check_strength(ctx: Context) -> Iterator[Violation]:
    minutes = ctx.config.strength.minutes
    for day in ctx.planned:
        expected = minutes if day.strength else 0
        if day.strength_minutes != expected:
            yield Violation("strength", day.where, f"strength_minutes is {day.strength_minutes}; it must be {expected} "
                            f"({'strength.minutes' if day.strength else 'no session that day'})")
        if day.strength and not _nonempty_text_list(day.raw["strength_exercises"]):
            yield Violation("strength", day.where, "a hip/core session with no strength_exercises listed")
        if day.strength and day.kind == "long":
            yield Violation("strength", day.where, "a hip/core session on a long-run day; never on the same day")
        after = ctx.day_at(day.index + 1)
        if day.strength and after is not None and after.strength and after.week == day.week:
            yield Violation("strength", after.where, "hip/core sessions on two days in a row within a week")
    race_day = ctx.race_day
    for w in ctx.planned_weeks:
        owed, why = ctx.strength_sessions(w)
        count = sum(day.strength for day in ctx.week_days(w))
        if race_day is not None and w == race_day.week:
            if count > owed:
                yield Violation("strength", f"week {w}", f"{count} hip/core sessions in race week; at most {owed} ({why})")
        elif ctx.held_by_the_past(w):
            done = sum(day.strength for day in ctx.week_days(w) if day.index < ctx.first)
            planned, left = count - done, max(0, owed - done)
            if planned > left:
                yield Violation("strength", f"week {w}", f"{planned} hip/core sessions planned in a week that already "
                                f"held {done}; at most max(0, {owed} - {done}) ({why})")
            elif planned < left and not _says_strength_does_not_fit(ctx, w):
                yield Violation("strength", f"week {w}", f"{planned} hip/core sessions planned in a week that already "
                                f"held {done}; it owes {left} ({why}), fewer only with a warning that they do not fit")
        elif count != owed:
            yield Violation("strength", f"week {w}", f"{count} hip/core sessions; exactly {owed} ({why})")
    if race_day is not None:
        for index in range(race_day.index - 2, race_day.index + 1):
            day = ctx.day_at(index)
            if day is not None and day.strength:
                yield Violation("strength", day.where, f"a hip/core session {race_day.index - index} day(s) before the race; "
                                "none on the race day or the 2 days before it")


LONG_RACE = {"km": 21.0, "mi": 13.0}  # a race this long asks for a longest run of 0.6 x its distance
STALE_LOG_DAYS = 7


def check_warnings(ctx: Context) -> Iterator[Violation]:
    """The warnings a runner needs (docs/plan.md): check-ins after the planning day, a log that
    ends more than a week before it, a race the plan does not prepare for; and the plan's
    `history` is the one it was planned from."""
    warnings = [str(w) for w in ctx.plan.get("warnings") or []]
    day = planning_day(ctx.config, ctx.plan)
    later = [c.date for c in ctx.config.pain.checkins if c.date > day]
    if later and not any(str(when) in w for when in later for w in warnings):
        yield Violation("warnings", "plan", f"check-ins dated after the planning day {day} ({later[0]}) are not used; "
                        "a warning must say so")
    if ctx.config.log is not None:
        before = [session.date for session in ctx.sessions if session.date < day]
        if (not before or (day - max(before)).days > STALE_LOG_DAYS) and not any("log" in w for w in warnings):
            yield Violation("warnings", "plan", f"the training log ends more than {STALE_LOG_DAYS} days before the "
                            f"planning day {day}; a warning must say so")
    yield from _check_readiness(ctx, warnings)
    yield from _check_history(ctx)


def _check_readiness(ctx: Context, warnings: list[str]) -> Iterator[Violation]:
    race, race_day = ctx.race, ctx.race_day
    if race is None or race_day is None or race_day.index < ctx.first:
        return
    needed = 0.6 * race.distance if race.distance >= LONG_RACE[ctx.units] else race.distance
    if ctx.weeks <= 2:
        longest = ctx.before.longest_recent_run
    else:
        longest = max((d.distance for d in ctx.days if d.week < race_day.week and d.kind not in ("rest", "race")),
                      default=0.0)
    if longest + TOL < needed and not any("race" in w and f"{longest:.1f}" in w for w in warnings):
        yield Violation("warnings", "plan", f"the longest run before race week is {longest:.1f} {ctx.units}, under the "
                        f"{needed:.1f} {ctx.units} the {race.distance:g} {ctx.units} race asks for; a warning must say so")


def _check_history(ctx: Context) -> Iterator[Violation]:
    history = ctx.plan.get("history")
    if not isinstance(history, dict):
        return
    weeks = history.get("weekly_distance")
    if not isinstance(weeks, list) or len(weeks) != len(ctx.before.weeks) or any(
            not isinstance(a, (int, float)) or abs(a - b) > 0.1 + 1e-9 for a, b in zip(weeks, ctx.before.weeks)):
        yield Violation("history", "plan", f"history.weekly_distance is {weeks!r}; planned from "
                        f"{[round(w, 1) for w in ctx.before.weeks]}")
    longest = history.get("longest_recent_run")
    if not isinstance(longest, (int, float)) or abs(longest - ctx.before.longest_recent_run) > 0.1 + 1e-9:
        yield Violation("history", "plan", f"history.longest_recent_run is {longest!r}; planned from "
                        f"{ctx.before.longest_recent_run:g}")


def _says_strength_does_not_fit(ctx: Context, week: int) -> bool:
    """Whether the plan warns that week `week`'s days left cannot hold its hip/core sessions."""
    warnings = ctx.plan.get("warnings") if isinstance(ctx.plan.get("warnings"), list) else []
    return any(f"week {week}" in str(w) and "hip/core" in str(w) for w in warnings)


def check_quality(ctx: Context) -> Iterator[Violation]:
    most = ctx.config.quality_sessions_per_week
    for w in ctx.planned_weeks:
        count = sum(day.kind == "quality" for day in ctx.week_days(w))
        done = sum(day.kind == "quality" for day in ctx.week_days(w) if day.index < ctx.first)
        if count > max(most, done):
            yield Violation("quality", f"week {w}", f"{count} quality runs; at most {most} (quality_sessions_per_week)")
    for day in ctx.planned:
        after = ctx.day_at(day.index + 1)
        if day.kind == "quality" and after is not None and after.kind in ("long", "race"):
            yield Violation("quality", day.where, f"a quality run the day before a {after.kind} run; never the day before a long run or race")


def check_acwr_max(ctx: Context) -> Iterator[Violation]:
    """Every plan day's ratio within the cap; not in a halted plan: it rests every day, so its
    ratio is the history's alone, which no plan could lower (a plan that trains where the
    history alone breaks the cap is infeasible, with acwr_max named)."""
    if ctx.halted:
        return
    most = ctx.rules.acwr_max
    for day, (acute, chronic, ratio) in zip(ctx.days, ctx.acwr):
        if day.index < ctx.first:
            continue
        past_acute, past_chronic = ctx.past_only_acwr(day.index)
        if past_acute > most * past_chronic + ACWR_TOL:
            # the load already done alone breaks the cap: the planned days of its window rest (docs/replanning.md)
            for other in ctx.days[max(ctx.first, day.index - 6):day.index + 1]:
                if not other.full_rest:
                    yield Violation("acwr_max", other.where, f"the load done before {ctx.days[ctx.first].where} alone puts "
                                    f"{day.where} over the cap of {most:g}; the planned days of its 7-day window must rest")
            continue
        if ratio > most + ACWR_TOL:
            yield Violation("acwr_max", day.where, f"acute load {acute:.0f} (7 days) / chronic {chronic:.1f} (28 days / 4, "
                            f"floored at {ctx.chronic_floor:.0f}) = {ratio:.3f}; at most {most:g}")


def check_race(ctx: Context) -> Iterator[Violation]:
    race, race_day = ctx.race, ctx.race_day
    for day in ctx.planned:
        if day.is_race and (race is None or day.date != race.date):
            if race is not None:
                expected = f"the race is on {race.date}"
            else:
                expected = "a halted plan runs no race" if ctx.halted else "the plan has no race"
            yield Violation("race", day.where, f"a race run on {day.where}; {expected}")
    if race is None or race_day is None or race_day.index < ctx.first:
        return  # (a race already run is the log's, as it was run)
    distance = round(race.distance, 1)
    tenths = round(distance * 10)
    minutes = {-(-tenths * ctx.config.pace_seconds // 600), math.ceil(distance * ctx.pace)}
    if race_day.kind != "race":
        yield Violation("race", race_day.where, f"race day holds run_kind {race_day.kind!r}; it must be 'race'")
    elif abs(race_day.distance - distance) > TOL:
        yield Violation("race", race_day.where, f"race distance {fmt(race_day.distance)}; it must be {fmt(distance)} {ctx.units}")
    elif race_day.minutes not in minutes:
        yield Violation("race", race_day.where, f"race run_minutes {race_day.minutes}; {fmt(distance)} {ctx.units} at easy pace "
                        f"{ctx.config.athlete.easy_pace}, rounded up, is {min(minutes)}")


def _taper_peak(ctx: Context) -> tuple[float, str]:
    before_taper = [ctx.distance(w) for w in range(1, ctx.weeks - 1)]
    if before_taper:
        return max(before_taper), "the largest plan week before the taper"
    return max(ctx.before.weeks), "the largest history week"


def check_taper(ctx: Context) -> Iterator[Violation]:
    race_day = ctx.race_day
    if race_day is None:
        return
    last = ctx.weeks
    peak, source = _taper_peak(ctx)
    for w, share in ((last, 0.5), (last - 1, 0.75)):
        over = over_weekly_cap(ctx, w, share * peak) if w in ctx.planned_weeks else None
        if over:
            label = "race week's other running" if w == last else "the week before race week"
            yield Violation("taper", f"week {w}", f"{label}: {over}; at most {share:g} x "
                            f"peak {fmt(peak)} ({source}) = {fmt(share * peak)}")
    for day in ctx.long_runs(last):
        if day.index >= ctx.first:
            yield Violation("taper", day.where, "a long run in race week; race week has none")
    before = ctx.day_at(race_day.index - 1)
    if before is not None and before.index >= ctx.first and before.kind != "rest" \
            and not (before.kind == "easy" and before.minutes <= 30):
        yield Violation("taper", before.where, f"the day before the race holds a {before.kind} run of {before.minutes} minutes; "
                        "it must be rest or an easy run of at most 30 minutes")
    for day in ctx.days[max(race_day.index + 1, ctx.first):]:
        if not day.full_rest:
            yield Violation("taper", day.where, "training after the race; every day after it is full rest")


def check_sharpener(ctx: Context) -> Iterator[Violation]:
    """The planner's own race-week rule (stricter than the rules' taper): race week's quality run
    is a short sharpener of at most 30 minutes, none in the 3 days before the race."""
    race_day = ctx.race_day
    if race_day is None:
        return
    for day in ctx.week_days(race_day.week):
        if day.kind != "quality" or day.index < ctx.first:
            continue
        if day.minutes > 30:
            yield Violation("sharpener", day.where, f"a {day.minutes}-minute quality run in race week; a sharpener lasts at most 30")
        if 0 < race_day.index - day.index <= 3:
            yield Violation("sharpener", day.where, "a quality run in the 3 days before the race")


# ---- section 4: pain ------------------------------------------------------------------------

def check_pain(ctx: Context) -> Iterator[Violation]:
    pain = ctx.plan.get("pain") if isinstance(ctx.plan.get("pain"), dict) else {}
    found = pain.get("level")
    if found != ctx.level:
        yield Violation("pain", "plan", f"pain.level is {found!r}; the check-ins give {ctx.level!r}")
    if ctx.level != "none" and not pain.get("actions"):
        yield Violation("pain", "plan", f"pain.actions is empty; a {ctx.level} level changes the plan and must say how")
    if ctx.halted != (ctx.level == "red_flag"):
        yield Violation("pain", "plan", f"status is {ctx.plan.get('status')!r} with pain level {ctx.level!r}; "
                        "a plan is halted exactly when the level is red_flag")
    checks = {"red_flag": _red_flag, "persistent": _persistent, "mild": _mild}
    if ctx.level in checks:
        yield from checks[ctx.level](ctx, pain)


def _red_flag(ctx: Context, pain: dict) -> Iterator[Violation]:
    for day in ctx.planned:
        if day.runs or day.strength:
            yield Violation("pain", day.where, f"training ({day.kind}{', strength' if day.strength else ''}) in a plan "
                            "halted by a pain red flag; every day is rest with no strength")
    if not SEE_A_PROFESSIONAL.search(str(pain.get("message", ""))):
        yield Violation("pain", "plan", "a red flag's message must tell the athlete to see a physical therapist or doctor")
    if ctx.config.goal.race is not None:
        warnings = ctx.plan.get("warnings") if isinstance(ctx.plan.get("warnings"), list) else []
        if not any("race" in str(w).lower() for w in warnings):
            yield Violation("pain", "plan", "the race is not run in a halted plan, and a warning must say so")


def _pain_days(ctx: Context) -> list[Day]:
    """The planned days of the pain weeks."""
    weeks = set(ctx.pain_weeks())
    return [day for day in ctx.days if day.week in weeks and day.index >= ctx.first]


def _pain_runs(ctx: Context) -> Iterator[Violation]:
    """Every run of the pain weeks (the race excepted) within the pain cap."""
    cap, why = ctx.pain_cap
    for day in _pain_days(ctx):
        if day.runs and not day.is_race and day.distance > cap + TOL:
            yield Violation("pain", day.where, f"a {fmt(day.distance)} {ctx.units} {day.kind} run with {ctx.level} pain; "
                            f"every run of the pain weeks is at most {why} = {fmt(cap)}")


def _persistent(ctx: Context, pain: dict) -> Iterator[Violation]:
    first = ctx.days[ctx.first]
    if not first.full_rest:
        yield Violation("pain", first.where, "with persistent pain the planning day must be full rest")
    least = ctx.rules.min_rest_days + 1
    for w in ctx.pain_weeks():
        rest = sum(day.full_rest for day in ctx.week_days(w))
        if rest < least:
            yield Violation("pain", f"week {w}", f"{rest} full rest day(s) with persistent pain; at least {least} in the pain weeks")
    pain_days = _pain_days(ctx)
    for day, after in zip(pain_days, pain_days[1:]):
        if day.runs and after.runs:
            yield Violation("pain", after.where, "running on two days in a row with persistent pain; not in the pain weeks")
    for day in pain_days:
        if day.kind == "quality":
            yield Violation("pain", day.where, "a quality run with persistent pain; none in the pain weeks")
    seven = ctx.days[ctx.first:ctx.first + 7]
    total, cap = sum(day.rule_distance for day in seven), ctx.seven_day_cap()
    if total > cap + TOL:
        yield Violation("pain", seven[0].where, f"the 7 days from the planning day carry {fmt(total)} {ctx.units} with "
                        f"persistent pain; at most 0.7 x the 7 days before = {fmt(cap)}")
    yield from _pain_runs(ctx)


def _mild(ctx: Context, pain: dict) -> Iterator[Violation]:
    yield from _pain_runs(ctx)
    for day in _pain_days(ctx):
        notes = day.raw["notes"] if isinstance(day.raw["notes"], list) else []
        if day.runs and not day.is_race and not any(FOAM_ROLLING.search(str(note)) for note in notes):
            yield Violation("pain", day.where, "a running day of the pain weeks with mild pain needs a foam-rolling note")


# ---- section 6: re-planning -----------------------------------------------------------------

def _planned_distance(day: dict | None) -> float:
    return 0.0 if day is None or day.get("run_kind") in ("rest", "race") else float(day.get("distance", 0))


def check_no_make_up(ctx: Context) -> Iterator[Violation]:
    """With the previous plan: in the week of the planning day no planned day is longer than
    the previous plan had it, and the week (past and planned) stays within its distance."""
    if not ctx.previous_days or ctx.first == 0 or ctx.halted:
        return
    week = ctx.first // 7 + 1
    for day in ctx.week_days(week)[ctx.first % 7:]:
        allowed = _planned_distance(ctx.previous_days.get(day.date))
        if day.rule_distance > allowed + TOL:
            yield Violation("no_make_up", day.where, f"a {fmt(day.rule_distance)} {ctx.units} run where the previous plan had "
                            f"{fmt(allowed)}: missed sessions are not made up")
    allowed = sum(_planned_distance(ctx.previous_days.get(day.date)) for day in ctx.week_days(week))
    over = over_weekly_cap(ctx, week, allowed)
    if over:
        yield Violation("no_make_up", f"week {week}", f"{over} (past and planned) where the previous plan had "
                        f"{fmt(allowed)}: missed sessions are not made up")


def check_coming_back(ctx: Context) -> Iterator[Violation]:
    """With a log: after 3 or more days in a row without a run right before the planning day
    (with the previous plan, one of them with a run it planned), the first two planned runs are
    easy and no longer than the last logged run before the gap."""
    if ctx.config.log is None or ctx.halted:
        return
    gap, index = [], ctx.first - 1
    ran = (lambda i: ctx.days[i].runs if i >= 0 else i in ctx.before.ran)
    known = (lambda i: i >= 0 or ctx.before.from_log)
    while known(index) and index >= ctx.first - 366 and not ran(index):
        gap.append(index)
        index -= 1
    if len(gap) < 3:
        return
    if ctx.previous_days and not any(_planned_distance(ctx.previous_days.get(ctx.days[i].date)) > 0 for i in gap if i >= 0):
        return
    if known(index) and index >= ctx.first - 366:
        last = ctx.days[index].rule_distance if index >= 0 else ctx.before.day_distance(index)
    else:
        last = math.ceil(ctx.rules.min_run_minutes / ctx.pace * 10 - 1e-9) / 10
    first_runs = [day for day in ctx.planned if day.runs and not day.is_race][:2]
    for day in first_runs:
        if day.kind != "easy" or day.distance > last + TOL:
            yield Violation("coming_back", day.where, f"a {day.kind} run of {fmt(day.distance)} {ctx.units} among the first two "
                            f"after {len(gap)} days without running; they are easy and at most the last run, {fmt(last)}")


def check_adherence(ctx: Context) -> Iterator[Violation]:
    """With the previous plan: each past day's adherence (done within 20 % of the planned
    distance, partial, missed, extra, rest)."""
    if not ctx.previous_days:
        return
    for day in ctx.days[:ctx.first]:
        planned = ctx.previous_days.get(day.date)
        planned_run = planned is not None and planned.get("run_kind") != "rest"
        if planned_run and day.runs:
            within = abs(day.distance - float(planned["distance"])) <= 0.2 * float(planned["distance"]) + TOL
            expected = "done" if within else "partial"
        else:
            expected = "missed" if planned_run else "extra" if day.runs else "rest"
        if day.raw.get("adherence") != expected:
            yield Violation("structure", day.where, f"adherence is {day.raw.get('adherence')!r}; against the previous plan "
                            f"it is {expected!r}")


def _summary(day: dict | None) -> str:
    if day is None:
        return "rest"
    letter = {"easy": "E", "long": "L", "quality": "Q", "race": "RACE"}.get(day.get("run_kind"), "rest")
    text = letter if letter == "rest" else f"{letter} {float(day.get('distance', 0)):.1f}"
    return text + (" +S" if day.get("strength") else "")


def check_changes(ctx: Context) -> Iterator[Violation]:
    """With the previous plan: `changes` lists every planned day that differs from it; a log
    that matches it exactly (and the same pain level) gives back its planned days."""
    if not ctx.previous_days:
        return
    listed = {}
    for change in ctx.plan.get("changes") or []:
        if isinstance(change, dict) and "date" in change:
            listed[change["date"]] = change
    differs = []
    for day in ctx.planned:
        before, after = _summary(ctx.previous_days.get(day.date)), _summary(day.raw)
        if before != after:
            differs.append(day)
            change = listed.get(day.where)
            if change is None or change.get("before") != before or change.get("after") != after \
                    or not str(change.get("reason", "")).strip():
                yield Violation("structure", day.where, f"the day changed from {before} to {after}; changes must list it "
                                "with its before, after and a reason")
    previous_level = (ctx.previous.get("pain") or {}).get("level")
    if differs and previous_level == ctx.level and _log_matches(ctx):
        yield Violation("structure", differs[0].where, f"{len(differs)} planned day(s) differ from the previous plan, yet the "
                        "log matches it and the pain level is the same: the re-plan keeps its planned days")


def _log_matches(ctx: Context) -> bool:
    """Every past day as the previous plan had it: the same runs and sessions, and nothing more
    (cross-training on top, or another load, is not the plan as planned)."""
    for day in ctx.days[:ctx.first]:
        planned = ctx.previous_days.get(day.date)
        if _summary(planned) != _summary(day.raw):
            return False
        if planned is not None and (bool(planned.get("full_rest")) != bool(day.raw.get("full_rest"))
                                    or abs(float(planned.get("load", 0)) - float(day.raw.get("load", 0))) > 1):
            return False
    return True


# ---- entry points ---------------------------------------------------------------------------

CHECKS: list[Check] = [
    check_warnings,
    check_logged_days,
    check_day_fields,
    check_weeks,
    check_availability,
    check_blackout,
    check_pace,
    check_min_run_minutes,
    check_target,
    check_max_weekly_increase,
    check_cutback_reduction,
    check_long_runs,
    check_long_run_max_share,
    check_long_run_step,
    check_run_spike,
    check_long_run_max_minutes,
    check_easy_below_long,
    check_min_rest_days,
    check_max_consecutive_run_days,
    check_after_long,
    check_strength,
    check_quality,
    check_acwr_max,
    check_race,
    check_taper,
    check_sharpener,
    check_pain,
    check_no_make_up,
    check_coming_back,
    check_adherence,
    check_changes,
]


def validate(config: AthleteConfig, plan: dict, previous: dict | None = None) -> list[Violation]:
    """Every way `plan` (the JSON dict of docs/plan.md) breaks docs/plan.md, docs/rules.md and docs/replanning.md; [] if none.
    `previous`: the plan a re-plan was made from, for the rules that compare with it."""
    if not isinstance(plan, dict):
        return [Violation("structure", "plan", "the plan must be a JSON object")]
    violations = list(check_header(config, plan))
    status = plan.get("status")
    if status == "infeasible":
        if plan.get("days"):
            violations.append(Violation("structure", "plan", f"an infeasible plan holds {len(plan['days'])} days; it must hold none"))
        return violations
    if status not in STATUSES:
        return violations
    days, problems = read_days(config, plan)
    if problems or not days:
        return violations + problems
    sessions = read_sessions(config)
    before = before_plan(config, sessions)
    ctx = Context(config, plan, days, pain_level(config, planning_day(config, plan)), halted=status == "halted",
                  before=before, sessions=sessions, previous=previous)
    for check in CHECKS:
        violations.extend(check(ctx))
    return violations


def assert_valid(config: AthleteConfig, plan: dict, previous: dict | None = None) -> None:
    """Raise AssertionError listing every violation; return quietly for a valid plan."""
    violations = validate(config, plan, previous)
    if violations:
        lines = "\n".join(f"  {v}" for v in violations)
        raise AssertionError(f"plan breaks {len(violations)} rule(s):\n{lines}")
