"""The model core: CP-SAT variables for a window of plan days, constants for every other day.

A `PlanModel` has decision variables for its *free* days only. Every other day it may look at
is a `FixedDay` of constants: the history before the plan, the days already run (re-planning),
or weeks an earlier solve already planned. The same rule code therefore builds the whole-plan
model (every planned day free), a one-week model (one week free, the weeks before it fixed) and
a re-plan (the past fixed): each `constraints/` module reads days through `m.day(i)` and weekly
totals through `m.week_distance(w)` and the like, which return variables or plain integers, and
adds its constraints through `m.add(...)`, which drops a constraint that holds on constants.

A rule is built for the days and weeks it *checks* (`m.checked_days`, `m.checked_weeks`):
each constraint belongs to the latest day or week it concerns, so a model never refers to a day
after its window, and a plan built window by window, in order, obeys every rule.

With `explain=True` every rule's constraints carry one enforcement literal per rule name
(`m.switches`), so the solver can say which rules conflict.

Units: distances in tenths of the athlete's unit, durations in minutes, loads in session-RPE
points (minutes x RPE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from planner.lean_import import cp_model

from planner.instance import RPE, STRENGTH_RPE, Day, FixedDay, Instance

MINUTES_PER_DAY = 1440


class _CpModel(cp_model.CpModel):
    """OR-Tools' CpModel without the camelCase aliases it attaches to every new instance (for
    code written before PEP 8 names; this planner uses the snake_case ones). Attaching them
    costs about a millisecond a model, and a plan builds dozens of small models."""

    def _add_pre_pep8_methods(self) -> None:
        return None


@dataclass
class DayVars:
    """Decision variables of one free day.

    Each run kind has its own distance and minutes, zero unless the day has that kind of run,
    so loads and paces are plain linear expressions (a tight LP, no big-M channels). The race
    itself is not a variable (its distance and minutes are fixed by the config); `run` is a
    training run."""

    easy: cp_model.IntVar
    long: cp_model.IntVar
    quality: cp_model.IntVar
    run: cp_model.IntVar
    strength: cp_model.IntVar
    rest: cp_model.IntVar  # full rest: no run, no race, no strength
    easy_distance: cp_model.IntVar
    long_distance: cp_model.IntVar
    quality_distance: cp_model.IntVar
    easy_minutes: cp_model.IntVar
    long_minutes: cp_model.IntVar
    quality_minutes: cp_model.IntVar
    distance: cp_model.IntVar  # tenths of all training running that day
    minutes: cp_model.IntVar  # minutes of all training running that day
    load: object = None  # the day's training load (a linear expression)

    def kinds(self):
        """(flag, distance, minutes) of each run kind."""
        return (
            (self.easy, self.easy_distance, self.easy_minutes),
            (self.long, self.long_distance, self.long_minutes),
            (self.quality, self.quality_distance, self.quality_minutes),
        )


@dataclass(frozen=True)
class Window:
    """Which days a model decides and which it checks.

    free: day indices with variables. checked: day indices whose own rules are built (a
    superset of `free`; a fixed day in it is checked against the free ones). fixed: values of
    days an earlier solve planned (every other day before the window comes from the instance:
    history and the past). lookahead: also require that the days right after the window can
    still meet the load-ratio cap at zero load (implied by the whole plan's rules). totals:
    weekly distances to use for weeks outside the window instead of their days' (a bound's
    values, for the one-week capacity models)."""

    free: range
    checked: range
    fixed: dict[int, FixedDay] = field(default_factory=dict)
    lookahead: bool = False
    totals: dict[int, int] = field(default_factory=dict)


class PlanModel:
    """Variables and definitions of a window of a plan; rules are added by the constraint modules."""

    def __init__(self, instance: Instance, window: Window | None = None, explain: bool = False):
        self.instance = instance
        self.window = window or whole_plan(instance)
        self.cp = _CpModel()
        self.explain = explain
        self.switches: dict[str, cp_model.IntVar] = {}
        self.waivers: list[tuple[str, str]] = []  # (notice code, why) where the past leaves no way to obey
        self._one = self.cp.new_constant(1)
        self._bounds: dict[int, tuple[int, int]] = {}
        self._vars = {index: self._day_vars(instance.days[index]) for index in self.window.free}
        self._memo: dict[tuple, object] = {}

    # ---- which days and weeks ------------------------------------------------------------
    @property
    def free_days(self) -> range:
        return self.window.free

    @property
    def checked_days(self) -> range:
        return self.window.checked

    @cached_property
    def checked_weeks(self) -> list[int]:
        """Plan weeks that hold a checked day: their weekly rules are built."""
        return sorted({self.instance.days[i].week for i in self.window.checked})

    @cached_property
    def free_weeks(self) -> list[int]:
        return sorted({self.instance.days[i].week for i in self.window.free})

    @property
    def week_numbers(self) -> range:
        return range(1, self.instance.weeks + 1)

    def is_free(self, index: int) -> bool:
        return index in self._vars

    def is_past(self, index: int) -> bool:
        """A day before the planning day: history or what the log says was done."""
        return index < self.instance.first

    def week_indices(self, week: int) -> range:
        return range(7 * (week - 1), 7 * week)

    def held_by_the_past(self, week: int) -> bool:
        """Instance.held_by_the_past: its hip/core sessions are owed as far as they fit, and it
        owes no long run."""
        return self.instance.held_by_the_past(week)

    # ---- days ------------------------------------------------------------------------------
    def day(self, index: int) -> DayVars | FixedDay:
        """A day's variables, or its constants (history, the past, or an earlier solve)."""
        if index in self._vars:
            return self._vars[index]
        if index in self.window.fixed:
            return self.window.fixed[index]
        if index < self.instance.first:
            return self.instance.rule_day(index)
        raise IndexError(f"day {index} is after this model's window")

    def free_vars(self) -> list[DayVars]:
        """The free days' variables, in day order."""
        return [self._vars[i] for i in self.window.free]

    def known(self, index: int) -> bool:
        """Whether the model can look at day `index` (it is free, fixed or before the plan)."""
        return index in self._vars or index in self.window.fixed or index < self.instance.first

    def plan_day(self, index: int) -> Day:
        return self.instance.days[index]

    def week_vars(self, week: int) -> list[tuple[Day, DayVars | FixedDay]]:
        return [(self.plan_day(i), self.day(i)) for i in self.week_indices(week)]

    def running(self, index: int):
        """1 if the day holds any run, the race included."""
        if index >= self.instance.days_total:
            return 0
        day = self.day(index)
        if isinstance(day, FixedDay):
            return day.running
        return day.run + (1 if self.instance.days[index].is_race else 0)

    def load(self, index: int):
        """A day's training load as the load-ratio rule counts it (the race left out)."""
        day = self.day(index)
        if isinstance(day, FixedDay) and 0 <= index < self.instance.days_total and self.instance.days[index].is_race:
            return 0.0
        return day.load

    # ---- weekly totals (variables where the week has free days, else integers) ---------------
    def week_distance(self, week: int):
        """Training distance of plan week `week` (the race left out); history for week <= 0."""
        if week <= 0:
            return self.instance.history_week(week)
        if week in self.window.totals:
            return self.window.totals[week]
        return self._week_total(week, "distance", 7 * self.instance.max_run_tenths)

    def week_long(self, week: int):
        """Distance of the week's long run(s), 0 without one."""
        return self._week_total(week, "long_distance", 7 * self.instance.max_run_tenths)

    def long_count(self, week: int):
        return self._week_total(week, "long", 7)

    def has_long(self, week: int):
        key = ("has_long", week)
        if key not in self._memo:
            count = self.long_count(week)
            if isinstance(count, int):
                self._memo[key] = int(count > 0)
            else:
                flag = self.cp.new_bool_var("")
                self.cp.add(count >= flag)
                self.cp.add(count <= 7 * flag)
                self._memo[key] = flag
        return self._memo[key]

    def week_max_run(self, week: int, days: range | None = None):
        """The longest training run of a week (or of `days` of it), 0 without one."""
        indices = tuple(days if days is not None else self.week_indices(week))
        key = ("max_run", indices)
        if key not in self._memo:
            self._memo[key] = self.max_of([self.day(i).distance for i in indices])
        return self._memo[key]

    def _week_total(self, week: int, attribute: str, upper: int):
        key = (attribute, week)
        if key not in self._memo:
            terms = [getattr(self.day(i), attribute) for i in self.week_indices(week)]
            constant = sum(t for t in terms if isinstance(t, int))
            free = [t for t in terms if not isinstance(t, int)]
            if not free:
                self._memo[key] = constant
            else:
                total = self.int_var(constant, constant + min(upper, len(free) * self._upper(free[0])))
                self.cp.add(total == sum(free) + constant)
                self._memo[key] = total
        return self._memo[key]

    def fixed_sum(self, terms) -> int:
        """The constant part of a list of terms (integers among variables)."""
        return sum(t for t in terms if isinstance(t, (int, float)))

    # ---- helpers with domains derived from their inputs ---------------------------------------
    def int_var(self, lower: int, upper: int) -> cp_model.IntVar:
        var = self.cp.new_int_var(lower, upper, "")
        self._bounds[var.index] = (lower, upper)
        return var

    def bool_var(self) -> cp_model.IntVar:
        return self.cp.new_bool_var("")

    def _upper(self, term) -> int:
        if isinstance(term, (int, float)):
            return int(term)
        return self._bounds.get(term.index, (0, 1))[1]

    def _lower(self, term) -> int:
        if isinstance(term, (int, float)):
            return int(term)
        return self._bounds.get(term.index, (0, 1))[0]

    def max_of(self, terms):
        """max(terms) of integers and variables: an integer when all are constants, else a
        variable whose domain follows from the terms' own (no hand-computed bounds)."""
        constants = [t for t in terms if isinstance(t, int)]
        variables = [t for t in terms if not isinstance(t, int)]
        floor = max(constants) if constants else None
        if not variables:
            return floor if floor is not None else 0
        lower = max(self._lower(v) for v in variables)
        upper = max(self._upper(v) for v in variables)
        if floor is not None:
            if floor >= upper:
                return floor
            lower = max(lower, floor)
            variables = variables + [floor]
        if len(variables) == 1:
            return variables[0]
        top = self.int_var(lower, upper)
        self.cp.add_max_equality(top, variables)
        return top

    # ---- adding rules -------------------------------------------------------------------------
    def switch(self, rule: str) -> cp_model.IntVar:
        if rule not in self.switches:
            self.switches[rule] = self.cp.new_bool_var(f"rule_{rule}")
        return self.switches[rule]

    def add(self, rule: str, constraint, when=()):
        """Add a rule's linear constraint, only when every literal in `when` holds. A constraint
        over constants only is dropped when it holds; when it fails, the rule cannot hold. In an
        explaining model it carries the rule's switch unless the rule cannot be relaxed for this
        config (Rule.relaxable_for: a choice of the runner's, like no quality runs at all, that no
        change of the rule's numbers can relieve)."""
        when = [w for w in when if not (isinstance(w, int) and w == 1)]
        if any(isinstance(w, int) and w == 0 for w in when):
            return None
        if isinstance(constraint, bool):
            if constraint:
                return None
            constraint = self._one == 0
        ct = self.cp.add(constraint)
        guards = list(when) + ([self.switch(rule)] if self.explain and self._relaxable(rule) else [])
        if guards:
            ct.only_enforce_if(guards)
        return ct

    def _relaxable(self, rule: str) -> bool:
        import constraints

        known = constraints.RULES.get(rule)
        return known is None or known.relaxable_for(self.instance.config)

    def forbid(self, rule: str, literals, when=()):
        """Not all of `literals` (variables or 0/1 constants) may hold at once."""
        if any(isinstance(x, int) and x == 0 for x in literals):
            return None
        variables = [x for x in literals if not isinstance(x, int)]
        return self.add(rule, sum(variables) <= len(variables) - 1 if variables else False, when)

    def at_most_max(self, rule: str, left, options, when=()):
        """left <= max(options): one option must bound it (a boolean picks which)."""
        constants = [o for o in options if isinstance(o, int)]
        variables = [o for o in options if not isinstance(o, int)]
        if constants:
            variables.append(max(constants))
        if len(variables) == 1:
            return self.add(rule, left <= variables[0], when)
        picks = [self.bool_var() for _ in variables]
        for pick, option in zip(picks, variables):
            self.add(rule, left <= option, [*when, pick])
        self.add(rule, sum(picks) >= 1, when)
        return None

    def cap_week(self, rule: str, week: int, cap) -> None:
        """Hold week `week`'s training distance to `cap` (a constraints.rule.Cap). Where days
        already run hold more than a constant cap allows, the week's planned days run no more
        (docs/replanning.md) instead of leaving no plan."""
        if cap is None:
            return
        total = self.week_distance(week)
        if all(isinstance(o, int) for o in cap.options):
            allowed = max(cap.options)
            done = self.past_distance(week)
            if cap.scale * done > allowed and not isinstance(total, int):
                units = self.instance.config.units
                self.stop_running(rule, self.week_indices(week), (
                    f"week {week} already holds {done / 10:g} {units}, more than the {allowed / cap.scale / 10:g} "
                    f"{units} {rule} allows: no more running is planned in it"))
                return
        self.at_most_max(rule, cap.scale * total, cap.options)

    def past_distance(self, week: int) -> int:
        """Training distance run on the past days of a plan week (tenths)."""
        return self.instance.done_distance(week)

    def waive(self, rule: str, why: str, code: str | None = None) -> None:
        """Record that the past leaves no way to obey `rule` on some planned days (docs/replanning.md):
        the plan warns `why`, under notice code `code` (default "waived_<rule>")."""
        entry = (code or f"waived_{rule}", why)
        if entry not in self.waivers:
            self.waivers.append(entry)

    def rest_free_days(self, rule: str, indices, why: str) -> None:
        """The planned (free) days among `indices` rest: no run, no strength."""
        for index in indices:
            if self.is_free(index):
                v = self._vars[index]
                self.add(rule, v.run + v.strength == 0)
        self.waive(rule, why)

    def stop_running(self, rule: str, indices, why: str) -> None:
        """The planned days among `indices` hold no more running."""
        for index in indices:
            if self.is_free(index):
                self.add(rule, self._vars[index].run == 0)
        self.waive(rule, why)

    # ---- variables and definitions of a free day ----------------------------------------------
    def _day_vars(self, day: Day) -> DayVars:
        cp = self.cp
        top = self.instance.max_run_tenths
        flags = {kind: cp.new_bool_var("") for kind in ("easy", "long", "quality")}
        distances = {kind: self.int_var(0, top) for kind in flags}
        minutes = {kind: self.int_var(0, MINUTES_PER_DAY) for kind in flags}
        v = DayVars(
            easy=flags["easy"],
            long=flags["long"],
            quality=flags["quality"],
            run=cp.new_bool_var(""),
            strength=cp.new_bool_var(""),
            rest=cp.new_bool_var(""),
            easy_distance=distances["easy"],
            long_distance=distances["long"],
            quality_distance=distances["quality"],
            easy_minutes=minutes["easy"],
            long_minutes=minutes["long"],
            quality_minutes=minutes["quality"],
            distance=self.int_var(0, top),
            minutes=self.int_var(0, MINUTES_PER_DAY),
        )
        cp.add(v.run == sum(flags.values()))
        cp.add(v.distance == sum(distances.values()))
        cp.add(v.minutes == sum(minutes.values()))
        for flag, distance, duration in v.kinds():
            cp.add(distance >= flag)  # a run covers some distance ...
            cp.add(distance <= top * flag)  # ... and only a run does
            cp.add(duration <= MINUTES_PER_DAY * flag)
        if day.is_race:
            cp.add(v.rest == 0)
        else:  # rest <=> no run and no strength
            cp.add_bool_or([v.run, v.strength, v.rest])
            cp.add_implication(v.rest, v.run.Not())
            cp.add_implication(v.rest, v.strength.Not())
        v.load = (
            RPE["easy"] * v.easy_minutes
            + RPE["long"] * v.long_minutes
            + RPE["quality"] * v.quality_minutes
            + STRENGTH_RPE * self.instance.config.strength.minutes * v.strength
        )
        return v


def whole_plan(instance: Instance) -> Window:
    """Every day from the planning day to the plan's end free and checked."""
    days = range(instance.first, instance.days_total)
    return Window(free=days, checked=days)


def weeks_window(instance: Instance, weeks: range, fixed: dict[int, FixedDay], lookahead: bool = True) -> Window:
    """Plan weeks `weeks` free (from the planning day on), every earlier planned day fixed."""
    start = max(7 * (weeks.start - 1), instance.first)
    days = range(start, 7 * (weeks.stop - 1))
    return Window(free=days, checked=days, fixed=fixed, lookahead=lookahead)
