"""quality: at most quality_sessions_per_week tempo/interval runs a week; never the day before a
long run or a race."""

from constraints.rule import Rule

RULE = Rule(
    name="quality",
    summary="at most quality_sessions_per_week quality runs a week, never the day before a long run or race",
    suggestion="lower quality_sessions_per_week",
    within_week=True,
    chosen_none="quality_sessions_per_week",
)


def build(m) -> None:
    inst = m.instance
    most = inst.config.quality_sessions_per_week
    for week in m.checked_weeks:
        runs = [m.day(i).quality for i in m.week_indices(week)]
        done = m.fixed_sum(runs)
        planned = [r for r in runs if not isinstance(r, int)]
        if planned:
            if done > most:
                m.waive(RULE.name, f"week {week} already holds {done} quality runs: no more this week")
            m.add(RULE.name, sum(planned) <= max(0, most - done))
    for index in m.checked_days:
        v = m.day(index)
        if index + 1 < len(inst.days) and inst.days[index + 1].is_race:
            m.add(RULE.name, v.quality == 0)
        if index >= 1:
            m.add(RULE.name, m.day(index - 1).quality + v.long <= 1)
