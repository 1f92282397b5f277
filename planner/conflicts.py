"""Which rules cannot hold together: a minimal conflicting set, found by CP-SAT.

Every relaxable rule's constraints carry one enforcement literal per rule name
(`PlanModel(explain=True)`). Solving with all of them assumed true, an infeasible model yields a
sufficient set of assumptions (`SufficientAssumptionsForInfeasibility`); that set is then shrunk
by deletion (drop a rule, re-solve; keep it out if the rest is still infeasible) to a minimal
set, so every rule named is needed for the conflict. Each is reported with what its module
suggests changing (`Rule.suggestion`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from planner.lean_import import cp_model

import constraints
from planner.instance import Instance
from planner.model import PlanModel
from planner.result import RuleNote
from planner.solve.settings import new_solver

if TYPE_CHECKING:
    from planner.solve import Progress


def find_conflicts(instance: Instance, seconds: float, progress: "Progress | None" = None) -> list[RuleNote]:
    """A minimal set of rules that together leave no plan, found within `seconds` (empty when
    none was proven in time); `progress(message)`, if given, hears which rule is being tried."""
    deadline = time.perf_counter() + seconds
    m = PlanModel(instance, explain=True)
    constraints.build_all(m)
    switches = dict(m.switches)
    core = _infeasible_core(m, list(switches), switches, deadline)
    if core is None:
        return []
    suspects = list(core)
    for number, rule in enumerate(suspects, start=1):
        if time.perf_counter() >= deadline:
            break
        if progress:
            progress(f"looking for the rules that conflict: trying without {rule} ({number} of {len(suspects)})")
        trial = [r for r in core if r != rule]
        if _infeasible_core(m, trial, switches, deadline) is not None:
            core = trial
    core = sorted(core, key=list(switches).index)
    return [RuleNote(rule=rule, message=_message(rule, core)) for rule in core]


def _message(rule: str, core: list[str]) -> str:
    others = [r for r in core if r != rule]
    clash = f"conflicts with {', '.join(others)}" if others else "cannot hold for this config on its own"
    return f"{clash}: {constraints.RULES[rule].suggestion}"


def _infeasible_core(m: PlanModel, rules: list[str], switches: dict, deadline: float) -> list[str] | None:
    """Rules (a subset of `rules`) sufficient for infeasibility, or None if feasible/unknown."""
    m.cp.clear_assumptions()
    m.cp.add_assumptions([switches[rule] for rule in rules])
    solver = new_solver(deadline - time.perf_counter())
    if solver.solve(m.cp) != cp_model.INFEASIBLE:
        return None
    names = {switches[rule].index: rule for rule in rules}
    return [names[index] for index in solver.sufficient_assumptions_for_infeasibility() if index in names]
