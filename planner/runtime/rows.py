"""`Row`: the one summary of a plan, or of a plan that could not be made, for every table of
many plans (the batch's summary.csv and summary.html, a sweep's table).

The batch shows its columns (COLUMNS in planner.batch.summary); a sweep the figures an
analyst compares plans by (SUMMARY_UNITS, with `Row.figures`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PLANNED = ("optimal", "feasible", "halted")
FAILED = ("infeasible", "invalid", "error", "pending")

# A sweep's figures of one plan and their units ("{units}" is the athlete's unit).
SUMMARY_UNITS = {
    "peak_distance": "{units}",
    "weeks_to_target": "week number",
    "total_distance": "{units}",
    "total_load": "RPE x minutes",
    "max_acwr": "ratio",
    "strength_sessions": "sessions",
    "solve_seconds": "s",
}


@dataclass
class Row:
    """One plan's line: where it came from, its status and figures (None without days).

    `status` is the plan's (`optimal`, `feasible`, `halted`, `infeasible`), or `invalid` (the
    config did not validate), `error` (planning crashed) or `pending` (not planned yet: the
    summary of a batch still running, or interrupted)."""

    athlete: str
    source: str
    status: str
    weeks: int | None = None
    peak_distance: float | None = None  # largest week, a race's own distance left out
    target: float | None = None
    units: str = ""
    pain_level: str = ""
    limits: str = ""  # rules holding the peak below the target, "; "-separated
    solve_seconds: float | None = None
    error: str = ""
    output: str = ""  # plan file name inside a batch's OUT_DIR (the --format file)
    report: str = ""  # the athlete's HTML report beside it
    attention: str = ""  # why a coach should look, "; "-separated plain words (runtime.attention)
    attention_codes: str = ""  # ... and their codes, "; "-separated, most urgent first
    weekly: list[float] = field(default_factory=list)
    final: bool = True  # False when a re-run could end differently (a crash, a time limit hit first)
    weeks_to_target: int | None = None  # the first week at the target
    total_distance: float | None = None  # every run, the race included
    total_load: int | None = None
    max_acwr: float | None = None
    strength_sessions: int | None = None

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def failed(self) -> bool:
        return self.status in FAILED

    def figures(self) -> dict[str, Any]:
        """The SUMMARY_UNITS columns of this row."""
        return {column: getattr(self, column) for column in SUMMARY_UNITS}


def plan_row(plan, config, source: str = "", output: str = "") -> Row:
    """The row of a finished plan (`planner.result.Plan`) for `config`.

    peak_distance leaves the race day out, as the `target` rule does; total_distance counts
    every run, the race included; weeks_to_target is the first week whose distance (race day
    left out) reaches `goal.target_weekly_distance`, None if no week does."""
    row = Row(
        athlete=plan.athlete,
        source=source,
        status=plan.status,
        weeks=config.weeks,
        target=config.goal.target_weekly_distance,
        units=plan.units,
        pain_level=plan.pain.level,
        limits="; ".join(dict.fromkeys(note.rule for note in plan.explanation.limits)),
        solve_seconds=plan.solve_seconds,
        error=_failure(plan),
        output=output,
        weekly=[week.distance for week in plan.week_list],
        final=not plan.timed_out,
    )
    if plan.week_list:
        training = plan.training_distances()
        row.peak_distance = max(training)
        row.weeks_to_target = weeks_to_target(training, config.goal.target_weekly_distance)
        row.total_distance = round(sum(week.distance for week in plan.week_list), 1)
        row.total_load = sum(week.load for week in plan.week_list)
        row.max_acwr = max(week.max_acwr for week in plan.week_list)
        row.strength_sessions = sum(week.strength_sessions for week in plan.week_list)
    return row


def _failure(plan) -> str:
    """Why an infeasible plan has no days: the conflicting rules, or the time limit."""
    if plan.status != "infeasible":
        return ""
    if plan.timed_out:
        return " ".join(plan.warnings)
    conflicts = " | ".join(f"{note.rule}: {note.message}" for note in plan.explanation.conflicts)
    return "no plan satisfies the rules" + (f": {conflicts}" if conflicts else "")


def failure_row(name: str, source: str, status: str, message: str) -> Row:
    """A row without a plan: `invalid` (final), `error` or `pending` (tried again)."""
    return Row(athlete=name, source=source, status=status, error=message, final=status == "invalid")


def weeks_to_target(distances: Sequence[float], target: float) -> int | None:
    """The first week (1-based) whose distance reaches `target`, in the planner's tenths."""
    target_tenths = math.floor(target * 10 + 1e-9)  # the model's target, rounded down to 0.1
    for week, distance in enumerate(distances, start=1):
        if round(distance * 10) >= target_tenths:
            return week
    return None


def summary_units(units: str) -> dict[str, str]:
    """SUMMARY_UNITS with the athlete's distance unit filled in."""
    return {column: unit.format(units=units) for column, unit in SUMMARY_UNITS.items()}
