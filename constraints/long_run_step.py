"""long_run_step: a long run <= the longest of longest_recent_run and all earlier long runs, plus
the step (2 km / 1.25 mi); the cap never falls below long_run_max_share x start_floor."""

from planner.instance import tenths_down

RULE = "long_run_step"


def build(m) -> None:
    inst = m.instance
    step = tenths_down(inst.config.long_run_step)
    longest_so_far = inst.longest_recent_run
    # the longest long run so far is at most the longest recent run or a week's long distance
    # (all seven days, should planner.conflicts switch the long_runs rule off); the domains
    # must reach that (plus the step), or the model would be infeasible outside every rule,
    # e.g. for a runner whose recent long run is longer than the longest available day holds
    longest_ever = max(7 * inst.max_run_tenths, inst.longest_recent_run)
    for week in m.week_numbers:
        cap = m.cp.NewIntVar(0, max(longest_ever + step, inst.long_run_floor), f"long_step_cap_{week}")
        m.cp.AddMaxEquality(cap, [longest_so_far + step, inst.long_run_floor])
        m.add(RULE, m.week_long[week] <= cap)
        longest = m.cp.NewIntVar(0, longest_ever, f"longest_long_{week}")
        m.cp.AddMaxEquality(longest, [longest_so_far, m.week_long[week]])
        longest_so_far = longest
