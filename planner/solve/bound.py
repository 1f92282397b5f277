"""The weekly bound: the most distance any valid plan can put in each week.

Every weekly cap is a constant (the target, pain's 7-day cap) or grows with the weeks before it
(ramp, cutback, taper): `constraints.week_caps` gives each rule's cap, here evaluated with each
earlier week at its own bound, so by induction no valid plan's week exceeds it. A week is also
held to its capacity: the most a one-week model of its own days can hold (availability, rest
days, hip/core sessions, long-run shape, the pain cap on every run), with its long run and its
longest run no longer than long_run_step and run_spike could ever allow by then. The sum of the
bounds bounds the volume objective: a plan that reaches it is proven the largest.

Each week's bound remembers which rule sets it, and every cap below the target, which is what
`planner.limits` reads to say what keeps a plan below its target.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from planner.lean_import import cp_model

import constraints
from planner.instance import FixedDay, Instance, scaled_down, tenths_down
from planner.model import PlanModel, Window
from planner.solve.settings import WEEK_DISTANCE, new_solver, solved

CAPACITY = "availability"  # the rule name a week's capacity is reported under
FIRST_WEEK = "acwr_max"  # ... and the first week's own largest distance (the load ratio is what it adds)
CAPACITY_SECONDS = 1.0  # a one-week model is proven in milliseconds; this only guards the clock


@dataclass
class WeekBound:
    """One week's bound (tenths, the whole week, past days included) and where it comes from."""

    week: int
    value: int
    caps: dict[str, int] = field(default_factory=dict)  # rule name -> that rule's cap (tenths)

    @property
    def binding(self) -> str:
        """The rule whose cap the bound is (the first in rule order among equals)."""
        return min(self.caps, key=lambda name: self.caps[name])


@dataclass
class WeeklyBound:
    weeks: dict[int, WeekBound]
    race_week: int | None
    complete: bool = True  # every capacity model was solved (the clock cut none short)

    def value(self, week: int) -> int:
        return self.weeks[week].value

    def total(self) -> int:
        """The bound on the volume objective (every week but race week)."""
        return sum(b.value for w, b in self.weeks.items() if w != self.race_week)


class _BoundView:
    """What `week_cap` functions read: week distances at their bounds (the past as it was)."""

    def __init__(self, instance: Instance, past_weeks: dict[int, int]):
        self.instance = instance
        self.values = dict(past_weeks)

    def week_distance(self, week: int) -> int:
        if week <= 0:
            return self.instance.history_week(week)
        return self.values[week]


def weekly_bound(instance: Instance, deadline: float | None = None, capacities: "CapacityCache | None" = None) -> WeeklyBound:
    """The bound of every week from the planning day's week to the end of the plan (weeks whose
    capacity the clock does not reach are bounded by their caps alone)."""
    capacities = capacities or CapacityCache(deadline)
    first = instance.first_week
    view = _BoundView(instance, {w: instance.done_distance(w) for w in range(1, first)})
    runs = _LongestRuns(instance)
    weeks = {}
    for week in range(first, instance.weeks + 1):
        caps = {}
        for module in constraints.CAPPING:
            cap = module.week_cap(view, week)
            if cap is not None:
                caps[module.RULE.name] = min(caps.get(module.RULE.name, cap.value()), cap.value())
        long_cap, run_cap = runs.caps(week)
        if week == first and week != instance.race_week:
            most = _first_week_most(instance, capacities)
            if most is not None:
                caps[FIRST_WEEK] = most
        exempt = any(instance.below_three_min_runs(value) for value in caps.values())
        closed = min(caps.values())
        capacity = capacities.get(instance, week, long_cap, run_cap, view.values, exempt, closed)
        if capacity is not None:
            caps[CAPACITY] = max(capacity, _below_three_runs(instance))
        # a week whose past days already hold more than its caps plans no more running (docs/replanning.md)
        bound = WeekBound(week, max(0, min(caps.values()), instance.done_distance(week)), caps)
        weeks[week] = bound
        view.values[week] = bound.value
        runs.add(week, bound.value)
    return WeeklyBound(weeks, instance.race_week, complete=not capacities.cut_short)


def _first_week_most(instance: Instance, capacities: "CapacityCache") -> int | None:
    """The most the first planned week can carry with every rule and the real past before it:
    exact for that week (nothing before it is a choice), so a sound bound. It is what the
    closed form cannot see: the load ratio of the history's last days."""
    from planner.solve.week import span_model

    week = instance.first_week
    m = span_model(instance, range(week, week + 1), {})
    m.cp.maximize(m.week_distance(week))
    return capacities.solve(m)


def _below_three_runs(instance: Instance) -> int:
    """The largest weekly distance under 3 minimum runs: a week exempt from its long run (its
    caps under that) can hold up to this whatever its capacity with a long run."""
    return (3 * instance.config.rules.min_run_minutes * 600 - 1) // instance.pace


class _LongestRuns:
    """The longest long run (long_run_step) and longest run (run_spike) each week could hold,
    had every earlier week run the longest it could: bounds no plan exceeds. A week's own long
    run is also held to long_run_max_share of its bound and to what its long-run days' minutes
    and long_run_max_minutes allow, and every run to the bound itself; in a week that needs a
    long run and has no quality runs, no run is longer than the long run (easy runs are
    shorter)."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.step = tenths_down(instance.config.long_run_step)
        self.grow = scaled_down(1 + instance.config.rules.run_spike, 1000)  # as constraints/run_spike.py
        self.share = scaled_down(instance.config.rules.long_run_max_share, 1000)
        lrr = int(instance.built_back(instance.longest_recent_run))
        self.longest_long = lrr
        self.longest = {w: lrr for w in range(-3, 1)}
        for week in range(1, instance.first_week):
            days = [instance.rule_day(i) for i in range(7 * (week - 1), 7 * week)]
            self.longest[week] = int(instance.built_back(max(d.distance for d in days)))
            for day in days:
                self.longest_long = max(self.longest_long, int(instance.built_back(day.long_distance)))
        self.week_caps: dict[int, tuple[int, int]] = {}
        self.bound_floor = instance.start_floor  # no week's ramp cap falls below it

    def caps(self, week: int) -> tuple[int, int]:
        inst = self.instance
        long_cap = max(self.longest_long + self.step, inst.long_run_floor)
        recent = max(self.longest[w] for w in range(week - 4, week))
        run_cap = max(self.grow * recent // 1000, inst.long_run_floor)
        if week in inst.pain_weeks:
            long_cap, run_cap = min(long_cap, inst.pain_cap), min(run_cap, inst.pain_cap)
        self.week_caps[week] = (long_cap, run_cap)
        return long_cap, run_cap

    def add(self, week: int, bound: int) -> None:
        long_cap, run_cap = self.week_caps[week]
        long_run = min(long_cap, self.share * bound // 1000, self._longest_long_day(week))
        self.longest_long = max(self.longest_long, long_run)
        longest = min(run_cap, bound)
        if not self.instance.config.quality_sessions_per_week and self._needs_long_run(week):
            longest = min(longest, long_run)
        self.longest[week] = longest

    def _longest_long_day(self, week: int) -> int:
        """The longest long run the week's long-run days and long_run_max_minutes allow."""
        inst = self.instance
        minutes = [d.minutes for d in inst.week_days(week) if d.long_allowed and not d.blackout and d.index >= inst.first]
        most = min(max(minutes, default=0), inst.config.rules.long_run_max_minutes)
        return (most + 1) * 600 // inst.pace

    def _needs_long_run(self, week: int) -> bool:
        """A week that needs its long run whatever the plan (see constraints.long_runs)."""
        inst = self.instance
        race_week = inst.race_week
        if race_week is not None and week >= race_week - 1:
            return False
        if week in inst.pain_weeks or week == inst.first_week and inst.first % 7:
            return False
        days = inst.week_days(week)
        return not all(d.blackout for d in days if d.long_allowed) and not inst.below_three_min_runs(self.bound_floor)


class CapacityCache:
    """Week capacities by everything their one-week model depends on: weeks alike (the same
    weekdays, clamped caps, hip/core sessions and pain) are solved once."""

    def __init__(self, deadline: float | None = None):
        self.known: dict[tuple, list[tuple[int, int, int | None]]] = {}
        self.deadline = deadline
        self.cut_short = False  # the clock left a model unsolved

    def solve(self, m: PlanModel) -> int | None:
        """The most a one-week model's week can carry (its objective's bound), or None when it
        has no plan or the clock is out."""
        seconds = CAPACITY_SECONDS if self.deadline is None else min(CAPACITY_SECONDS, self.deadline - time.perf_counter())
        if seconds <= 0:
            self.cut_short = True
            return None
        solver = new_solver(seconds, max_deterministic_time=CAPACITY_SECONDS, **WEEK_DISTANCE)
        status = solver.solve(m.cp)
        if status == cp_model.UNKNOWN:
            self.cut_short = True
        if not solved(status):
            return None
        return int(solver.best_objective_bound)

    def get(self, instance: Instance, week: int, long_cap: int, run_cap: int, totals: dict[int, int],
            exempt: bool, need: int | None = None) -> int | None:
        """The most the week's own days can hold (tenths), or None (race week, no plan, or a
        capacity of at least `need` known for a week alike with smaller caps: a capacity only
        grows with its caps, so it would not bind); `totals`: the earlier weeks' bounds;
        `exempt`: whether their caps can leave the week without a long run."""
        if week == instance.race_week:
            return None
        long_cap, run_cap = _clamped(instance, long_cap, run_cap)
        known = self.known.setdefault(_capacity_key(instance, week, exempt), [])
        for other_long, other_run, value in known:
            if (other_long, other_run) == (long_cap, run_cap):
                return value
            if need is not None and value is not None and value >= need and other_long <= long_cap and other_run <= run_cap:
                return None
        value = self.solve(capacity_model(instance, week, long_cap, run_cap, totals))
        if not self.cut_short:
            known.append((long_cap, run_cap, value))
        return value


def _clamped(instance: Instance, long_cap: int, run_cap: int) -> tuple[int, int]:
    """Caps no larger than any run of a week could be, so that alike weeks share a model."""
    rules = instance.config.rules
    top = min(instance.max_run_tenths, instance.target)
    longest_long = min(top, scaled_down(rules.long_run_max_share, 1000) * instance.target // 1000,
                       (rules.long_run_max_minutes + 1) * 600 // instance.pace)
    return min(long_cap, longest_long), min(run_cap, top)


def _capacity_key(instance: Instance, week: int, exempt: bool) -> tuple:
    """Everything a week's capacity model depends on besides its caps and the rules' settings."""
    days = tuple((d.weekday, d.minutes, d.blackout, d.long_allowed, d.is_race, d.after_race, instance.first == d.index,
                  d.index < instance.first and instance.rule_day(d.index)) for d in instance.week_days(week))
    race_gap = instance.race_day.index - 7 * (week - 1) if instance.race_day else None
    return (days, week in instance.pain_weeks, instance.strength_sessions(week), exempt,
            race_gap if race_gap is not None and -1 <= race_gap <= 9 else None)


def capacity_model(instance: Instance, week: int, long_cap: int, run_cap: int, totals: dict[int, int]) -> PlanModel:
    """A one-week model of the week's own days: the rules no stricter with the days before it
    resting (`Rule.within_week`), those days resting but the weeks before at their bounds
    `totals` (for the long-run exemption of weeks whose caps leave no room), no run longer than
    `run_cap` and no long run longer than `long_cap`."""
    start = max(7 * (week - 1), instance.first)
    days = range(start, 7 * week)
    rest = {i: FixedDay() for i in range(instance.first, start)}
    earlier = {w: totals[w] for w in range(1, week) if w in totals}
    m = PlanModel(instance, Window(free=days, checked=days, fixed=rest, totals=earlier))
    for module in constraints.WITHIN_WEEK:
        module.build(m)
    m.cp.add(m.week_long(week) <= long_cap)
    m.cp.add(m.week_max_run(week) <= run_cap)
    m.cp.maximize(m.week_distance(week))
    return m


def model_key(m: PlanModel) -> bytes:
    """A digest of a model's whole proto (its variables carry no names): equal keys, equal models."""
    return hashlib.blake2b(str(m.cp.proto).encode(), digest_size=16).digest()
