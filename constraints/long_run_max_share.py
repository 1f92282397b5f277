"""long_run_max_share: a long run <= 0.40 (default) x its week's distance. A week whose long
run is already past is not checked: that run is the past's, and no planned day can change
what it was (docs/replanning.md)."""

from constraints.rule import Rule
from planner.instance import scaled_down

RULE = Rule(
    name="long_run_max_share",
    summary="a long run is at most rules.long_run_max_share of its week's distance",
    suggestion="raise rules.long_run_max_share or add running days",
    within_week=True,
)
SCALE = 1000


def build(m) -> None:
    share = scaled_down(m.instance.config.rules.long_run_max_share, SCALE)
    for week in m.checked_weeks:
        if any(m.is_past(i) and m.day(i).kind == "long" for i in m.week_indices(week)):
            continue
        m.add(RULE.name, SCALE * m.week_long(week) <= share * m.week_distance(week))
