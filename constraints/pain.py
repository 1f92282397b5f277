"""pain: what a pain level changes in weeks 1-2 (SPEC section 4).

persistent: the first day is a full rest day; full rest days >= min_rest_days + 1 a week; no two
running days in a row; no quality; week 1 <= 0.7 x the last history week; long runs <= 0.8 x the
smallest onset distance reported (else 0.8 x longest_recent_run).
mild: long runs <= 0.9 x the smallest onset distance (with none, <= longest_recent_run).
Both raise the hip/core sessions of weeks 1-2 (applied by the strength rule through
`Instance.strength_sessions`). red_flag plans are halted and never modelled.
"""

import math

from planner.instance import scaled_down
from planner.pain import PAIN_WEEKS, PERSISTENT_WEEK1_SHARE

RULE = "pain"
SCALE = 1000


def build(m) -> None:
    inst = m.instance
    pain = inst.pain
    if pain.level not in ("mild", "persistent"):
        return
    weeks = [w for w in m.week_numbers if w <= PAIN_WEEKS]
    long_cap = math.floor(pain.long_run_cap() * 10 + 1e-9)
    for week in weeks:
        m.add(RULE, m.week_long[week] <= long_cap)
    if pain.level == "persistent":
        _persistent(m, weeks)


def _persistent(m, weeks: list[int]) -> None:
    inst = m.instance
    rules = inst.config.rules
    m.add(RULE, m.days[0].rest == 1)
    m.add(RULE, SCALE * m.week_distance[1] <= scaled_down(PERSISTENT_WEEK1_SHARE, SCALE) * inst.history_week(0))
    for week in weeks:
        days = m.week_vars(week)
        m.add(RULE, sum(v.rest for _, v in days) >= rules.min_rest_days + 1)
        for _, v in days:
            m.add(RULE, v.quality == 0)
    last = min(7 * len(weeks), len(m.days)) - 1
    for index in range(last):
        m.add(RULE, m.running(index) + m.running(index + 1) <= 1)
