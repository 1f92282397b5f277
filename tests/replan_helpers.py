"""Training logs made from a plan, for the re-planning, export and batch tests: the plan's first
days run as planned, some left out (missed) or run at another distance."""

from __future__ import annotations

import copy


def as_run(plan, days: int, skip=(), change=None) -> list[dict]:
    """Log entries for the plan's first `days` days, run as planned except the dates in `skip`
    (not run) and `change` (date -> distance run instead)."""
    entries = []
    for day in plan.day_list[:days]:
        when = str(day.date)
        if when in skip:
            continue
        if day.run_kind != "rest":
            distance = (change or {}).get(when, day.distance)
            kind = "race" if day.run_kind == "race" else day.run_kind
            minutes = day.run_minutes if distance == day.distance else round(distance * 6)
            entries.append({"date": when, "kind": kind, "distance": distance, "minutes": minutes})
        if day.strength:
            entries.append({"date": when, "kind": "strength", "minutes": day.strength_minutes})
    return entries


def with_log(data: dict, entries: list[dict]) -> dict:
    """The config `data` with `entries` as its inline log."""
    return copy.deepcopy(data) | {"log": {"entries": entries}}
