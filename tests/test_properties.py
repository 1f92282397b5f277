"""Property tests: generated athletes get plans that the independent validator accepts.

The generator stays inside realistic, feasible territory (enough available days for a long
run plus two shorter runs, history that supports a long run); every plan it gets must obey
every rule of the contract, whatever the units, availability pattern, history, length or race.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import planner

START = dt.date(2026, 11, 30)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@st.composite
def athletes(draw, max_weeks: int = 8):
    units = draw(st.sampled_from(["km", "mi"]))
    scale = 1.0 if units == "km" else 0.62
    pace = draw(st.integers(300, 450)) if units == "km" else draw(st.integers(480, 720))
    # a steady history: a jump such as 18 -> 32 already breaks the ACWR cap before day 1
    base = draw(st.integers(18, 45))
    history = [base * draw(st.floats(0.92, 1.08)) for _ in range(draw(st.integers(1, 6)))]
    longest = draw(st.integers(8, 16))
    long_days = draw(st.sampled_from([["sat"], ["sun"], ["sat", "sun"]]))
    # mon/wed/fri leave room for three non-consecutive hip/core sessions (pain raises them to 3)
    weekdays = ["mon", "wed", "fri"] + draw(st.lists(st.sampled_from(["tue", "thu"]), max_size=2, unique=True))
    availability = {day: draw(st.integers(45, 90)) for day in weekdays}
    availability.update({day: draw(st.integers(120, 180)) for day in long_days})
    availability["long_run_days"] = long_days
    weeks = draw(st.integers(1, max_weeks))
    config = {
        "athlete": {"name": "Generated", "units": units, "easy_pace": f"{pace // 60}:{pace % 60:02d}"},
        "history": {
            "weekly_distance": [round(h * scale, 1) for h in history],
            "longest_recent_run": round(longest * scale, 1),
        },
        "goal": {"target_weekly_distance": round(max(history) * scale * draw(st.floats(1.0, 1.6)) + 0.1, 1)},
        "plan": {"start": START.isoformat(), "weeks": weeks},
        "availability": availability,
        "strength": {"sessions_per_week": draw(st.integers(0, 2)), "minutes": draw(st.sampled_from([15, 20, 30]))},
        "quality_sessions_per_week": draw(st.integers(0, 1)),
    }
    if weeks >= 2 and draw(st.booleans()):
        # races on a weekend: a Monday race would leave no legal long-run day the week before
        race_day = START + dt.timedelta(days=7 * (weeks - 1) + draw(st.integers(5, 6)))
        config["goal"]["race"] = {"date": race_day.isoformat(), "distance": draw(st.sampled_from([5.0, 10.0, 21.1]))}
    if draw(st.booleans()):
        config["pain"] = {"checkins": [{
            "date": (START - dt.timedelta(days=draw(st.integers(1, 20)))).isoformat(),
            "location": draw(st.sampled_from(["lower_back", "hip", "glute"])),
            "severity": draw(st.integers(0, 8)),
            "character": draw(st.sampled_from(["dull", "dull", "sharp", "radiating"])),
            "during": "long_run",
        }]}
    return config


PROPERTY_SETTINGS = settings(max_examples=12, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(athletes())
def test_generated_plans_obey_every_rule(data):
    config = planner.load_config(data)
    plan = planner.plan(config, time_limit=10)
    assert plan.status in ("optimal", "feasible", "halted"), plan.warnings
    assert planner.validate(config, plan) == []


def ramp_bound(config) -> float:
    """Largest peak the ramp, cutback and target rules alone allow (the solver's ceiling)."""
    history = list(config.history.weekly_distance)
    weeks = [history[0]] * 2 + history
    peak = 0.0
    for week in range(1, config.weeks + 1):
        cap = max(1.1 * max(weeks[-1], weeks[-2]), config.start_floor)
        if week % 4 == 0:
            cap = min(cap, 0.8 * weeks[-1])
        cap = min(cap, config.goal.target_weekly_distance)
        weeks.append(cap)
        peak = max(peak, cap)
    return peak


RAMP_RULES = {"max_weekly_increase", "cutback_reduction", "target"}


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(athletes(max_weeks=10))
def test_peak_is_within_two_percent_of_what_the_ramp_allows(data):
    """Generous weekday time: the peak reaches the ramp's ceiling, or the plan names the other
    rule that holds it below (a history's load ratio with hip/core load on top, a run-spike cap
    from a short longest run: rules the ramp's arithmetic does not see). A `feasible` plan (no
    proof that more is impossible) may name the ramp where the load ratio held an early week
    back and the ramp carried the delay on."""
    data["goal"].pop("race", None)
    data.pop("pain", None)
    data["quality_sessions_per_week"] = 0
    for day in ("tue", "wed", "thu"):
        data["availability"][day] = 120
    config = planner.load_config(data)
    plan = planner.plan(config, time_limit=10)
    assert plan.status in ("optimal", "feasible")
    if plan.peak_distance < 0.98 * ramp_bound(config) - 0.1:
        named = {note.rule for note in plan.explanation.limits}
        assert named, f"peak {plan.peak_distance} below the ramp's {ramp_bound(config)} with no limit named"
        if plan.status == "optimal":  # proven: something besides the ramp's arithmetic holds it
            assert named - RAMP_RULES, f"peak {plan.peak_distance} below the ramp's {ramp_bound(config)}: {named}"


@st.composite
def any_athletes(draw, max_weeks: int = 5):
    """Any config the contract accepts, feasible or not: jumps in the history, long recent runs,
    days with no minutes, tight rules, races on any weekday."""
    units = draw(st.sampled_from(["km", "mi"]))
    pace = draw(st.integers(240, 480))
    history = [draw(st.integers(0, 90)) for _ in range(draw(st.integers(1, 6)))]
    availability = {day: draw(st.sampled_from([0, 0, 20, 30, 45, 60, 90, 120, 180])) for day in WEEKDAYS}
    availability["long_run_days"] = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
    weeks = draw(st.integers(1, max_weeks))
    config = {
        "athlete": {"name": "Anyone", "units": units, "easy_pace": f"{pace // 60}:{pace % 60:02d}"},
        "history": {"weekly_distance": history, "longest_recent_run": draw(st.integers(0, 35))},
        "goal": {"target_weekly_distance": draw(st.integers(5, 120))},
        "plan": {"start": START.isoformat(), "weeks": weeks},
        "availability": availability,
        "strength": {"sessions_per_week": draw(st.integers(0, 4)), "minutes": draw(st.sampled_from([10, 20, 45]))},
        "quality_sessions_per_week": draw(st.integers(0, 2)),
        "rules": {
            "acwr_max": draw(st.sampled_from([1.1, 1.3, 1.6])),
            "min_rest_days": draw(st.integers(0, 3)),
            "max_consecutive_run_days": draw(st.integers(1, 6)),
        },
    }
    if draw(st.booleans()):
        race_day = START + dt.timedelta(days=7 * (weeks - 1) + draw(st.integers(0, 6)))
        config["goal"]["race"] = {"date": race_day.isoformat(), "distance": draw(st.sampled_from([5.0, 21.1, 42.2]))}
    checkins = draw(st.just([]) | st.just([]) | st.lists(st.fixed_dictionaries({
        "date": st.integers(1, 14).map(lambda back: (START - dt.timedelta(days=back)).isoformat()),
        "location": st.sampled_from(["lower_back", "hip", "glute"]),
        "severity": st.integers(0, 8),
        "character": st.sampled_from(["dull", "sharp", "radiating"]),
        "during": st.sampled_from(["long_run", "easy_run", "after_run"]),
        "onset_distance": st.sampled_from([None, 3.0, 12.0]),
        "resolved_after_rest": st.booleans(),
    }), min_size=1, max_size=3))  # pain in about a third of the athletes
    if checkins:
        config["pain"] = {"checkins": checkins}
    return config


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(any_athletes())
def test_any_config_gets_a_valid_plan_or_the_rules_that_conflict(data):
    """What the contract promises for every valid config: a plan that obeys every rule, or
    status infeasible with the rules that cannot hold together named."""
    try:
        config = planner.load_config(data)
    except planner.ConfigError as error:
        event(f"rejected: {error.field}")
        assume(False)
    plan = planner.plan(config, time_limit=10)
    event(f"status {plan.status}")
    if plan.status == "infeasible":
        assert not plan.timed_out, plan.warnings
        assert plan.explanation.conflicts, plan.warnings
    else:
        assert planner.validate(config, plan) == []
