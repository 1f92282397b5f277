"""Solving: build the model, run the two phases of planner.objective, return a schedule.

Phase 1 (weekly volumes) branches on weekly distance largest-first, then on each week's long
run, with one search worker and no LP (`linearization_level=0`): measured on the examples, this
proves the volume optimum of 16-week plans in well under a second and of 52-week plans in about
two, where CP-SAT's default portfolio needed 3-10 s or found nothing. Where that search and a
short CP-SAT search both fail (mostly where the load ratio cap binds), a plan is built up week
by week from the lowest one (`_build_up`) and handed to longer searches (`_solve_volumes`).

Phase 2 (day shape, volumes fixed) over all weeks at once could not be proven optimal even in
10 s: the rolling acute:chronic windows couple every day to its neighbours. It is solved week
by week instead (`WeekByWeek`): each week is re-planned with every other day fixed, which CP-SAT
proves optimal in 20-100 ms. Weeks tried two or five at a
time were far slower to prove.

Status `optimal` means: the weekly volumes are proven the largest the rules allow (phase 1),
and every week's day shape is proven optimal given the days around it when it was shaped
(phase 2, in week order). It is
`feasible` when the time limit cut either phase short (the plan still obeys every rule).

Deterministic for the same input: one search worker, a fixed seed and deterministic-time
budgets, so the same config gives the same plan on every run. A plan whose status is
`optimal` is the same plan however loaded the machine (see _solve_volumes); a `feasible` one
was cut short by the wall-clock limit and may differ from run to run.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Callable

from planner.lean_import import cp_model

import constraints
from planner import objective
from planner.config import AthleteConfig
from planner.capacity import week_capacities
from planner.instance import Instance
from planner.model import DayVars, PlanModel
from planner.solver_settings import new_solver

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 1  # one CP-SAT search worker: deterministic, and fastest for these models
ANY_PLAN = {"linearization_level": 1, "max_deterministic_time": 4.0}  # see _any_plan
FIXED_SEARCH_EFFORT = 0.04  # the first search's budget per plan week (at least MIN_FIXED_SEARCH_EFFORT)
MIN_FIXED_SEARCH_EFFORT = 0.3
LARGEST_FIRST = {"search_branching": cp_model.FIXED_SEARCH}  # budget: _fixed_search_effort
BUILD_UP = {"max_deterministic_time": 1.0}  # the lowest plan's budget; see _build_up
VOLUME_STAGES = (  # phase 1 searches, in order (see _solve_volumes); budgets in deterministic units
    LARGEST_FIRST,
    {"max_deterministic_time": 0.75},
    BUILD_UP,
    {"max_deterministic_time": 4.0},
    ANY_PLAN,  # only when no plan was found yet
    {"linearization_level": 1},
)
WEEK_EFFORT = 0.5  # phase 2 budget per week, in CP-SAT deterministic time units
VOLUME_SHARE_OF_TIME = 0.6  # phase 1 may start searches within this share of the limit ...
BUDGETED_SHARE_OF_TIME = 0.85  # ... and let those with a deterministic budget run on to this one

Progress = Callable[[str], None]


@dataclass
class Schedule:
    """The solver's answer: per-day decisions read off the variables, or none."""

    status: str  # optimal | feasible | infeasible | unknown
    seconds: float
    kinds: list[str]
    distances: list[int]  # tenths (training runs; the race is added by the result)
    minutes: list[int]
    strength: list[bool]
    phase_status: tuple[str, ...] = ()
    capacities: dict[int, int] = dataclasses.field(default_factory=dict)  # planner.capacity bounds


def solve_schedule(
    config: AthleteConfig,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> tuple[Instance, Schedule]:
    """Build and solve the model for `config` (which must not be halted by pain)."""
    started = time.perf_counter()
    deadline = started + time_limit
    say = progress or (lambda _message: None)
    instance = Instance(config)
    m = PlanModel(instance)
    constraints.build_all(m)

    say(f"phase 1 of 2: weekly volumes for {instance.weeks} weeks")
    capacities = week_capacities(instance)
    for week, capacity in capacities.items():  # redundant bounds: see capacity.py
        m.cp.Add(m.week_distance[week] <= capacity)
    m.cp.Maximize(objective.volume(m))
    _volume_strategy(m)
    first, first_status = _solve_volumes(
        m, started + time_limit * VOLUME_SHARE_OF_TIME, started + time_limit * BUDGETED_SHARE_OF_TIME, workers,
        last_resort=deadline,
    )
    if first_status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        status = "infeasible" if first_status == cp_model.INFEASIBLE else "unknown"
        return instance, _empty(status, time.perf_counter() - started)

    say("phase 2 of 2: days, long runs and strength, week by week, with the volumes fixed")
    volumes = {w: first.Value(m.week_distance[w]) for w in m.week_numbers}
    _fix_volumes(m, volumes)
    m.cp.Minimize(objective.shape(m, _peak(instance, volumes)))
    m.cp.Proto().search_strategy.clear()  # phase 1's branching order is no use here
    shaper = WeekByWeek(m, first.Value)
    proven = shaper.run(deadline, workers)
    volume_proven = first_status == cp_model.OPTIMAL
    status = "optimal" if volume_proven and proven else "feasible"
    schedule = _read(m, shaper.value, status, time.perf_counter() - started)
    schedule.phase_status = (first.StatusName(first_status), "OPTIMAL" if proven else "FEASIBLE")
    schedule.capacities = capacities
    return instance, schedule


class WeekByWeek:
    """Phase 2: re-plan one week at a time with every other day fixed at its current values.

    Each week's problem is tiny (seven days free, the rest constants), so CP-SAT proves it
    optimal in milliseconds; weeks go in order, each seeing the weeks before it already shaped
    and the weeks after it as phase 1 left them. So each week is proven optimal given the days
    around it when it is shaped; that is not a proven optimum over all weeks at once (nor is
    an early week re-shaped once the weeks after it change). Days are fixed by narrowing the
    variables' domains in the model proto and restored afterwards."""

    def __init__(self, m: PlanModel, value):
        self.m = m
        self.day_vars = [[getattr(v, f.name) for f in dataclasses.fields(DayVars)] for v in m.days]
        self.values = {var.Index(): value(var) for day in self.day_vars for var in day}
        self.variables = m.cp.Proto().variables
        self.bounds = {
            var.Index(): tuple(self.variables[var.Index()].domain) for day in self.day_vars for var in day
        }

    def value(self, var) -> int:
        return self.values[var.Index()]

    def run(self, deadline: float, workers: int) -> bool:
        """Shape every week in order; True when every week was proven optimal. Weeks the time
        limit does not reach keep their phase-1 days (which obey every rule)."""
        for day in range(len(self.day_vars)):
            self._fix(day)
        proven = True
        for week in self.m.week_numbers:
            if time.perf_counter() >= deadline:
                return False
            proven &= self._shape(week, deadline, workers)
        return proven

    def _shape(self, week: int, deadline: float, workers: int) -> bool:
        days = range(7 * (week - 1), 7 * week)
        for day in days:
            self._free(day)
        self.m.cp.ClearHints()
        for day in days:
            for var in self.day_vars[day]:
                self.m.cp.AddHint(var, self.value(var))
        solver = _solver(deadline - time.perf_counter(), workers)
        solver.parameters.max_deterministic_time = WEEK_EFFORT
        # a week's problem is tiny once presolved: LP bounds and a search that raises the
        # objective's lower bound prove it fastest (measured on the 16-week half marathon:
        # phase 2 from 1.7 s to 1.0 s of CPU with the lower-bound search)
        solver.parameters.linearization_level = 1
        solver.parameters.use_objective_lb_search = True
        # no cutting planes: on a week this small they cost more than the search they save
        # (measured on 33 athletes: phase 2 about 30 % less CPU, every week still proven)
        solver.parameters.cut_level = 0
        status = solver.Solve(self.m.cp)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for day in days:
                for var in self.day_vars[day]:
                    self.values[var.Index()] = solver.Value(var)
        for day in days:
            self._fix(day)
        return status == cp_model.OPTIMAL

    def release(self) -> None:
        """Give every day its full domain back."""
        for day in range(len(self.day_vars)):
            self._free(day)

    def _fix(self, day: int) -> None:
        for var in self.day_vars[day]:
            domain = self.variables[var.Index()].domain
            domain[0] = domain[1] = self.values[var.Index()]

    def _free(self, day: int) -> None:
        """Restore the day's variables to their full domains (as created by the model)."""
        for var in self.day_vars[day]:
            domain = self.variables[var.Index()].domain
            domain[0], domain[1] = self.bounds[var.Index()]


def _solve_volumes(
    m: PlanModel, deadline: float, hard_deadline: float, workers: int, last_resort: float | None = None
) -> tuple[cp_model.CpSolver | None, int]:
    """Phase 1 as a sequence of searches, each starting from the best answer so far and each
    with a deterministic budget; the first to prove optimality (or infeasibility) ends it.

    A search starts only before `deadline` (phase 1's share of the time limit). One with a
    deterministic budget may run on to `hard_deadline` (most of the limit): were the wall clock
    to cut it short on a loaded machine, the next search would start from a different hint
    and might settle on a different plan of the same volume. So a plan proven optimal is the
    same plan however busy the machine; when the clock does cut in, the status says feasible.
    Once the clock has cut in, or `deadline` has passed, with no plan found at all, the stages
    that find any plan (BUILD_UP, then ANY_PLAN) still run, until `last_resort` (the whole
    time limit; there is no day shaping to leave time for without a plan). On a hard athlete
    the first two searches alone can take 6 s of a 10 s limit (measured: acwr_max 1.1, 11
    weeks), and the build-up then still finds a plan.

    No single search was fast on every athlete measured: largest-first fixed search proves
    ramp-bound plans in under a second but thrashes on some low-history ones, where CP-SAT's
    own search without LP (the next stage, a short budget) proves them in 0.01-0.7 units.
    Where neither proves the plan, BUILD_UP builds one week by week (see _build_up) and hands
    the better of its plan and any found so far on as the hint of a longer CP-SAT search; this
    is what gives plans where the load ratio binds. ANY_PLAN (a plan without the objective)
    is tried only when still nothing was found; the LP search is the last resort.
    (ANY_PLAN tried first, right after the fixed search, gave valid plans more often but poor
    ones: a 16 km peak where 50 km was possible, which the searches after it could not raise
    in their budgets. BUILD_UP tried right after the fixed search cost 20 % more phase-1 CPU
    on ordinary athletes, whom the short CP-SAT search proves without it.)"""
    last_resort = hard_deadline if last_resort is None else last_resort
    best: tuple[cp_model.CpSolver, int] | None = None
    last: tuple[cp_model.CpSolver | None, int] = (None, cp_model.UNKNOWN)  # no time for any search
    cut = False  # the clock ended a budgeted search: only the rescue stages may follow
    for stage in VOLUME_STAGES:
        rescue = best is None and stage in (BUILD_UP, ANY_PLAN)
        if (cut or time.perf_counter() >= deadline) and not rescue:
            continue
        if stage is ANY_PLAN and best is not None:
            continue  # only for when nothing else found a plan
        budget = _fixed_search_effort(m) if stage is LARGEST_FIRST else stage.get("max_deterministic_time")
        budgeted = budget is not None
        stop = last_resort if rescue else hard_deadline if budgeted else deadline
        if time.perf_counter() >= stop:
            break
        if stage is BUILD_UP or stage is ANY_PLAN:
            found = (_build_up if stage is BUILD_UP else _any_plan)(m, stage, stop, workers)
            if found is not None and (best is None or _volume(m, found) > _volume(m, best[0])):
                best = (found, cp_model.FEASIBLE)
            if best is not None:
                _hint(m, best[0])
            cut = cut or time.perf_counter() >= hard_deadline  # what follows would depend on load
            continue
        solver = _stage_solver(stage, stop, workers)
        if budgeted:
            solver.parameters.max_deterministic_time = budget
        status = solver.Solve(m.cp)
        last = (solver, status)
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            return solver, status
        if status == cp_model.FEASIBLE and (best is None or _volume(m, solver) > _volume(m, best[0])):
            best = (solver, status)
        # the clock, not the budget, ended this search: what follows would depend on load
        cut = cut or (budgeted and time.perf_counter() >= hard_deadline)
        if best is not None:
            _hint(m, best[0])
    return best if best is not None else last


def _fixed_search_effort(m: PlanModel) -> float:
    """The largest-first search's budget grows with the plan: measured, it proves 16-week plans
    in at most 0.46 deterministic units (the half marathon) and 52-week ones in 0.65 (the
    beginner). Where it fails, it thrashes for its whole budget, while CP-SAT's own search after
    it then needs 0.01-0.7 units. Measured on 180 synthetic 16-week athletes, 0.6 instead of a
    fixed 1.0 took 8-15 % off phase 1's CPU, with the same volumes."""
    return max(MIN_FIXED_SEARCH_EFFORT, FIXED_SEARCH_EFFORT * m.instance.weeks)


def _volume(m: PlanModel, solver: cp_model.CpSolver) -> int:
    return solver.Value(objective.volume(m))


def _any_plan(m: PlanModel, stage: dict, deadline: float, workers: int) -> cp_model.CpSolver | None:
    """Any plan that obeys the rules, searched for without the volume objective. When the load
    ratio (acwr_max) binds, the optimizing searches can run for many seconds without finding a
    single plan (measured: the half marathon with acwr_max 1.1 or 1.2 found none in 18 s), while
    a plan, any plan, takes about a second; the next search improves on it."""
    return _solved(_stage_solver(stage, deadline, workers), _without_objective(m))


def _build_up(m: PlanModel, stage: dict, deadline: float, workers: int) -> cp_model.CpSolver | None:
    """A good plan fast where the searches over the whole plan find none: the lowest plan the
    rules allow, then each week in turn raised as far as the rules allow with every other week
    as it is (WeekByWeek with phase 1's objective), as a runner would build up week by week.

    Where the load ratio (acwr_max) binds, proving the best volumes is out of reach, and the
    largest-first search finds no plan at all: it sets every week to its ramp cap and then
    cannot place the days under the ratio. The lowest plan is found at once, and every later
    week only gains from the weeks before it rising (the ramp, long-run and ratio caps all grow
    with them). The build-up itself takes 1-1.5 s for 16 weeks. Measured on the half marathon
    with acwr_max 1.1 / 1.17 / 1.23, the whole plan now runs 531 / 668 / 697 km, where before
    there was no plan, 629 km and 570 km; with 1.3 the build-up alone reaches the proven
    optimum. The model's hints are cleared afterwards."""
    lowest = _lowest_plan(m, stage, deadline, workers)
    if lowest is None:
        return None
    builder = WeekByWeek(m, lowest.Value)
    builder.run(deadline, workers)  # weeks the clock does not reach stay at the lowest plan
    solved = _solved(_solver(deadline - time.perf_counter(), workers), m.cp)  # every day fixed: reads the rest
    builder.release()
    m.cp.ClearHints()
    return solved


def _lowest_plan(m: PlanModel, stage: dict, deadline: float, workers: int) -> cp_model.CpSolver | None:
    """A plan with each week as short as the rules allow, earliest week first."""
    lowest = _without_objective(m)
    weeks = [lowest.GetIntVarFromProtoIndex(m.week_distance[w].Index()) for w in m.week_numbers]
    lowest.AddDecisionStrategy(weeks, cp_model.CHOOSE_FIRST, cp_model.SELECT_MIN_VALUE)
    solver = _stage_solver(stage, deadline, workers)
    solver.parameters.search_branching = cp_model.FIXED_SEARCH
    return _solved(solver, lowest)


def _without_objective(m: PlanModel) -> cp_model.CpModel:
    """A copy of phase 1's model without its objective or branching order: any plan will do."""
    model = m.cp.Clone()
    model.Proto().clear_objective()
    model.Proto().search_strategy.clear()
    return model


def _stage_solver(stage: dict, deadline: float, workers: int) -> cp_model.CpSolver:
    """A solver with a phase-1 stage's parameters, stopping at `deadline` at the latest."""
    solver = _solver(deadline - time.perf_counter(), workers)
    for name, value in stage.items():
        setattr(solver.parameters, name, value)
    return solver


def _solved(solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolver | None:
    """`solver` once it has found a plan of `model`, else None."""
    return solver if solver.Solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def _volume_strategy(m: PlanModel) -> None:
    """Branch on weekly distance largest-first, then on each week's long run."""
    weeks = list(m.week_numbers)
    m.cp.AddDecisionStrategy([m.week_distance[w] for w in weeks], cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE)
    m.cp.AddDecisionStrategy([m.week_long[w] for w in weeks], cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    """The shared settings (planner.solver_settings), with no LP unless a stage asks for it."""
    solver = new_solver(max(0.1, seconds), workers)
    solver.parameters.linearization_level = 0
    return solver


def _fix_volumes(m: PlanModel, volumes: dict[int, int]) -> None:
    race_week = m.instance.race_week
    for week, value in volumes.items():
        if week != race_week:
            m.cp.Add(m.week_distance[week] == value)


def _hint(m: PlanModel, solver: cp_model.CpSolver) -> None:
    m.cp.ClearHints()
    for v in m.days:
        for var in (v.easy, v.long, v.quality, v.strength, v.distance, v.minutes):
            m.cp.AddHint(var, solver.Value(var))


def _peak(instance: Instance, volumes: dict[int, int]) -> int:
    race_week = instance.race_week or instance.weeks + 1
    before_taper = [volumes[w] for w in volumes if w < race_week - 1]
    return max(before_taper) if before_taper else instance.history_peak


def _read(m: PlanModel, value, status: str, seconds: float) -> Schedule:
    """Read the schedule off the variables; `value(var)` gives a variable's value."""
    kinds, distances, minutes, strength = [], [], [], []
    for day, v in zip(m.instance.days, m.days):
        if day.is_race:
            kind = "race"
        elif value(v.long):
            kind = "long"
        elif value(v.quality):
            kind = "quality"
        elif value(v.easy):
            kind = "easy"
        else:
            kind = "rest"
        kinds.append(kind)
        distances.append(value(v.distance))
        minutes.append(value(v.minutes))
        strength.append(bool(value(v.strength)))
    return Schedule(status, seconds, kinds, distances, minutes, strength)


def _empty(status: str, seconds: float) -> Schedule:
    return Schedule(status, seconds, [], [], [], [])
