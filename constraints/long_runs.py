"""long_runs: at most one long run a week, only on availability.long_run_days; exactly one in
every week except race week, a week whose long-run days are all blacked out, and a week where
pain caps (SPEC section 4) leave no room for a run of min_run_minutes. (A halted plan has no
runs at all and is never modelled.)"""

from planner.instance import tenths_down
from planner.pain import PERSISTENT_WEEK1_SHARE

RULE = "long_runs"


def build(m) -> None:
    for week in m.week_numbers:
        for day, v in m.week_vars(week):
            if not day.long_allowed:
                m.add(RULE, v.long == 0)
        m.add(RULE, m.long_count[week] <= 1)
        if long_run_required(m.instance, week):
            m.add(RULE, m.long_count[week] == 1)


def long_run_required(inst, week: int) -> bool:
    days = inst.week_days(week)
    if week == inst.race_week:
        return False
    if all(day.blackout for day in days if day.long_allowed):
        return False
    return not pain_leaves_no_room(inst, week)


def pain_leaves_no_room(inst, week: int) -> bool:
    if not inst.pain.applies(week):
        return False
    cap = tenths_down(inst.pain.long_run_cap())
    if inst.pain.level == "persistent" and week == 1:
        # week 1 is held to a share of the last history week, and a long run to its share of that
        week_cap = PERSISTENT_WEEK1_SHARE * inst.config.history.weekly_distance[-1]
        cap = min(cap, tenths_down(inst.config.rules.long_run_max_share * week_cap))
    return cap * inst.pace / 600 < inst.config.rules.min_run_minutes  # exact, as SPEC compares
