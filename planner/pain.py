"""Pain check-ins → a pain level and what it changes (SPEC section 4).

The level is the first that matches, looking at check-ins from plan.start - 14 to
plan.start - 1 and ignoring those on or before `pain.cleared_on`:

1. red_flag  — radiating or numbness, severity >= 7, or sharp and (unresolved or on 2+ dates)
2. persistent — one location on 3+ dates in the last 7 days, any unresolved check-in, or
                 cleared by a professional within the 14 days (return after a red flag)
3. mild      — any other check-in with severity >= 1
4. none
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from planner.config import AthleteConfig, Checkin

LOOKBACK_DAYS = 14
RECENT_DAYS = 7
PAIN_WEEKS = 2  # pain adjustments apply to plan weeks 1-2
PERSISTENT_WEEK1_SHARE = 0.7  # persistent pain: week 1 <= this x the last history week

STOP_MESSAGE = (
    "Stop running and see a physical therapist or doctor before training again: sharp, persistent "
    "or radiating pain can mean a disc or nerve problem, and running through it can make it worse."
)


@dataclass(frozen=True)
class PainAssessment:
    level: str  # none | mild | persistent | red_flag
    reasons: list[str] = field(default_factory=list)
    onset_distance: float | None = None  # smallest onset distance among the considered check-ins
    longest_recent_run: float = 0.0

    @property
    def halted(self) -> bool:
        return self.level == "red_flag"

    def applies(self, week: int) -> bool:
        return self.level in ("mild", "persistent") and week <= PAIN_WEEKS

    def strength_sessions(self, week: int, configured: int) -> int:
        if not self.applies(week):
            return configured
        if self.level == "mild":
            return min(configured + 1, 4)
        return max(3, configured)

    def long_run_cap(self) -> float:
        """Longest long run allowed in weeks 1-2, in the athlete's unit."""
        if self.level == "persistent":
            return 0.8 * (self.onset_distance if self.onset_distance is not None else self.longest_recent_run)
        if self.level == "mild":
            return 0.9 * self.onset_distance if self.onset_distance is not None else self.longest_recent_run
        return math.inf

    @property
    def message(self) -> str:
        return {
            "none": "No pain reported in the two weeks before the plan.",
            "mild": "Mild pain that faded with rest looks like muscle fatigue: the first two weeks add hip/core "
            "work, keep long runs short of where it began, and add foam rolling.",
            "persistent": "Pain that keeps coming back or does not settle with rest: the first two weeks add "
            "rest days, drop back-to-back running and hard sessions, and build hip/core strength. "
            "If it is still there after two weeks, see a physical therapist.",
            "red_flag": STOP_MESSAGE,
        }[self.level]


def considered_checkins(config: AthleteConfig) -> list[Checkin]:
    """Check-ins in the 14 days before the plan, after any professional clearance."""
    start = config.plan.start
    cleared = config.pain.cleared_on
    return [
        c
        for c in config.pain.checkins
        if start - dt.timedelta(days=LOOKBACK_DAYS) <= c.date < start and (cleared is None or c.date > cleared)
    ]


def assess_pain(config: AthleteConfig) -> PainAssessment:
    checkins = sorted(considered_checkins(config), key=lambda c: c.date)
    onsets = [c.onset_distance for c in checkins if c.onset_distance is not None]
    common = {
        "onset_distance": min(onsets) if onsets else None,
        "longest_recent_run": config.history.longest_recent_run,
    }
    for level, finder in (("red_flag", _red_flags), ("persistent", _persistent)):
        reasons = finder(config, checkins)
        if reasons:
            return PainAssessment(level, reasons, **common)
    mild = [f"{_describe(c)}: faded with rest" for c in checkins if c.severity >= 1]
    if mild:
        return PainAssessment("mild", mild, **common)
    return PainAssessment("none", [], **common)


def _red_flags(config: AthleteConfig, checkins: list[Checkin]) -> list[str]:
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


def _persistent(config: AthleteConfig, checkins: list[Checkin]) -> list[str]:
    reasons = []
    start = config.plan.start
    recent_dates: dict[str, set[dt.date]] = defaultdict(set)
    for c in checkins:
        if c.severity >= 1 and c.date >= start - dt.timedelta(days=RECENT_DAYS):
            recent_dates[c.location].add(c.date)
    for location, dates in sorted(recent_dates.items()):
        if len(dates) >= 3:
            reasons.append(f"{location.replace('_', ' ')} pain on {len(dates)} days in the last week")
    reasons += [f"{_describe(c)}: did not settle with rest" for c in checkins if not c.resolved_after_rest]
    cleared = config.pain.cleared_on
    if cleared is not None and cleared >= start - dt.timedelta(days=LOOKBACK_DAYS):
        reasons.append(f"cleared to run on {cleared}: returning gradually after a red flag")
    return reasons


def _describe(c: Checkin) -> str:
    return f"{c.date} {c.location.replace('_', ' ')} {c.character} pain {c.severity}/10 ({c.during.replace('_', ' ')})"
