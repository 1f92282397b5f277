"""long_runs: at most one long run a week, only on availability.long_run_days; exactly one in
every week except race week and the week before it (where one is allowed, not required), a week
whose long-run days are all blacked out, a pain week whose pain cap leaves no room for a run of
min_run_minutes, and a week whose distance caps (target, ramp, cutback, taper, the
persistent-pain 7-day cap) are under 3 x the distance of a min_run_minutes run at easy pace.
A re-plan's first week needs none (nor a week with days that must rest for the load ratio), and
a week whose long run was run plans no other.
(A halted plan has no runs at all and is never modelled.)"""

import constraints
from constraints.rule import Rule

RULE = Rule(
    name="long_runs",
    summary="one long run a week, on a long-run day",
    suggestion="add a long-run day (availability.long_run_days) with enough minutes",
    within_week=True,
)


def build(m) -> None:
    for index in m.checked_days:
        if not m.plan_day(index).long_allowed:
            m.add(RULE.name, m.day(index).long == 0)
    for week in m.checked_weeks:
        m.add(RULE.name, m.long_count(week) <= 1)
        exempt = exemptions(m, week)
        if exempt is True:
            continue
        m.add(RULE.name, m.long_count(week) + sum(exempt) >= 1)


def exemptions(m, week: int):
    """True when the week needs no long run; else the literals that, when true, exempt it
    (its caps under three minimum runs), an empty list when it needs one."""
    inst = m.instance
    race_week = inst.race_week
    if race_week is not None and week in (race_week, race_week - 1):
        return True
    days = inst.week_days(week)
    if all(day.blackout for day in days if day.long_allowed):
        return True
    if m.held_by_the_past(week) or (inst.first > 0 and week == inst.first_week):
        return True  # the week that holds a re-plan's planning day, or days that must rest, needs none
    if week in inst.pain_weeks and inst.pain_leaves_no_room():
        return True
    literals = []
    for cap in constraints.week_caps(m, week):
        below = caps_below_three_runs(m, cap)
        if below is True:
            return True
        if below is not False:
            literals.append(below)
    return literals


def caps_below_three_runs(m, cap):
    """Whether `cap` is under 3 x the distance of a min_run_minutes run at easy pace: True,
    False, or a literal that may be true only when it is (its options depend on the plan)."""
    inst = m.instance
    threshold = 3 * inst.config.rules.min_run_minutes * 600 * cap.scale  # compared with option x pace
    constants = [o for o in cap.options if isinstance(o, int)]
    if any(o * inst.pace >= threshold for o in constants):
        return False
    variables = [o for o in cap.options if not isinstance(o, int)]
    if not variables:
        return True
    below = m.bool_var()
    for option in variables:
        m.cp.add(option * inst.pace <= threshold - 1).only_enforce_if(below)
    return below
