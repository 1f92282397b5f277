"""The model core: CP-SAT variables for every day and week of the plan.

`PlanModel` creates the decision variables and the definitions that tie them together (a run's
distance is zero unless the day has a run, a week's distance is the sum of its days, ...). The
rules themselves live in `constraints/`, one module per SPEC rule, each with a `build(m)` that
adds its constraints through `m.add(...)`. With `explain=True` every rule's constraints are
guarded by one enforcement literal per rule name (`m.switches`), so the solver can say which
rules conflict.

Units: distances in tenths of the athlete's unit, durations in minutes, loads in session-RPE
points (minutes x RPE).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.lean_import import cp_model

from planner.instance import RPE, STRENGTH_RPE, Day, Instance


@dataclass
class DayVars:
    """Decision variables of one plan day (the race itself is a constant, not a variable).

    Each run kind has its own distance and minutes, zero unless the day has that kind of run,
    so loads and paces are plain linear expressions (a tight LP, no big-M channels)."""

    easy: cp_model.IntVar
    long: cp_model.IntVar
    quality: cp_model.IntVar
    run: cp_model.IntVar  # a training run (easy, long or quality); the race is not one
    strength: cp_model.IntVar
    rest: cp_model.IntVar  # full rest: no run, no race, no strength
    easy_distance: cp_model.IntVar  # tenths
    long_distance: cp_model.IntVar
    quality_distance: cp_model.IntVar
    easy_minutes: cp_model.IntVar
    long_minutes: cp_model.IntVar
    quality_minutes: cp_model.IntVar
    distance: cp_model.IntVar  # tenths of all training running that day
    minutes: cp_model.IntVar  # minutes of all training running that day

    def kinds(self):
        """(flag, distance, minutes) of each run kind."""
        return (
            (self.easy, self.easy_distance, self.easy_minutes),
            (self.long, self.long_distance, self.long_minutes),
            (self.quality, self.quality_distance, self.quality_minutes),
        )


class PlanModel:
    """Variables and definitions of a plan; rules are added by the constraint modules."""

    def __init__(self, instance: Instance, explain: bool = False):
        self.instance = instance
        self.cp = cp_model.CpModel()
        self.explain = explain
        self.switches: dict[str, cp_model.IntVar] = {}
        self.days = [self._day_vars(day) for day in instance.days]
        self.week_distance = {w: self._week_distance(w) for w in self.week_numbers}
        self.week_long = {w: self._sum(w, "long_distance", f"week_long_{w}") for w in self.week_numbers}
        self.long_count = {w: self._sum(w, "long", f"long_count_{w}", upper=7) for w in self.week_numbers}
        self.has_long = {w: self._any(self.long_count[w], f"has_long_{w}") for w in self.week_numbers}
        self.week_max_run = {w: self._week_max_run(w) for w in self.week_numbers}
        self.load = [self._load(v) for v in self.days]

    # ---- shape -----------------------------------------------------------------------------
    @property
    def week_numbers(self) -> range:
        return range(1, self.instance.weeks + 1)

    def week_vars(self, week: int) -> list[tuple[Day, DayVars]]:
        return [(day, self.days[day.index]) for day in self.instance.week_days(week)]

    def running(self, index: int):
        """1 if the day has any run, the race included (a constant outside the plan)."""
        if not 0 <= index < len(self.days):
            return 0
        return self.days[index].run + (1 if self.instance.days[index].is_race else 0)

    # ---- adding rules -------------------------------------------------------------------
    def switch(self, rule: str) -> cp_model.IntVar:
        if rule not in self.switches:
            self.switches[rule] = self.cp.NewBoolVar(f"rule_{rule}")
        return self.switches[rule]

    def add(self, rule: str, constraint, when=()):
        """Add a rule's linear constraint, optionally only when all literals in `when` hold."""
        ct = self.cp.Add(constraint)
        guards = list(when) + ([self.switch(rule)] if self.explain else [])
        if guards:
            ct.OnlyEnforceIf(guards)
        return ct

    def forbid(self, rule: str, literals, when=()):
        """Not all of `literals` may hold (at the same time)."""
        return self.add(rule, sum(literals) <= len(literals) - 1, when)

    # ---- variables and definitions ----------------------------------------------------
    def _day_vars(self, day: Day) -> DayVars:
        cp, n = self.cp, day.index
        top = self.instance.max_run_tenths
        flags = {kind: cp.NewBoolVar(f"{kind}_{n}") for kind in ("easy", "long", "quality")}
        distances = {kind: cp.NewIntVar(0, top, f"{kind}_distance_{n}") for kind in flags}
        minutes = {kind: cp.NewIntVar(0, 1440, f"{kind}_minutes_{n}") for kind in flags}
        v = DayVars(
            easy=flags["easy"],
            long=flags["long"],
            quality=flags["quality"],
            run=cp.NewBoolVar(f"run_{n}"),
            strength=cp.NewBoolVar(f"strength_{n}"),
            rest=cp.NewBoolVar(f"rest_{n}"),
            easy_distance=distances["easy"],
            long_distance=distances["long"],
            quality_distance=distances["quality"],
            easy_minutes=minutes["easy"],
            long_minutes=minutes["long"],
            quality_minutes=minutes["quality"],
            distance=cp.NewIntVar(0, top, f"distance_{n}"),
            minutes=cp.NewIntVar(0, 1440, f"minutes_{n}"),
        )
        cp.Add(v.run == sum(flags.values()))
        cp.Add(v.distance == sum(distances.values()))
        cp.Add(v.minutes == sum(minutes.values()))
        for flag, distance, duration in v.kinds():
            cp.Add(distance >= flag)  # a run covers some distance ...
            cp.Add(distance <= top * flag)  # ... and only a run does
            cp.Add(duration <= 1440 * flag)
        if day.is_race:
            cp.Add(v.rest == 0)
        else:  # rest <=> no run and no strength
            cp.AddBoolOr([v.run, v.strength, v.rest])
            cp.AddImplication(v.rest, v.run.Not())
            cp.AddImplication(v.rest, v.strength.Not())
        return v

    def _sum(self, week: int, attribute: str, name: str, upper: int | None = None):
        terms = [getattr(v, attribute) for _, v in self.week_vars(week)]
        bound = upper if upper is not None else 7 * self.instance.max_run_tenths
        total = self.cp.NewIntVar(0, bound, name)
        self.cp.Add(total == sum(terms))
        return total

    def _any(self, count, name: str):
        """A boolean that is 1 exactly when `count` (0..7) is positive."""
        flag = self.cp.NewBoolVar(name)
        self.cp.Add(count >= flag)
        self.cp.Add(count <= 7 * flag)
        return flag

    def _week_distance(self, week: int):
        """Training distance of a week (tenths): the race is left out, as every rule wants."""
        return self._sum(week, "distance", f"week_distance_{week}")

    def _week_max_run(self, week: int):
        top = self.cp.NewIntVar(0, self.instance.max_run_tenths, f"week_max_run_{week}")
        self.cp.AddMaxEquality(top, [v.distance for _, v in self.week_vars(week)])
        return top

    def _load(self, v: DayVars):
        """Training load of a day (session-RPE x minutes); the race's load is left out of rules."""
        strength_minutes = self.instance.config.strength.minutes
        return (
            RPE["easy"] * v.easy_minutes
            + RPE["long"] * v.long_minutes
            + RPE["quality"] * v.quality_minutes
            + STRENGTH_RPE * strength_minutes * v.strength
        )

    # ---- history as constants ----------------------------------------------------------
    def week_distance_at(self, week: int):
        """Distance of plan week `week`; weeks <= 0 come from history (constants)."""
        if week >= 1:
            return self.week_distance[week]
        return self.instance.history_week(week)
