"""cutback: every cutback_every-th week (4, 8, 12, ...) outside the taper is a cutback week whose
distance <= (1 - cutback_reduction) x the previous week's."""

from planner.instance import scaled_down

RULE = "cutback"
SCALE = 1000


def build(m) -> None:
    inst = m.instance
    keep = scaled_down(1 - inst.config.rules.cutback_reduction, SCALE)
    for week in m.week_numbers:
        if inst.is_cutback_week(week):
            m.add(RULE, SCALE * m.week_distance[week] <= keep * m.week_distance_at(week - 1))
