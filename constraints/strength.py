"""strength: exactly sessions_per_week hip/core sessions a week (pain may raise it in weeks 1-2);
race week: at most that many, none on the race day or the 2 days before it; never on a day with
a long run; never two days in a row within a plan week."""

RULE = "strength"
QUIET_DAYS_BEFORE_RACE = 2


def build(m) -> None:
    inst = m.instance
    race = inst.race_day
    for week in m.week_numbers:
        days = m.week_vars(week)
        sessions = sum(v.strength for _, v in days)
        wanted = inst.strength_sessions(week)
        m.add(RULE, sessions <= wanted if week == inst.race_week else sessions == wanted)
        for (day, v), (_, tomorrow) in zip(days, days[1:]):
            m.add(RULE, v.strength + tomorrow.strength <= 1)
        for day, v in days:
            m.add(RULE, v.strength + v.long <= 1)
            if race and 0 <= (race.date - day.date).days <= QUIET_DAYS_BEFORE_RACE:
                m.add(RULE, v.strength == 0)
