"""cutback_reduction: every cutback_every-th week (4, 8, 12, ...) outside the taper is a cutback
week whose distance <= (1 - cutback_reduction) x the previous week's."""

from constraints.rule import Cap, Rule
from planner.instance import scaled_down

RULE = Rule(
    name="cutback_reduction",
    summary="every rules.cutback_every-th week is cut back by rules.cutback_reduction from the week before",
    suggestion="set rules.cutback_every to 0 or lower rules.cutback_reduction",
)
SCALE = 1000


def week_cap(m, week: int) -> Cap | None:
    inst = m.instance
    if not inst.is_cutback_week(week):
        return None
    keep = scaled_down(1 - inst.config.rules.cutback_reduction, SCALE)
    return Cap((keep * m.week_distance(week - 1),), SCALE)


def build(m) -> None:
    for week in m.checked_weeks:
        m.cap_week(RULE.name, week, week_cap(m, week))


def limit_reading(bound, instance, week: int, value: int) -> str:
    rules, units = instance.config.rules, instance.config.units
    return (f"week {week} is a cutback week (every {rules.cutback_every}th): {1 - rules.cutback_reduction:.0%} of the "
            f"week before, {value / 10:g} {units}")
