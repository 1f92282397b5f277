"""run_spike: every run of week w (a race excepted) <= (1 + 0.10) x the longest run of weeks
w-4..w-1, where longest_recent_run stands for every week before the plan; the cap never falls
below long_run_max_share x start_floor. With pain, runs before the planning day count as no
longer than the pain cap (docs/rules.md, Pain).

A single run much longer than any recent one is the clearest load-injury signal in large
running cohorts."""

from constraints.rule import Rule
from planner.instance import scaled_down

RULE = Rule(
    name="run_spike",
    summary="no run is more than rules.run_spike longer than the longest run of the four weeks before",
    suggestion="raise rules.run_spike or history.longest_recent_run",
)
SCALE = 1000
LOOKBACK_WEEKS = 4


def build(m) -> None:
    inst = m.instance
    grow = scaled_down(1 + inst.config.rules.run_spike, SCALE)
    checked = set(m.checked_days)
    for week in m.checked_weeks:
        longest = m.week_max_run(week, days=[i for i in m.week_indices(week) if i in checked])
        recent = [longest_run(m, w) for w in range(week - LOOKBACK_WEEKS, week)]
        m.at_most_max(RULE.name, SCALE * longest, [grow * run for run in recent] + [SCALE * inst.long_run_floor])


def longest_run(m, week: int):
    """A week's longest run as the spike rule measures it."""
    inst = m.instance
    if week <= 0:
        return int(inst.built_back(inst.longest_recent_run))
    indices = m.week_indices(week)
    past = [int(inst.built_back(m.day(i).distance)) for i in indices if m.is_past(i)]
    rest = [i for i in indices if not m.is_past(i)]
    return m.max_of(past + ([m.week_max_run(week, days=rest)] if rest else []))
