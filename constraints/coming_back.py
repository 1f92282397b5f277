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
    if cap is None or not m.checked_days:
        return
    done, planned = 0, None  # runs on the days so far: fixed ones counted, planned ones a variable
    for index in range(m.instance.first, m.checked_days[-1] + 1):
        if done >= FIRST_RUNS:
            break
        v = m.day(index)
        if index in m.checked_days:
            _first_runs_easy(m, v, cap, done, planned)
        if isinstance(v.run, int):
            done += v.run
        else:  # a running count keeps the model linear in the days (a sum per day would be quadratic)
            count = m.int_var(0, index - m.instance.first + 1)
            m.cp.add(count == (planned if planned is not None else 0) + v.run)
            planned = count


def _first_runs_easy(m, v, cap: int, done: int, planned) -> None:
    """The day's run, if it is among the first two (`done` fixed and `planned` runs before it),
    is easy and no longer than the cap."""
    if planned is None:  # every earlier day is fixed: this run, if any, is among the first two
        m.add(RULE.name, v.long + v.quality == 0)
        m.add(RULE.name, v.distance <= cap)
        return
    among_first = m.bool_var()  # fewer than two runs on the days before this one
    m.cp.add(planned + done <= FIRST_RUNS - 1).only_enforce_if(among_first)
    m.cp.add(planned + done >= FIRST_RUNS).only_enforce_if(among_first.Not())
    m.add(RULE.name, v.long + v.quality == 0, when=[among_first])
    m.add(RULE.name, v.distance <= cap, when=[among_first])
