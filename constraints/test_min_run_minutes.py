"""min_run_minutes: every run lasts at least this long (default 20; a race excepted)."""

import pytest

from constraints import min_run_minutes
from constraints.conftest import (
    RACE, assert_forced_violation, build, find_break, index_of, make_config, move_distance,
    pace_minutes, runs_of, solve_ok, solved_plan, values, violations,
)
from planner.config import load_config

BASE = make_config()


@pytest.mark.parametrize("cfg, least", [(BASE, 20), (make_config(rules={"min_run_minutes": 45}), 45),
                                        (make_config(RACE, availability={"sun": 30}), 20)],
                         ids=["20", "45", "race"])
def test_every_run_lasts_long_enough(cfg, least):
    _, m = build(cfg)
    # many runs for little distance: the solver would make every run as short as it may
    m.cp.maximize(100 * sum(v.run for v in m.free_vars()) - sum(m.week_distance(w) for w in m.week_numbers))
    days = values(solve_ok(m), m)
    runs = [d for d in days if d["run"]]
    assert runs and all(d["minutes"] >= least for d in runs)
    assert min(d["minutes"] for d in runs) == least  # the rule binds
    if least == 45:  # a 60-minute weekday minus a 20-minute session leaves no room for a run
        assert not any(d["run"] and d["strength"] for d in days if d["free"] == 60)


def force_short_tuesday_run(m):
    tue = m.day(index_of(1, "tue"))
    m.cp.add(tue.run == 1)
    m.cp.add(tue.minutes <= 19)


def force_short_long_run(m):
    m.cp.add(m.day(index_of(2, "sun")).long == 1)
    m.cp.add(m.day(index_of(2, "sun")).long_minutes == 15)


@pytest.mark.parametrize("force", [force_short_tuesday_run, force_short_long_run])
def test_forced_short_run_is_infeasible(force):
    assert_forced_violation(BASE, min_run_minutes, force)


def test_forced_run_under_a_raised_minimum_is_infeasible():
    cfg = make_config(rules={"min_run_minutes": 45})
    assert_forced_violation(cfg, min_run_minutes, lambda m: m.cp.add(m.day(index_of(1, "sat")).easy_minutes == 44))


def test_validator_rejects_a_short_run():
    """An easy run is cut to 3.0 km (18 minutes) and the distance it loses goes to another easy run
    of the same week, so the week's distance stays."""
    plan = solved_plan(BASE)
    config = load_config(BASE)
    pace = pace_minutes(BASE)
    short = 3.0
    edits = []
    for w in range(len(plan["weeks"]), 0, -1):
        easy = runs_of(plan, w, "easy")
        long_run = max([plan["days"][i]["distance"] for i in runs_of(plan, w, "long")], default=99)
        for src in easy:
            for dst in easy:
                d_src, d_dst = plan["days"][src], plan["days"][dst]
                moved = round(d_src["distance"] - short, 1)
                room = config.availability.minutes(d_dst["weekday"]) - d_dst["strength_minutes"]
                if src != dst and round((d_dst["distance"] + moved) * pace) <= room and d_dst["distance"] + moved < long_run:
                    edits.append((f"day {src} cut to {short} km, day {dst} lengthened",
                                   lambda p, src=src, dst=dst, moved=moved: move_distance(BASE, p, src, dst, moved)))
    broken, description = find_break(BASE, plan, "min_run_minutes", edits)
    found = violations(BASE, broken, "min_run_minutes")
    assert len(found) == 1 and "18 minutes" in found[0].message, description
