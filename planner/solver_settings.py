"""The settings every CP-SAT search of the planner starts from, in one place.

Phase 1 and 2 (planner.solve), the week capacities (planner.capacity), the explanations of an
infeasible plan (planner.conflicts) and of a plan below its target (planner.limits) each tune
their searches further; what they share is set here.
"""

from __future__ import annotations

from planner.lean_import import cp_model

SEED = 1  # with one search worker and deterministic budgets: the same config gives the same plan
MIN_SECONDS = 0.05  # a search always gets a moment, even when the deadline has just passed


def new_solver(seconds: float, workers: int = 1) -> cp_model.CpSolver:
    """A solver that stops after `seconds` (at least MIN_SECONDS), with `workers` search workers.

    Presolve runs without its outer loop: further passes cost more than they save on these
    models (measured on 33 athletes: phase 1 CPU 19.3 s with one extra pass against 12.9 s
    without, phase 2 26.0 s against 18.3 s, week capacities 3.4 s against 1.5 s; the default
    three passes cost more still)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(MIN_SECONDS, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = SEED
    solver.parameters.max_presolve_iterations = 0
    return solver
