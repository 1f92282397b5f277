"""Which rules cannot hold together: a minimal conflicting set, found by CP-SAT.

Every rule's constraints carry one enforcement literal per rule name (`PlanModel(explain=True)`).
Solving with all of them assumed true, an infeasible model yields a sufficient set of
assumptions (`SufficientAssumptionsForInfeasibility`); that set is then shrunk by deletion (drop
a rule, re-solve; keep it out if the rest is still infeasible) to a minimal set, so every rule
named is needed for the conflict.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from planner.lean_import import cp_model

import constraints
from planner.instance import Instance
from planner.model import PlanModel
from planner.solver_settings import new_solver
from planner.result import RuleNote

if TYPE_CHECKING:
    from planner.solve import Progress

SUGGESTIONS = {
    "availability": "add minutes on the available days, or another available day",
    "blackout": "remove a blackout date",
    "pace": "check athlete.easy_pace",
    "min_run_minutes": "lower rules.min_run_minutes",
    "target": "raise goal.target_weekly_distance",
    "max_weekly_increase": "raise rules.max_weekly_increase or start from a higher history",
    "cutback": "set rules.cutback_every to 0 or lower rules.cutback_reduction",
    "long_runs": "add a long-run day (availability.long_run_days) with enough minutes",
    "long_run_max_share": "raise rules.long_run_max_share or add running days",
    "long_run_step": "raise rules.long_run_step or history.longest_recent_run",
    "long_run_max_minutes": "raise rules.long_run_max_minutes",
    "run_spike": "raise rules.run_spike or history.longest_recent_run",
    "easy_below_long": "add available days so easy runs can stay shorter than the long run",
    "min_rest_days": "lower rules.min_rest_days or free another day",
    "max_consecutive_run_days": "raise rules.max_consecutive_run_days",
    "after_long": "add a long-run day that is not the day before a race or quality session",
    "strength": "lower strength.sessions_per_week or free days that are not long-run days",
    "quality": "lower quality_sessions_per_week",
    "acwr_max": "your recent history already loads you above the cap; raise rules.acwr_max or start later",
    "race": "move goal.race.date",
    "taper": "move goal.race.date later so the plan has build weeks before the taper",
    "pain": "the pain adjustments of weeks 1-2 leave no room; move plan.start later",
}
EXPLAIN_SECONDS = 10.0


def find_conflicts(
    instance: Instance, seconds: float = EXPLAIN_SECONDS, progress: Progress | None = None
) -> list[RuleNote]:
    """A minimal set of rules that together leave no plan (empty when none was proven);
    `progress(message)`, if given, hears which rule is being tried without."""
    deadline = time.perf_counter() + seconds
    m = PlanModel(instance, explain=True)
    constraints.build_all(m)
    switches = dict(m.switches)
    core = _infeasible_core(m, list(switches), switches, deadline)
    if core is None:
        return []
    suspects = list(core)
    for number, rule in enumerate(suspects, start=1):
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
    return f"{clash}: {SUGGESTIONS.get(rule, 'relax it')}"


def _infeasible_core(m: PlanModel, rules: list[str], switches: dict, deadline: float) -> list[str] | None:
    """Rules (a subset of `rules`) sufficient for infeasibility, or None if feasible/unknown."""
    m.cp.ClearAssumptions()
    m.cp.AddAssumptions([switches[rule] for rule in rules])
    solver = new_solver(max(0.1, deadline - time.perf_counter()))
    if solver.Solve(m.cp) != cp_model.INFEASIBLE:
        return None
    names = {switches[rule].Index(): rule for rule in rules}
    return [names[index] for index in solver.SufficientAssumptionsForInfeasibility() if index in names]
