"""iCalendar: one all-day event per planned training day (a run or a hip/core session).

Each event's UID is made from the date and the athlete's exact name (planner.naming.exact_id:
"Dana Ruiz" and "dana ruiz" get different UIDs), so a calendar that imports a re-plan updates
the events of those dates instead of adding a second copy, and two athletes never share one.
A re-plan's events carry its `revision` as their SEQUENCE, so calendars take them over the
earlier ones, and each session it removed comes as a cancelled event (STATUS:CANCELLED), so a
calendar that imports it holds no stale sessions. Days already done (logged) are left out.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from planner.naming import exact_id
from planner.safe_text import one_line

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from planner.schema import Plan, PlanDay

PRODID = "-//running-planner//Training plan//EN"
UID_DOMAIN = "running-planner"
RUN_TITLES = {"easy": "Easy run", "long": "Long run", "quality": "Quality run", "race": "Race"}


def plan_ics(plan: "Plan", stamp: dt.datetime | None = None) -> str:
    """The plan as an iCalendar file (text with CRLF line ends, as RFC 5545 asks)."""
    return plan_calendar(plan, stamp).to_ical().decode("utf-8")


def plan_calendar(plan: "Plan", stamp: dt.datetime | None = None) -> "Calendar":
    from icalendar import Calendar

    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Running plan: {one_line(plan.athlete)}")  # no CR, VT, FF or newline
    for day in plan.day_list:
        if not day.full_rest and not day.logged:
            calendar.add_component(day_event(day, plan, stamp))
    for change in plan.changes or []:
        if change.before != "rest" and change.after == "rest":
            calendar.add_component(cancelled_event(change, plan, stamp))
    if plan.status == "halted" and plan.day_list:
        calendar.add_component(halted_event(plan, stamp))
    return calendar


def cancelled_event(change, plan: "Plan", stamp: dt.datetime) -> "Event":
    """The session a re-plan removed, cancelled under its old UID."""
    event = all_day_event(change.date, plan, stamp, f"Cancelled: {change.before}",
                          f"Removed by the re-plan: {one_line(change.reason)}")
    event.add("status", "CANCELLED")
    return event


def halted_event(plan: "Plan", stamp: dt.datetime) -> "Event":
    """One all-day event on the plan's first day that says why there is no training: a red-flag
    plan would otherwise import as an empty calendar, and the athlete would see nothing."""
    first = plan.planned_from or plan.day_list[0].date
    return all_day_event(first, plan, stamp, "Running halted: see a physical therapist or doctor", plan.pain.message)


def day_event(day: "PlanDay", plan: "Plan", stamp: dt.datetime) -> "Event":
    event = all_day_event(day.date, plan, stamp, event_title(day, plan.units), event_description(day, plan.units))
    event.add("transp", "TRANSPARENT")  # an all-day plan entry does not block the day
    return event


def all_day_event(date: dt.date, plan: "Plan", stamp: dt.datetime, summary: str, description: str) -> "Event":
    """The event of one date of the athlete's plan: its UID (the date and the athlete) and the
    plan's revision as its SEQUENCE, so a re-plan's event replaces the earlier one."""
    from icalendar import Event

    event = Event()
    event.add("uid", event_uid(date, plan.athlete))
    event.add("dtstamp", stamp)
    event.add("dtstart", date)
    event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("sequence", plan.revision)
    return event


def event_uid(date: dt.date, athlete: str) -> str:
    return f"{date.isoformat()}-{exact_id(athlete)}@{UID_DOMAIN}"


def event_title(day: "PlanDay", units: str) -> str:
    """E.g. "Long run 14.0 km", "Easy run 6.5 km + hip/core", "Hip/core strength"."""
    if day.run_kind == "rest":
        return "Hip/core strength"
    title = f"{RUN_TITLES[day.run_kind]} {day.distance:.1f} {units}"
    return f"{title} + hip/core" if day.strength else title


def event_description(day: "PlanDay", units: str) -> str:
    lines = []
    if day.run_kind != "rest":
        lines.append(f"{RUN_TITLES[day.run_kind]}: {day.distance:.1f} {units}, about {day.run_minutes} min.")
    if day.warmup:
        lines.append("Warm-up: " + ", ".join(day.warmup) + ".")
    if day.strength:
        lines.append(f"Hip/core ({day.strength_minutes} min): " + ", ".join(day.strength_exercises) + ".")
    if day.cooldown:
        lines.append("Cool-down: " + ", ".join(day.cooldown) + ".")
    lines.extend(day.notes)
    return "\n".join(lines)
