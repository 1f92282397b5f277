"""The settings every CP-SAT search of the planner starts from, in one place.

One search worker and a fixed seed make every search deterministic: the same model gives the
same answer on every run. Presolve runs without its outer loop, which costs more than it saves
on these models (docs/performance.md has the measurements behind each setting).
"""

from __future__ import annotations

from planner.lean_import import cp_model

SEED = 1
MIN_SECONDS = 0.05  # a search always gets a moment, even when the deadline has just passed
# a one-week model's shape: the full LP without cutting planes, no presolve and no probing (a
# model this small is solved faster than it is simplified)
WEEK = {"linearization_level": 2, "cut_level": 0, "cp_model_presolve": False, "cp_model_probing_level": 0}
# a one-week model's largest distance: the full LP, no cuts and no presolve
WEEK_DISTANCE = {"linearization_level": 2, "cut_level": 0, "cp_model_presolve": False}
# how close below its goal a week can come (and whether owed sessions fit): cutting planes prove a near miss fast
WEEK_REACH = {"linearization_level": 2, "cut_level": 1, "cp_model_presolve": False}
# the whole plan's volume: no LP, CP-SAT's own search
WHOLE_PLAN = {"linearization_level": 0}


def new_solver(seconds: float, workers: int = 1, **parameters) -> cp_model.CpSolver:
    """A solver that stops after `seconds` (at least MIN_SECONDS), with `workers` search workers
    and any further CP-SAT parameters by name."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(MIN_SECONDS, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = SEED
    solver.parameters.max_presolve_iterations = 0
    for name, value in parameters.items():
        setattr(solver.parameters, name, value)
    return solver


def solved(status) -> bool:
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
