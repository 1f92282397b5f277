"""Shared helpers for the per-rule tests in constraints/test_*.py.

Three kinds of test per rule (docs/rules.md):

1. the full model (every rule) on a small config solves, and the solution obeys the rule;
2. forcing a concrete violation of the rule makes the full model INFEASIBLE, while the model
   without that rule's module (``constraints.build_all(m, skip=(module,))``) accepts it;
3. the independent validator (planner/validator.py) reports the rule on a solved plan that was
   edited to break it.

Helpers are plain functions (imported by the test modules) plus a few fixtures. Solved plans
(``planner.plan``) are cached per config for the whole session: several rules share a config.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from typing import Any, Iterable

import pytest
from ortools.sat.python import cp_model

import constraints
import planner
from planner.config import WEEKDAYS, load_config
from planner.instance import Instance
from planner.model import PlanModel
from planner.validator import validate

START = dt.date(2026, 11, 30)  # a Monday
SOLVED = (cp_model.OPTIMAL, cp_model.FEASIBLE)
RPE = {"rest": 0, "easy": 3, "long": 4, "quality": 6, "race": 8}
STRENGTH_RPE = 3

# ---- configs ----------------------------------------------------------------------------------

BASE_CONFIG: dict[str, Any] = {
    "athlete": {"name": "Test Runner", "units": "km", "easy_pace": "6:00"},
    "history": {"weekly_distance": [30, 32, 31, 33], "longest_recent_run": 14},
    "goal": {"target_weekly_distance": 45},
    "plan": {"start": START.isoformat(), "weeks": 3},
    "availability": {
        "mon": 0, "tue": 60, "wed": 60, "thu": 60, "fri": 0, "sat": 120, "sun": 150,
        "long_run_days": ["sat", "sun"],
    },
    "strength": {"sessions_per_week": 2, "minutes": 20},
}

# every weekday available (the base config leaves Monday and Friday empty)
ALL_DAYS = {"availability": {"mon": 60, "tue": 60, "wed": 60, "thu": 60, "fri": 60, "sat": 120, "sun": 150}}

# a 10 km race on the Sunday of week 4 (2026-12-27): weeks 3-4 are the taper, weeks 1-2 the build
RACE = {"plan": {"weeks": 4}, "goal": {"race": {"date": "2026-12-27", "distance": 10}}}


def checkin(date: str, **fields) -> dict:
    """A pain check-in (defaults: lower back, severity 3, dull, on a long run, resolved)."""
    return {"date": date, "location": "lower_back", "severity": 3, "character": "dull",
            "during": "long_run", **fields}


# mild: one check-in that faded with rest; long runs in weeks 1-2 <= 0.9 x 12 = 10.8 km
MILD = {"pain": {"checkins": [checkin("2026-11-22", onset_distance=12)]}}
MILD_CAP = 10.8
# persistent: the knee on 3 dates of the last 7 days; long runs in weeks 1-2 <= 0.8 x 14 = 11.2,
# week 1 <= 0.7 x 33 = 23.1
PERSISTENT = {"pain": {"checkins": [checkin(d, location="knee", severity=2, during="easy_run")
                                    for d in ("2026-11-24", "2026-11-26", "2026-11-28")]}}
PERSISTENT_LONG_CAP = 11.2
PERSISTENT_WEEK1_CAP = 23.1


def merge(base: dict, changes: dict) -> dict:
    """A deep copy of `base` with `changes` merged in (nested dicts merged; None deletes a key)."""
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def make_config(*presets: dict, **changes) -> dict:
    """The base config dict with presets (e.g. RACE, ALL_DAYS) and keyword sections merged in.

    ``make_config(RACE, rules={"acwr_max": 2.0}, plan={"weeks": 4})``
    """
    data = BASE_CONFIG
    for preset in presets:
        data = merge(data, preset)
    return merge(data, changes)


# ---- model building and solving ---------------------------------------------------------------

def _module(item):
    if isinstance(item, str):
        return getattr(constraints, item)
    return item


def build(cfg: dict, skip: Iterable = ()) -> tuple[Instance, PlanModel]:
    """(instance, model) for a config dict, with every rule module except those in `skip`.

    `skip` holds constraint modules or their names ("acwr", "after_long", ...)."""
    instance = Instance(load_config(cfg))
    model = PlanModel(instance)
    constraints.build_all(model, skip=tuple(_module(s) for s in skip))
    return instance, model


def solve(model: PlanModel, seconds: float = 10.0) -> tuple[int, cp_model.CpSolver]:
    """(status, solver) for a model: 2 workers, a 10 s limit, a fixed seed."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.random_seed = 1
    return solver.Solve(model.cp), solver


def status_name(status: int) -> str:
    return cp_model.CpSolver().StatusName(status)


def solve_ok(model: PlanModel) -> cp_model.CpSolver:
    """Solve and assert a solution was found; return the solver to read values from."""
    status, solver = solve(model)
    assert status in SOLVED, f"expected a solution, got {status_name(status)}"
    return solver


def assert_forced_violation(cfg: dict, module, force, extra_skip: Iterable = ()) -> None:
    """The heart of every "breaking the rule is impossible" test.

    `force(m)` adds constraints to a model that pin a concrete violation of `module`'s rule.
    With every rule that must be INFEASIBLE; with every rule but `module` (and `extra_skip`,
    for violations another module necessarily blocks too) it must be solvable, which shows that
    `module` is what rules the violation out.
    """
    _, full = build(cfg)
    force(full)
    status, _ = solve(full)
    assert status == cp_model.INFEASIBLE, f"forced violation of {module.RULE.name} was accepted ({status_name(status)})"
    _, relaxed = build(cfg, skip=(module, *extra_skip))
    force(relaxed)
    status, _ = solve(relaxed)
    assert status in SOLVED, (f"without {module.__name__} the forced violation is still {status_name(status)}: "
                              "another rule blocks it, so the test does not isolate this rule")


def schedule_of(m: PlanModel, solver: cp_model.CpSolver, status: str = "optimal"):
    """The solved whole-plan model as the solver's Schedule (for planner.result.build_plan)."""
    from planner.solve import Schedule
    from planner.solve.week import read_day

    return Schedule(status, 0.0, [read_day(m, i, solver) for i in m.free_days])


def index_of(week: int, weekday: str) -> int:
    """0-based plan day index of a weekday in a plan week (plans here start on a Monday)."""
    return 7 * (week - 1) + WEEKDAYS.index(weekday)


def values(solver: cp_model.CpSolver, m: PlanModel) -> list[dict]:
    """Every plan day's solved values as plain dicts (distances in the unit, not tenths)."""
    days = []
    for day, v in zip(m.instance.days, m.free_vars()):
        long_, quality, easy = solver.Value(v.long), solver.Value(v.quality), solver.Value(v.easy)
        kind = "race" if day.is_race else "long" if long_ else "quality" if quality else "easy" if easy else "rest"
        days.append({
            "index": day.index, "date": day.date, "weekday": day.weekday, "week": day.week, "kind": kind,
            "run": bool(solver.Value(v.run)), "distance": solver.Value(v.distance) / 10,
            "tenths": solver.Value(v.distance), "minutes": solver.Value(v.minutes),
            "strength": bool(solver.Value(v.strength)), "rest": bool(solver.Value(v.rest)),
            "load": solver.Value(m.load(day.index)), "free": day.minutes,
        })
    return days


def week_totals(days: list[dict]) -> dict[int, int]:
    """Training distance (tenths) per week from `values()` output."""
    totals: dict[int, int] = {}
    for d in days:
        totals[d["week"]] = totals.get(d["week"], 0) + d["tenths"]
    return totals


def history_day_load(config, back: int) -> float:
    """docs/rules.md: the load of the day `back` days before plan.start (back >= 1)."""
    history = config.history.weekly_distance
    week = (back - 1) // 7
    distance = history[-1 - week] if week < len(history) else history[0]
    return distance * config.pace_seconds / 60 * 3.5 / 7


def acwr_series(config, loads: list[float]) -> list[tuple[float, float, float]]:
    """(acute, chronic, ratio) of every plan day from the plan's daily loads (race day 0), test-side."""
    series = [history_day_load(config, back) for back in range(27, 0, -1)] + list(loads)
    floor = (config.start_floor * config.pace_seconds / 60 * 3.5
             + config.strength.sessions_per_week * config.strength.minutes * STRENGTH_RPE)
    out = []
    for i in range(27, len(series)):
        acute = sum(series[i - 6:i + 1])
        chronic = max(sum(series[i - 27:i + 1]) / 4, floor)
        out.append((acute, chronic, acute / chronic if chronic else 0.0))
    return out


# ---- solved plans (planner.plan) and editing them -----------------------------------------------

_PLANS: dict[str, dict] = {}


def solved_plan(cfg: dict) -> dict:
    """A deep copy of `planner.plan(cfg, time_limit=10).to_dict()`, solved once per config."""
    key = json.dumps(cfg, sort_keys=True, default=str)
    if key not in _PLANS:
        _PLANS[key] = planner.plan(cfg, time_limit=10).to_dict()
    plan = copy.deepcopy(_PLANS[key])
    assert plan["status"] in ("optimal", "feasible"), f"config did not solve: {plan['status']}"
    return plan


def check(cfg: dict, plan: dict) -> set[str]:
    """The rule names the validator reports for a plan."""
    return {v.rule for v in validate(load_config(cfg), plan)}


def violations(cfg: dict, plan: dict, rule: str | None = None):
    found = validate(load_config(cfg), plan)
    return [v for v in found if rule is None or v.rule == rule]


def pace_minutes(cfg: dict) -> float:
    """Easy pace in minutes per unit."""
    return load_config(cfg).pace_seconds / 60


def run_minutes(cfg: dict, kind: str, distance: float) -> int:
    """A valid duration for a run: easy/long at easy pace, quality at 0.9 x that (rounded)."""
    if kind == "rest":
        return 0
    base = distance * pace_minutes(cfg)
    return int(math.floor((0.9 * base if kind == "quality" else base) + 0.5))


def day(plan: dict, index: int) -> dict:
    return plan["days"][index]


def week_days(plan: dict, week: int) -> list[dict]:
    return plan["days"][7 * (week - 1): 7 * week]


def set_run(cfg: dict, plan: dict, index: int, kind: str, distance: float | None = None,
            minutes: int | None = None) -> None:
    """Give a day a run of `kind` (distance kept if None; minutes from the pace unless given)."""
    d = plan["days"][index]
    if kind == "rest":
        distance, minutes = 0.0, 0
    distance = d["distance"] if distance is None else distance
    d["run_kind"] = kind
    d["distance"] = round(distance, 1)
    d["run_minutes"] = run_minutes(cfg, kind, d["distance"]) if minutes is None else minutes
    refresh(cfg, plan)


def set_strength(cfg: dict, plan: dict, index: int, on: bool) -> None:
    plan["days"][index]["strength"] = on
    refresh(cfg, plan)


def move_strength(cfg: dict, plan: dict, src: int, dst: int) -> None:
    """Move the hip/core session of day `src` to day `dst`."""
    plan["days"][src]["strength"], plan["days"][dst]["strength"] = False, True
    refresh(cfg, plan)


def move_distance(cfg: dict, plan: dict, src: int, dst: int, amount: float) -> None:
    """Move `amount` of distance from one run to another (minutes follow the pace)."""
    a, b = plan["days"][src], plan["days"][dst]
    set_run(cfg, plan, src, a["run_kind"], a["distance"] - amount)
    set_run(cfg, plan, dst, b["run_kind"], b["distance"] + amount)


def refresh(cfg: dict, plan: dict) -> None:
    """Recompute everything that follows from the days' kinds, distances, minutes and strength:
    strength minutes and exercises, full_rest, load, warm-up/cool-down and the weeks[] aggregates
    (max_acwr included), so an edited plan breaks only the rule the edit targets, not `structure`."""
    config = load_config(cfg)
    smin = config.strength.minutes
    for d in plan["days"]:
        running = d["run_kind"] != "rest"
        if not running:
            d["distance"], d["run_minutes"] = 0.0, 0
        d["strength_minutes"] = smin if d["strength"] else 0
        if d["strength"] and not d["strength_exercises"]:
            d["strength_exercises"] = ["clamshells", "glute bridges", "dead bugs"]
        if not d["strength"]:
            d["strength_exercises"] = []
        d["full_rest"] = not running and not d["strength"]
        d["load"] = d["run_minutes"] * RPE[d["run_kind"]] + d["strength_minutes"] * STRENGTH_RPE
        d["warmup"] = ["leg swings", "hip openers"] if running else []
        d["cooldown"] = ["static stretching"] if running else []
    ratios = acwr_series(config, [0 if d["run_kind"] == "race" else d["load"] for d in plan["days"]])
    for w, entry in enumerate(plan["weeks"], start=1):
        block = plan["days"][7 * (w - 1): 7 * w]
        entry["distance"] = round(sum(d["distance"] for d in block), 1)
        entry["long_run"] = max((d["distance"] for d in block if d["run_kind"] == "long"), default=0.0)
        entry["runs"] = sum(d["run_kind"] != "rest" for d in block)
        entry["strength_sessions"] = sum(d["strength"] for d in block)
        entry["full_rest_days"] = sum(d["full_rest"] for d in block)
        entry["load"] = sum(d["load"] for d in block)
        entry["max_acwr"] = round(max(r for _, _, r in ratios[7 * (w - 1): 7 * w]), 2)


def plan_week_distance(plan: dict, week: int) -> float:
    """A week's running distance with the race excepted (as the weekly rules count it)."""
    return round(sum(d["distance"] for d in week_days(plan, week) if d["run_kind"] != "race"), 1)


def runs_of(plan: dict, week: int, kind: str) -> list[int]:
    """Indices of a week's runs of one kind."""
    return [7 * (week - 1) + i for i, d in enumerate(week_days(plan, week)) if d["run_kind"] == kind]


def available(cfg: dict, plan: dict, index: int) -> int:
    """Minutes a day still has free (weekday minutes - run minutes - strength minutes)."""
    d = plan["days"][index]
    return load_config(cfg).availability.minutes(d["weekday"]) - d["run_minutes"] - d["strength_minutes"]


def add_easy_distance(cfg: dict, plan: dict, week: int, amount: float) -> None:
    """Lengthen a week's easy runs by `amount` in total, staying within availability and below
    the week's long run; fails the test if the week has no room."""
    long_run = max((day(plan, i)["distance"] for i in runs_of(plan, week, "long")), default=math.inf)
    left = round(amount, 1)
    pace = pace_minutes(cfg)
    for i in runs_of(plan, week, "easy"):
        if left <= 0:
            break
        d = day(plan, i)
        free = available(cfg, plan, i)
        by_time = math.floor((free - 0.5) / pace * 10) / 10  # keep rounded minutes within the day
        by_long = round(long_run - d["distance"] - 0.1, 1) if long_run != math.inf else math.inf
        step = round(max(0.0, min(left, by_time, by_long)), 1)
        if step > 0:
            set_run(cfg, plan, i, "easy", d["distance"] + step)
            left = round(left - step, 1)
    assert left <= 0, f"week {week} has no room for {amount} more easy distance"


def cut_easy_distance(cfg: dict, plan: dict, week: int, amount: float) -> None:
    """Shorten a week's easy runs by `amount` in total, keeping each >= min_run_minutes."""
    config = load_config(cfg)
    shortest = math.ceil(config.rules.min_run_minutes / pace_minutes(cfg) * 10 + 1) / 10
    left = round(amount, 1)
    for i in runs_of(plan, week, "easy"):
        if left <= 0:
            break
        d = day(plan, i)
        step = round(max(0.0, min(left, d["distance"] - shortest)), 1)
        if step > 0:
            set_run(cfg, plan, i, "easy", d["distance"] - step)
            left = round(left - step, 1)
    assert left <= 0, f"week {week} has no room to cut {amount} easy distance"


# ---- fixtures ------------------------------------------------------------------------------------

@pytest.fixture
def base_config():
    """A factory for config dicts: ``base_config(RACE, rules={...})`` (see make_config)."""
    return make_config


@pytest.fixture
def base_plan():
    """The solved plan of the base config (a fresh copy for each test)."""
    return solved_plan(make_config())


# ---- objectives and edits used by several rules --------------------------------------------------

def maximize_volume(m: PlanModel) -> None:
    """Ask for the most training distance: volume caps then bind, so a rule that holds is tested
    where it matters (a model without an objective may return an idle plan)."""
    m.cp.maximize(sum(m.week_distance(w) for w in m.week_numbers))


def max_volume(cfg: dict, skip: Iterable = ()) -> int:
    """The largest total training distance (tenths) the model allows for a config."""
    _, m = build(cfg, skip=skip)
    maximize_volume(m)
    status, solver = solve(m)
    assert status == cp_model.OPTIMAL, status_name(status)
    return round(solver.ObjectiveValue())


def find_break(cfg: dict, plan: dict, rule: str, edits) -> tuple[dict, str]:
    """Apply each candidate edit (description, function(plan) -> bool) to a fresh copy of a valid
    plan; return the first edited plan the validator rejects for `rule` and nothing else.

    Several candidates are offered because which days of a solved plan have room for an edit
    depends on the solution; each candidate is a concrete, deliberate violation of `rule`."""
    assert check(cfg, plan) == set(), "the plan to edit must be valid to begin with"
    tried = []
    for description, edit in edits:
        candidate = copy.deepcopy(plan)
        if edit(candidate) is False:
            continue
        found = check(cfg, candidate)
        if found == {rule}:
            return candidate, description
        tried.append(f"{description}: {sorted(found)}")
    pytest.fail(f"no edit broke {rule} alone; tried:\n  " + "\n  ".join(tried))


def swap_runs(cfg: dict, plan: dict, a: int, b: int) -> None:
    """Swap the runs (kind, distance, minutes) of two days; strength sessions stay where they were."""
    da, db = plan["days"][a], plan["days"][b]
    for key in ("run_kind", "distance", "run_minutes"):
        da[key], db[key] = db[key], da[key]
    refresh(cfg, plan)


def swap_days(cfg: dict, plan: dict, a: int, b: int) -> None:
    """Swap everything two days hold: runs and hip/core sessions."""
    da, db = plan["days"][a], plan["days"][b]
    for key in ("run_kind", "distance", "run_minutes", "strength", "strength_exercises"):
        da[key], db[key] = db[key], da[key]
    refresh(cfg, plan)
