"""taper: with a race, race week's other running <= 0.5 x the peak week (the largest plan week
before the taper; with none, the largest history week); the week before <= 0.75 x peak; no long
run in race week; the day before the race is rest or an easy run of at most 30 minutes; nothing
after the race (full rest)."""

from constraints.rule import Cap, Rule

RULE = Rule(
    name="taper",
    summary="race week's other running <= 0.5 x the peak week and the week before <= 0.75 x it; "
    "no long run in race week; the day before the race rest or <= 30 easy minutes; rest after it",
    suggestion="move goal.race.date later so the plan has build weeks before the taper",
)
DAY_BEFORE_MINUTES = 30
SHARES = {0: (1, 2), 1: (3, 4)}  # weeks before race week -> (numerator, denominator) of the peak


def week_cap(m, week: int) -> Cap | None:
    race_week = m.instance.race_week
    if race_week is None or race_week - week not in SHARES:
        return None
    numerator, denominator = SHARES[race_week - week]
    build_weeks = range(1, race_week - 1)
    peaks = [m.week_distance(w) for w in build_weeks] if build_weeks else [m.instance.history_peak]
    return Cap(tuple(numerator * peak for peak in peaks), denominator)


def build(m) -> None:
    inst = m.instance
    race = inst.race_day
    if race is None:
        return
    for week in m.checked_weeks:
        m.cap_week(RULE.name, week, week_cap(m, week))
    for index in m.checked_days:
        day, v = m.plan_day(index), m.day(index)
        if day.week == race.week:
            m.add(RULE.name, v.long == 0)
        if index == race.index - 1:
            m.add(RULE.name, v.long + v.quality == 0)
            m.add(RULE.name, v.minutes <= DAY_BEFORE_MINUTES)
        if day.after_race:
            m.add(RULE.name, v.run + v.strength == 0)


def limit_reading(bound, instance, week: int, value: int) -> str:
    units = instance.config.units
    numerator, denominator = SHARES[instance.race_week - week]
    return (f"the taper before the race holds week {week} to {numerator / denominator:.0%} of the peak week, "
            f"{value / 10:g} {units}")
