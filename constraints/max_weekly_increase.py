"""max_weekly_increase: week w <= max((1 + inc) x max(d[w-1], d[w-2]), start_floor).

History supplies d[0], d[-1], ...; weeks older than the history equal its oldest week. The
start_floor (10 km / 6 mi by default) lets a beginner start.
"""

from constraints.rule import Cap, Rule
from planner.instance import scaled_down

RULE = Rule(
    name="max_weekly_increase",
    summary="a week grows at most rules.max_weekly_increase over the larger of the two weeks before it "
    "(never capped below rules.start_floor)",
    suggestion="raise rules.max_weekly_increase or start from a higher history",
)
SCALE = 1000


def week_cap(m, week: int) -> Cap:
    inst = m.instance
    grow = scaled_down(1 + inst.config.rules.max_weekly_increase, SCALE)
    return Cap((grow * m.week_distance(week - 1), grow * m.week_distance(week - 2), SCALE * inst.start_floor), SCALE)


def build(m) -> None:
    for week in m.checked_weeks:
        m.cap_week(RULE.name, week, week_cap(m, week))


def limit_reading(bound, instance, week: int, value: int) -> str:
    """How the ramp reads when it holds `week` to `value` (tenths) in the weekly bound: from
    where it builds (the start floor, or the weeks before the ramp took over), through the
    cutback weeks on the way."""
    rules, units = instance.config.rules, instance.config.units
    building = (RULE.name, "cutback_reduction")
    start = week
    while start - 1 in bound.weeks and bound.weeks[start - 1].binding in building:
        start -= 1
    cutbacks = any(bound.weeks[w].binding == "cutback_reduction" for w in range(start, week))
    grow = scaled_down(1 + rules.max_weekly_increase, SCALE)
    earlier = [bound.value(w) if w in bound.weeks else instance.done_distance(w) for w in (start - 1, start - 2)]
    if grow * max(earlier) <= SCALE * instance.start_floor:
        origin = f"the {instance.start_floor / 10:g} {units} start floor"
    elif start - 1 >= 1:
        origin = f"week {start - 1}'s {earlier[0] / 10:g} {units}"
    else:
        origin = f"your last weeks of {max(earlier) / 10:g} {units}"
    via = f", with a cutback every {rules.cutback_every}th week," if cutbacks else ""
    return f"the {rules.max_weekly_increase:.0%} weekly increase from {origin}{via} reaches {value / 10:g} {units} by week {week}"
