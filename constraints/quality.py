"""quality: at most quality_sessions_per_week tempo/interval runs a week; never the day before a
long run or a race."""

RULE = "quality"


def build(m) -> None:
    inst = m.instance
    most = inst.config.quality_sessions_per_week
    for week in m.week_numbers:
        m.add(RULE, sum(v.quality for _, v in m.week_vars(week)) <= most)
    for index, v in enumerate(m.days):
        tomorrow = inst.days[index + 1] if index + 1 < len(inst.days) else None
        if tomorrow is not None and tomorrow.is_race:
            m.add(RULE, v.quality == 0)
        elif tomorrow is not None:
            m.add(RULE, v.quality + m.days[index + 1].long <= 1)
