"""Solving: build the model, run the two phases of planner.objective, return a schedule.

Phase 1 (weekly volumes) branches on weekly distance largest-first, then on each week's long
run, with one search worker and no LP (`linearization_level=0`): measured on the examples, this
proves the volume optimum of 16-week plans in well under a second and of 52-week plans in about
two, where CP-SAT's default portfolio needed 3-10 s or found nothing.

Phase 2 (day shape, volumes fixed) is much harder to prove optimal, so it runs for a fixed
deterministic-time budget (`SHAPE_EFFORT`, CP-SAT's machine-independent work units) and keeps
the best plan found. Its status is then `feasible`; `optimal` means both phases were proven.

Deterministic for the same input: one search worker, a fixed seed and deterministic-time
budgets, so the same config gives the same plan on every run (unless the wall-clock time limit
cuts a phase short first).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from ortools.sat.python import cp_model

import constraints
from planner import objective
from planner.config import AthleteConfig
from planner.instance import Instance
from planner.model import PlanModel

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 1  # one CP-SAT search worker: deterministic, and fastest for these models
QUICK_VOLUME_EFFORT = 1.0  # phase 1 fixed-search budget before falling back (deterministic units)
SHAPE_EFFORT = 0.5  # phase 2 budget in CP-SAT deterministic time units (about 1-4 s here)
VOLUME_SHARE_OF_TIME = 0.6  # phase 1 may use this share of the limit; phase 2 gets the rest

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
    m.cp.Maximize(objective.volume(m))
    _volume_strategy(m)
    first, first_status = _solve_volumes(m, started + time_limit * VOLUME_SHARE_OF_TIME, workers)
    if first_status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        status = "infeasible" if first_status == cp_model.INFEASIBLE else "unknown"
        return instance, _empty(status, time.perf_counter() - started)
    fallback = _read(m, first, "feasible", 0.0)

    say("phase 2 of 2: days, long runs and strength with the volumes fixed")
    volumes = {w: first.Value(m.week_distance[w]) for w in m.week_numbers}
    _fix_volumes(m, volumes)
    _hint(m, first)
    m.cp.Minimize(objective.shape(m, _peak(instance, volumes)))
    m.cp.Proto().search_strategy.clear()  # phase 1's branching order is no use here
    second, second_status = _solve(m, max(deadline, time.perf_counter() + 0.5), workers, effort=SHAPE_EFFORT)
    if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        proven = first_status == cp_model.OPTIMAL and second_status == cp_model.OPTIMAL
        schedule = _read(m, second, "optimal" if proven else "feasible", 0.0)
    else:  # phase 2 found nothing in time: the phase-1 plan still obeys every rule
        schedule = fallback
    schedule.seconds = time.perf_counter() - started
    schedule.phase_status = (first.StatusName(first_status), second.StatusName(second_status))
    return instance, schedule


def _solve_volumes(m: PlanModel, deadline: float, workers: int) -> tuple[cp_model.CpSolver, int]:
    """Phase 1: the quick fixed search first; if it proves nothing within its effort budget
    (when availability, not the ramp, holds volumes down, largest-first branching wastes its
    time), CP-SAT's default search with LP bounds takes over from the best answer so far."""
    quick, status = _solve(m, deadline, workers, fixed_search=True, effort=QUICK_VOLUME_EFFORT)
    if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE) or time.perf_counter() >= deadline:
        return quick, status
    if status == cp_model.FEASIBLE:
        _hint(m, quick)
    solver = _solver(deadline - time.perf_counter(), workers)
    solver.parameters.linearization_level = 1
    return solver, solver.Solve(m.cp)


def _solve(
    m: PlanModel, deadline: float, workers: int, fixed_search: bool = False, effort: float | None = None
) -> tuple[cp_model.CpSolver, int]:
    solver = _solver(deadline - time.perf_counter(), workers)
    if fixed_search and workers == 1:
        solver.parameters.search_branching = cp_model.FIXED_SEARCH
    if effort is not None:
        solver.parameters.max_deterministic_time = effort
    return solver, solver.Solve(m.cp)


def _volume_strategy(m: PlanModel) -> None:
    """Branch on weekly distance largest-first, then on each week's long run."""
    weeks = list(m.week_numbers)
    m.cp.AddDecisionStrategy([m.week_distance[w] for w in weeks], cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE)
    m.cp.AddDecisionStrategy([m.week_long[w] for w in weeks], cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
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


def _read(m: PlanModel, solver: cp_model.CpSolver, status: str, seconds: float) -> Schedule:
    kinds, distances, minutes, strength = [], [], [], []
    for day, v in zip(m.instance.days, m.days):
        if day.is_race:
            kind = "race"
        elif solver.Value(v.long):
            kind = "long"
        elif solver.Value(v.quality):
            kind = "quality"
        elif solver.Value(v.easy):
            kind = "easy"
        else:
            kind = "rest"
        kinds.append(kind)
        distances.append(solver.Value(v.distance))
        minutes.append(solver.Value(v.minutes))
        strength.append(bool(solver.Value(v.strength)))
    return Schedule(status, seconds, kinds, distances, minutes, strength)


def _empty(status: str, seconds: float) -> Schedule:
    return Schedule(status, seconds, [], [], [], [])
