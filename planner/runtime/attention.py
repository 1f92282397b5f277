"""Why a coach should look at an athlete, from the plan (planner.schema) and the previous one.

`reasons` gives each reason with a machine-readable code and a plain sentence, most urgent
first (CODES): a pain red flag, new pain (a level worse than in the previous plan), missed
sessions (past days whose adherence is `missed`), running more than planned (`extra` days, or
`partial` ones run longer than planned, and the notices of rules the log had already
exceeded, codes `waived_*`), and a peak below the target. It reads the plan's fields and
notice codes, never its warning text. A batch's summary lists these athletes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.runtime.rows import weeks_to_target

if TYPE_CHECKING:
    from planner.schema import Plan, PlanDay

CODES = ("red_flag", "new_pain", "missed", "ran_more", "below_target")  # most urgent first
PAIN_ORDER = ("none", "mild", "persistent", "red_flag")
WAIVED = "waived_"  # the notice code prefix of a rule the log had already used up (docs/replanning.md)
DAYS_NAMED = 4  # days listed in a sentence; the rest are counted


@dataclass(frozen=True)
class Reason:
    code: str  # one of CODES
    text: str  # plain words, with the days and numbers


def reasons(plan: "Plan", previous: "Plan | None", target: float) -> list[Reason]:
    """Every reason to look at `plan`, most urgent first; `previous` is the plan it was
    re-planned from (None for a plan made afresh), `target` the weekly target distance."""
    found = [red_flag(plan), new_pain(plan, previous), missed(plan), ran_more(plan), below_target(plan, target)]
    return [reason for reason in found if reason is not None]


def rank(codes: list[str]) -> int:
    """The position in CODES of the most urgent code (len(CODES) for none): to sort athletes."""
    return min((CODES.index(code) for code in codes if code in CODES), default=len(CODES))


def red_flag(plan: "Plan") -> Reason | None:
    if plan.pain.level != "red_flag":
        return None
    because = f" ({'; '.join(plan.pain.reasons)})" if plan.pain.reasons else ""
    return Reason("red_flag", f"pain red flag{because}: training is halted until a physical therapist or doctor "
                              "has seen the athlete")


def new_pain(plan: "Plan", previous: "Plan | None") -> Reason | None:
    """Mild or persistent pain worse than the previous plan's (a red flag is its own reason)."""
    level = plan.pain.level
    before = previous.pain.level if previous is not None else "none"
    if level not in ("mild", "persistent") or PAIN_ORDER.index(level) <= PAIN_ORDER.index(before):
        return None
    was = "no previous plan" if previous is None else f"{before.replace('_', ' ')} in the previous plan"
    because = f": {'; '.join(plan.pain.reasons)}" if plan.pain.reasons else ""
    return Reason("new_pain", f"new {level} pain ({was}){because}")


def missed(plan: "Plan") -> Reason | None:
    days = [day for day in plan.day_list if day.logged and day.adherence == "missed"]
    if not days:
        return None
    named = [f"{_when(day)} ({day.planned})" for day in days]
    return Reason("missed", f"missed {_count(len(days), 'planned run')}: {_listed(named)}")


def ran_more(plan: "Plan") -> Reason | None:
    """Runs on planned rest days, runs longer than planned beyond the 20 % of `done`, and the
    rules the log had already exceeded (their notices say what the re-plan did about it)."""
    units = plan.units
    items = [f"{_when(day)} {day.distance:.1f} {units} {_against(day)}" for day in plan.day_list if _over(day)]
    waived = [notice.message for notice in plan.notices if notice.code.startswith(WAIVED)]
    if not items and not waived:
        return None
    parts = [f"ran more than planned: {_listed(items)}"] if items else []
    return Reason("ran_more", "; ".join(parts + waived))


def below_target(plan: "Plan", target: float) -> Reason | None:
    """A plan whose largest week (race day left out) falls short of the target."""
    if plan.status not in ("optimal", "feasible") or not plan.week_list:
        return None
    training = plan.training_distances()
    if weeks_to_target(training, target) is not None:
        return None
    held = list(dict.fromkeys(note.rule for note in plan.explanation.limits))
    by = f", held there by {', '.join(held)}" if held else ""
    return Reason("below_target", f"peaks at {max(training):.1f} of the {target:g} {plan.units} target{by}")


def _over(day: "PlanDay") -> bool:
    if not day.logged:
        return False
    if day.adherence == "extra":
        return True
    return day.adherence == "partial" and day.planned_distance is not None and day.distance > day.planned_distance


def _against(day: "PlanDay") -> str:
    if day.adherence == "extra":
        return "on a planned rest day"
    return f"where {day.planned} was planned"


def _when(day: "PlanDay") -> str:
    return day.date.strftime("%a %d %b")


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:DAYS_NAMED])
    return shown + (f" and {len(items) - DAYS_NAMED} more" if len(items) > DAYS_NAMED else "")
