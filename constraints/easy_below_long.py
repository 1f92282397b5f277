"""easy_below_long: in a week with a long run, every easy run is strictly shorter than it."""

from constraints.rule import Rule

RULE = Rule(
    name="easy_below_long",
    summary="in a week with a long run, every easy run is shorter than it",
    suggestion="add available days so easy runs can stay shorter than the long run",
    within_week=True,
)


def build(m) -> None:
    checked = set(m.checked_days)
    for week in m.checked_weeks:
        indices = m.week_indices(week)
        for index in indices:
            v = m.day(index)
            if index in checked:
                # easy_distance is 0 without an easy run, so this binds only easy runs
                m.add(RULE.name, v.easy_distance + v.easy <= m.week_long(week), when=[m.has_long(week)])
            elif v.easy:  # an easy run already run: a long run planned this week must be longer
                for other in indices:
                    if m.is_free(other):
                        long_run = m.day(other)
                        m.add(RULE.name, long_run.long_distance >= int(v.easy_distance) + 1, when=[long_run.long])
