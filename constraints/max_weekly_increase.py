"""max_weekly_increase: week w <= max((1 + inc) x max(d[w-1], d[w-2]), start_floor).

History supplies d[0], d[-1], ...; weeks older than the history equal its oldest week. The
start_floor (10 km / 6 mi by default) lets a beginner start.
"""

from planner.instance import scaled_down

RULE = "max_weekly_increase"
SCALE = 1000


def build(m) -> None:
    inst = m.instance
    grow = scaled_down(1 + inst.config.rules.max_weekly_increase, SCALE)
    # the cap's domain must reach grow x the largest week there could be, history included, or
    # the model would be infeasible for a runner whose history is above what the days now hold
    largest_week = max(7 * inst.max_run_tenths, inst.history_peak)
    most = max(grow * largest_week, SCALE * inst.start_floor)
    for week in m.week_numbers:
        cap = m.cp.NewIntVar(0, most, f"increase_cap_{week}")
        m.cp.AddMaxEquality(
            cap,
            [grow * m.week_distance_at(week - 1), grow * m.week_distance_at(week - 2), SCALE * inst.start_floor],
        )
        m.add(RULE, SCALE * m.week_distance[week] <= cap)
