"""Pain check-ins → a pain level and what it changes (docs/rules.md, Pain).

The level is the first that matches, looking at check-ins from the planning day - 14 through
the planning day (plan.start for a new plan, the re-plan date for a re-plan) and ignoring those
on or before `pain.cleared_on`; "the last 7 days" are the planning day - 7 through it:

1. red_flag  — radiating or numbness, severity >= 7, or sharp and (unresolved or on 2+ dates)
2. persistent — one location on 3+ dates in the last 7 days, any unresolved check-in, or
                 cleared by a professional within the 14 days (return after a red flag)
3. mild      — any other check-in with severity >= 1
4. none
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from planner.config import AthleteConfig, Checkin

LOOKBACK_DAYS = 14
RECENT_DAYS = 7
PERSISTENT_SEVEN_DAY_SHARE = 0.7  # persistent pain: the 7 days from the planning day <= this x the 7 before

STOP_MESSAGE = (
    "Stop running and see a physical therapist or doctor before training again: sharp, persistent "
    "or radiating pain can mean a disc or nerve problem, and running through it can make it worse."
)


@dataclass(frozen=True)
class PainAssessment:
    level: str  # none | mild | persistent | red_flag
    reasons: list[str] = field(default_factory=list)
    onset_distance: float | None = None  # smallest onset distance among the considered check-ins

    @property
    def halted(self) -> bool:
        return self.level == "red_flag"

    @property
    def message(self) -> str:
        return {
            "none": "No pain reported in the two weeks up to the planning day.",
            "mild": "Mild pain that faded with rest looks like muscle fatigue: the next two weeks add hip/core "
            "work, keep every run short of where it began, and add foam rolling.",
            "persistent": "Pain that keeps coming back or does not settle with rest: the next two weeks add "
            "rest days, drop back-to-back running and hard sessions, and build hip/core strength. "
            "If it is still there after two weeks, see a physical therapist.",
            "red_flag": STOP_MESSAGE,
        }[self.level]


def considered_checkins(config: AthleteConfig, planning_day: dt.date) -> list[Checkin]:
    """Check-ins of the 14 days up to the planning day, after any professional clearance."""
    cleared = config.pain.cleared_on
    return [
        c
        for c in config.pain.checkins
        if planning_day - dt.timedelta(days=LOOKBACK_DAYS) <= c.date <= planning_day
        and (cleared is None or c.date > cleared)
    ]


def later_checkins(config: AthleteConfig, planning_day: dt.date) -> list[Checkin]:
    """Check-ins dated after the planning day: not used (a warning names them)."""
    return [c for c in config.pain.checkins if c.date > planning_day]


def assess_pain(config: AthleteConfig, planning_day: dt.date | None = None) -> PainAssessment:
    """The pain level on `planning_day` (default plan.start) and why."""
    planning_day = planning_day or config.plan.start
    checkins = sorted(considered_checkins(config, planning_day), key=lambda c: c.date)
    onsets = [c.onset_distance for c in checkins if c.onset_distance is not None]
    common = {"onset_distance": min(onsets) if onsets else None}
    for level, finder in (("red_flag", _red_flags), ("persistent", _persistent)):
        reasons = finder(config, checkins, planning_day)
        if reasons:
            return PainAssessment(level, reasons, **common)
    mild = [f"{_describe(c)}: faded with rest" for c in checkins if c.severity >= 1]
    if mild:
        return PainAssessment("mild", mild, **common)
    return PainAssessment("none", [], **common)


def _red_flags(config: AthleteConfig, checkins: list[Checkin], planning_day: dt.date) -> list[str]:
    reasons = []
    sharp_dates = {c.date for c in checkins if c.character == "sharp"}
    for c in checkins:
        if c.character in ("radiating", "numbness"):
            reasons.append(f"{_describe(c)}: {c.character} pain can mean nerve involvement")
        elif c.severity >= 7:
            reasons.append(f"{_describe(c)}: severity {c.severity} (7 or more)")
        elif c.character == "sharp" and not c.resolved_after_rest:
            reasons.append(f"{_describe(c)}: sharp pain that did not settle with rest")
        elif c.character == "sharp" and len(sharp_dates) >= 2:
            reasons.append(f"{_describe(c)}: sharp pain reported on {len(sharp_dates)} different days")
    return reasons


def _persistent(config: AthleteConfig, checkins: list[Checkin], planning_day: dt.date) -> list[str]:
    reasons = []
    recent_dates: dict[str, set[dt.date]] = defaultdict(set)
    for c in checkins:
        if c.severity >= 1 and c.date >= planning_day - dt.timedelta(days=RECENT_DAYS):
            recent_dates[c.location].add(c.date)
    for location, dates in sorted(recent_dates.items()):
        if len(dates) >= 3:
            reasons.append(f"{location.replace('_', ' ')} pain on {len(dates)} days in the last week")
    reasons += [f"{_describe(c)}: did not settle with rest" for c in checkins if not c.resolved_after_rest]
    cleared = config.pain.cleared_on
    if cleared is not None and planning_day - dt.timedelta(days=LOOKBACK_DAYS) <= cleared <= planning_day:
        reasons.append(f"cleared to run on {cleared}: returning gradually after a red flag")
    return reasons


def _describe(c: Checkin) -> str:
    return f"{c.date} {c.location.replace('_', ' ')} {c.character} pain {c.severity}/10 ({c.during.replace('_', ' ')})"
