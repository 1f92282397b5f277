"""sharpener: race week keeps only a short sharpener, not a long quality run: a quality run in
race week lasts at most 30 minutes (strides or a few short pick-ups, planner.sessions says
which), and none falls in the 3 days before the race. This is the planner's own coaching rule,
stricter than the rules' taper, so it is never relaxed or named in a conflict."""

from constraints.rule import Rule

RULE = Rule(
    name="sharpener",
    summary="race week's quality run is a short sharpener: at most 30 minutes, not in the 3 days before the race",
    suggestion="leave quality out of race week",
    relaxable=False,
    within_week=True,
)
MOST_MINUTES = 30
QUIET_DAYS = 3


def build(m) -> None:
    race = m.instance.race_day
    if race is None:
        return
    for index in m.checked_days:
        day = m.plan_day(index)
        if day.week != race.week or day.is_race:
            continue
        v = m.day(index)
        m.add(RULE.name, v.quality_minutes <= MOST_MINUTES)
        if 0 < race.index - index <= QUIET_DAYS:
            m.add(RULE.name, v.quality == 0)
