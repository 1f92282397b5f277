"""coming_back: after 3 or more days in a row without a run right before the planning day
(with a previous plan, days on at least one of which it planned a run: rest it scheduled is no
lapse), the first two planned runs are easy and no longer than the last logged run before the
gap (`Instance.coming_back`). The load-ratio and ramp rules, fed with the real log, shape the
rest of the return (docs/replanning.md)."""

from constraints.rule import Rule

RULE = Rule(
    name="coming_back",
    summary="after 3 or more days without running, the first two runs are easy and no longer than the last one",
    suggestion="log the runs you did, or re-plan from a later day",
    relaxable=False,
)
FIRST_RUNS = 2


def build(m) -> None:
    cap = m.instance.coming_back
    if cap is None:
        return
    inst = m.instance
    for index in m.checked_days:
        before = [m.day(i).run for i in range(inst.first, index)]
        done = m.fixed_sum(before)
        if done >= FIRST_RUNS:
            break
        planned = [r for r in before if not isinstance(r, int)]
        v = m.day(index)
        if not planned:  # every earlier planned day is fixed: this run, if any, is among the first two
            m.add(RULE.name, v.long + v.quality == 0)
            m.add(RULE.name, v.distance <= cap)
            continue
        among_first = m.bool_var()  # fewer than two runs on the planned days before this one
        m.cp.add(sum(planned) + done <= FIRST_RUNS - 1).only_enforce_if(among_first)
        m.cp.add(sum(planned) + done >= FIRST_RUNS).only_enforce_if(among_first.Not())
        m.add(RULE.name, v.long + v.quality == 0, when=[among_first])
        m.add(RULE.name, v.distance <= cap, when=[among_first])
