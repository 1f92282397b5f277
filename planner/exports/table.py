"""CSV: one row per day with every field of the plan's days, for spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas

    from planner.schema import Plan

LIST_SEPARATOR = "; "
LIST_FIELDS = ("strength_exercises", "warmup", "cooldown", "notes")


def days_table(plan: "Plan") -> "pandas.DataFrame":
    """`plan.days` with its list fields joined into text and a quality run's workout by its name
    (the whole workout is the day's first note), so that each cell is one value."""
    table = plan.days
    for column in LIST_FIELDS:
        table[column] = table[column].map(LIST_SEPARATOR.join)
    table["workout"] = table["workout"].map(lambda workout: workout["name"] if workout else "")  # its steps are in notes
    return table


def plan_csv(plan: "Plan") -> str:
    """The days as CSV (a header only for a plan without days: an infeasible one)."""
    return days_table(plan).to_csv(index=False)
