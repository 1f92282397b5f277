"""taper: with a race, race week's other running <= 0.5 x the peak week (the largest plan week
before the taper; with none, the largest history week); the week before <= 0.75 x peak; no long
run in race week; the day before the race is rest or an easy run of at most 30 minutes; nothing
after the race (full rest)."""

RULE = "taper"
DAY_BEFORE_MINUTES = 30


def build(m) -> None:
    inst = m.instance
    race = inst.race_day
    if race is None:
        return
    week = race.week
    peak = peak_week(m, week)
    m.add(RULE, 2 * m.week_distance[week] <= peak)
    if week >= 2:
        m.add(RULE, 4 * m.week_distance[week - 1] <= 3 * peak)
    m.add(RULE, m.has_long[week] == 0)
    if race.index >= 1:
        before = m.days[race.index - 1]
        m.add(RULE, before.long + before.quality == 0)
        m.add(RULE, before.minutes <= DAY_BEFORE_MINUTES)
    for day, v in zip(inst.days, m.days):
        if day.after_race:
            m.add(RULE, v.run + v.strength == 0)


def peak_week(m, race_week: int):
    """Largest plan week before the two taper weeks, or the largest history week."""
    build_weeks = [m.week_distance[w] for w in range(1, race_week - 1)]
    if not build_weeks:
        return m.instance.history_peak
    # as large as any week can be (not just the target: the target rule may be switched off
    # while planner.conflicts looks for the rules that conflict)
    peak = m.cp.NewIntVar(0, 7 * m.instance.max_run_tenths, "peak_week")
    m.cp.AddMaxEquality(peak, build_weeks)
    return peak
