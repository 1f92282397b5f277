"""run_spike: every run of week w (a race excepted) <= (1 + 0.10) x the longest run of weeks
w-4..w-1, where longest_recent_run stands for every week before the plan; the cap never falls
below long_run_max_share x start_floor.

A single run much longer than any recent one is the clearest load-injury signal in large
running cohorts. The model uses each week's longest run (`m.week_max_run`)."""

from planner.instance import scaled_down

RULE = "run_spike"
SCALE = 1000
LOOKBACK_WEEKS = 4


def build(m) -> None:
    inst = m.instance
    grow = scaled_down(1 + inst.config.rules.run_spike, SCALE)
    for week in m.week_numbers:
        recent = [m.week_max_run[w] for w in range(max(1, week - LOOKBACK_WEEKS), week)]
        bases = [grow * run for run in recent] + [SCALE * inst.long_run_floor]
        if week - LOOKBACK_WEEKS < 1:
            bases.append(grow * inst.longest_recent_run)
        cap = m.cp.NewIntVar(0, grow * max(inst.max_run_tenths, inst.longest_recent_run) + SCALE * inst.long_run_floor, f"spike_cap_{week}")
        m.cp.AddMaxEquality(cap, bases)
        m.add(RULE, SCALE * m.week_max_run[week] <= cap)
