"""strength: exactly sessions_per_week hip/core sessions a week (pain raises the pain weeks);
race week: at most that many, none on the race day or the 2 days before it; never on a day with
a long run; never two days in a row within a plan week. In a week with days already done (or
days that must rest for the load ratio), the planned days hold exactly the sessions still owed;
where the days left cannot hold them (`Instance.owed_strength_fits`, decided by trying), at most
that many, with a warning (docs/replanning.md)."""

from constraints.rule import Rule

RULE = Rule(
    name="strength",
    summary="strength.sessions_per_week hip/core sessions a week, never on a long-run day or two days in a row",
    suggestion="lower strength.sessions_per_week or free days that are not long-run days",
    within_week=True,
)
QUIET_DAYS_BEFORE_RACE = 2


def build(m) -> None:
    inst = m.instance
    race = inst.race_day
    for week in m.checked_weeks:
        _sessions(m, week)
    for index in m.checked_days:
        day, v = m.plan_day(index), m.day(index)
        if index % 7:  # not the first day of its plan week
            m.add(RULE.name, m.day(index - 1).strength + v.strength <= 1)
        m.add(RULE.name, v.strength + v.long <= 1)
        if race and 0 <= (race.date - day.date).days <= QUIET_DAYS_BEFORE_RACE:
            m.add(RULE.name, v.strength == 0)


def _sessions(m, week: int) -> None:
    wanted = m.instance.strength_sessions(week)
    sessions = [m.day(i).strength for i in m.week_indices(week)]
    done = m.fixed_sum(sessions)
    planned = sum(s for s in sessions if not isinstance(s, int))
    if m.held_by_the_past(week):
        owed = max(0, wanted - done)
        if done > wanted:
            m.waive(RULE.name, f"week {week} already holds {done} hip/core sessions of the {wanted} planned: no more this week")
        if week == m.instance.race_week or not m.instance.owed_strength_fits.get(week, True):
            if owed and week != m.instance.race_week:
                m.waive(RULE.name, f"the days left in week {week} cannot hold the {owed} hip/core session(s) it still "
                                   "owes: as many as fit", code="strength_left")
            m.add(RULE.name, planned <= owed)
        else:
            m.add(RULE.name, planned == owed)
    elif week == m.instance.race_week:
        m.add(RULE.name, planned + done <= wanted)
    else:
        m.add(RULE.name, planned + done == wanted)


def owed(m, week: int):
    """Sessions the planned days of a week with days already done still owe (0 otherwise) and
    the planned sessions: the objective rewards placing them."""
    sessions = [m.day(i).strength for i in m.week_indices(week)]
    if not m.held_by_the_past(week):
        return 0, 0
    done = m.fixed_sum(sessions)
    return max(0, m.instance.strength_sessions(week) - done), sum(s for s in sessions if not isinstance(s, int))
