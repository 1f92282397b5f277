"""Whether the days left in a week the past holds can take the hip/core sessions it still owes.

A week with days already done (or days that must rest for the load ratio) owes exactly the
sessions not yet done; where its planned days cannot hold them (a long run, rest days and
minutes leave no room), it owes only as many as fit, with a warning (docs/replanning.md). Which
it is is found by trying: the model of the weeks from the planning day to that week, with the
sessions owed, solved for any plan.
"""

from __future__ import annotations

import time

from planner.instance import Instance
from planner.lean_import import cp_model
from planner.solve.settings import WEEK_REACH, new_solver
from planner.solve.week import span_model

SECONDS = 0.5  # per week tried (deterministic time too)


def held_weeks(instance: Instance) -> list[int]:
    """The planned weeks (race week aside) some of whose days the past decides."""
    return [w for w in range(instance.first_week, instance.weeks + 1)
            if w != instance.race_week and instance.held_by_the_past(w)]


def settle_owed_strength(instance: Instance, deadline: float) -> None:
    """Record in `instance.owed_strength_fits` each held week where the sessions owed do not fit."""
    for week in held_weeks(instance):
        if week in instance.owed_strength_fits:
            continue
        m = span_model(instance, range(instance.first_week, week + 1), {})
        solver = new_solver(min(SECONDS, max(0.0, deadline - time.perf_counter())), max_deterministic_time=SECONDS,
                            **WEEK_REACH)
        instance.owed_strength_fits[week] = solver.solve(m.cp) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
