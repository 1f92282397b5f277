"""long_run_step: a long run <= the longest of longest_recent_run and all earlier long runs, plus
the step (2 km / 1.25 mi); the cap never falls below long_run_max_share x start_floor. With pain,
runs before the planning day count as no longer than the pain cap (docs/rules.md, Pain)."""

from constraints.rule import Rule
from planner.instance import tenths_down

RULE = Rule(
    name="long_run_step",
    summary="a long run is at most rules.long_run_step longer than the longest run so far",
    suggestion="raise rules.long_run_step or history.longest_recent_run",
)


def build(m) -> None:
    inst = m.instance
    step = tenths_down(inst.config.long_run_step)
    longest = int(inst.built_back(inst.longest_recent_run))
    checked = set(m.checked_days)
    for week in m.week_numbers:
        if week > max(m.checked_weeks, default=0):
            break
        if week in m.checked_weeks:
            runs = sum(m.day(i).long_distance for i in m.week_indices(week) if i in checked)
            if not isinstance(runs, (int, float)) or runs > 0:
                m.at_most_max(RULE.name, runs, [longest + step, inst.long_run_floor])
        longest = m.max_of([longest, _week_long(m, week)])


def _week_long(m, week: int):
    """The week's long run as later weeks measure from it (built back from the pain cap where
    it was run before the planning day)."""
    inst = m.instance
    terms = []
    for index in m.week_indices(week):
        day = m.day(index)
        if m.is_past(index):
            terms.append(int(inst.built_back(day.long_distance)))
        else:
            terms.append(day.long_distance)
    return m.max_of(terms)
