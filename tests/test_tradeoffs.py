"""The notebook API: overrides, sweeps (planner.tradeoffs) and the volume/load front (planner.pareto).

Sweeps use five-week plans (each solve well under a second) and check what the model
guarantees: it maximizes weekly volume, so a looser rule never gives an optimal plan less
total distance, and every plan obeys the cap it was planned with.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

import planner
from planner.config import load_config
from planner.errors import ConfigError
from planner.frontier import dominates, front_mask, non_dominated
from planner.overrides import apply_overrides, config_paths
from planner.parallel import row_status, solve_configs
from planner.sweep import grid

from .batch_helpers import CRASH_NAME, always_crash, plan_or_crash
from .conftest import BASE_CONFIG, EXAMPLES, ROOT

BEGINNER = ROOT / "examples" / "beginner_5k.yaml"
SHORT = {"plan.weeks": 5, "goal.race": None}  # five weeks, no race: the objective is the total distance
TIME_LIMIT = 30  # generous: a shared machine must not turn an optimal point into a time-out
ACWR_CAPS = [1.2, 1.3, 1.4, 1.5]


def rows_optimal(table):
    return table[table["status"] == "optimal"]


def assert_non_decreasing(values, label):
    values = list(values)
    assert all(a <= b + 1e-9 for a, b in zip(values, values[1:])), f"{label} decreases: {values}"


# ---- import stays light -----------------------------------------------------------------------

def test_import_planner_loads_no_solver_dataframes_or_plots():
    code = (
        "import sys, json, planner; planner.plan; planner.tradeoffs; planner.pareto; "
        "print(json.dumps(sorted(m for m in ('ortools', 'pandas', 'plotly', 'pydantic') if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout) == []


# ---- overrides --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_no_overrides_round_trip_to_the_same_config(path):
    config = load_config(path)
    assert apply_overrides(config.model_dump(mode="json")) == config
    assert apply_overrides(path) == config


def test_overrides_set_fields_and_leave_the_rest():
    config = load_config(BASE_CONFIG)
    changed = apply_overrides(config, {"rules.acwr_max": 1.4, "availability.tue": 40, "strength.minutes": 30})
    assert (changed.rules.acwr_max, changed.availability.tue, changed.strength.minutes) == (1.4, 40, 30)
    assert changed.rules.model_copy(update={"acwr_max": config.rules.acwr_max}) == config.rules
    assert changed.availability.model_copy(update={"tue": config.availability.tue}) == config.availability
    assert changed.history == config.history and changed.goal == config.goal
    assert config.rules.acwr_max == 1.3  # the original is untouched


def test_overrides_set_whole_sections_and_lists():
    config = apply_overrides(BEGINNER, {"goal.race": None, "plan.weeks": 6, "history.weekly_distance": [9, 9]})
    assert config.goal.race is None and config.weeks == 6
    assert config.history.weekly_distance == [9, 9]


def test_overrides_convert_distances_with_units_like_the_file_does():
    config = apply_overrides(BASE_CONFIG, {"goal.target_weekly_distance": "20 mi"})
    assert config.goal.target_weekly_distance == pytest.approx(32.2)


@pytest.mark.parametrize("path, suggested", [
    ("rules.acwr_mx", "rules.acwr_max"),
    ("acwr_max", "rules.acwr_max"),
    ("availability.tues", "availability.tue"),
    ("strength.session_per_week", "strength.sessions_per_week"),
])
def test_unknown_path_is_named_with_close_alternatives(path, suggested):
    with pytest.raises(ConfigError) as caught:
        apply_overrides(BASE_CONFIG, {path: 1})
    assert caught.value.field == path
    assert "is not a config field" in str(caught.value)
    assert suggested in str(caught.value)


def test_unknown_path_without_near_names_lists_the_sections():
    with pytest.raises(ConfigError, match="sections: athlete, history, goal, plan, availability"):
        apply_overrides(BASE_CONFIG, {"zzz.qqq": 1})


@pytest.mark.parametrize("path, value, allowed", [
    ("rules.acwr_max", 5, "less than or equal to 3"),
    ("availability.tue", -10, "greater than or equal to 0"),
    ("strength.sessions_per_week", "two", "valid integer"),
])
def test_bad_value_names_the_field_and_the_override(path, value, allowed):
    with pytest.raises(ConfigError) as caught:
        apply_overrides(BASE_CONFIG, {path: value})
    assert caught.value.field == path
    assert allowed in caught.value.problem
    assert f"override {path}={value!r}" in caught.value.problem


def test_bad_value_in_a_file_names_the_file():
    with pytest.raises(ConfigError) as caught:
        apply_overrides(BEGINNER, {"rules.acwr_max": 0.1})
    assert caught.value.path == BEGINNER and caught.value.field == "rules.acwr_max"


def test_override_that_breaks_a_cross_field_rule_names_that_field():
    with pytest.raises(ConfigError) as caught:
        apply_overrides(BEGINNER, {"plan.weeks": 3})  # the race falls after the plan's last week
    assert caught.value.field == "goal.race.date"


def test_config_paths_cover_every_section_and_nested_field():
    paths = config_paths()
    for path in ("rules.acwr_max", "availability.sun", "goal.race.distance", "strength.minutes", "pain.checkins"):
        assert path in paths


# ---- planner.plan with overrides (a red-flag config is halted at once, no solve) ----------------

RED_FLAG = {**copy.deepcopy(BASE_CONFIG), "pain": {"checkins": [
    {"date": "2026-11-20", "location": "hip", "severity": 8, "character": "sharp", "during": "long_run"}]}}


def test_plan_takes_overrides_as_a_dict_and_as_keywords():
    assert len(planner.plan(RED_FLAG).day_list) == 21
    assert len(planner.plan(RED_FLAG, overrides={"plan.weeks": 2}).day_list) == 14
    assert len(planner.plan(RED_FLAG, **{"plan.weeks": 4}, time_limit=5).day_list) == 28
    assert len(planner.plan(RED_FLAG, plan__weeks=5).day_list) == 35  # a double underscore for the dot
    halted = planner.plan(RED_FLAG, athlete={"name": "Renamed", "units": "km", "easy_pace": "6:00"})
    assert halted.status == "halted" and halted.athlete == "Renamed"


def test_plan_rejects_a_mistyped_solver_option():
    with pytest.raises(TypeError, match="did you mean time_limit"):
        planner.plan(RED_FLAG, time_limt=5)


def test_plan_with_a_bad_override_raises_config_error():
    with pytest.raises(ConfigError) as caught:
        planner.plan(RED_FLAG, overrides={"rules.acwr_max": 9})
    assert caught.value.field == "rules.acwr_max"


# ---- the grid -----------------------------------------------------------------------------------

def test_grid_is_the_product_with_the_last_field_fastest():
    settings = grid({"rules.acwr_max": [1.2, 1.3], "availability.tue": [30, 45, 60]})
    assert len(settings) == 6
    assert settings[:3] == [{"rules.acwr_max": 1.2, "availability.tue": t} for t in (30, 45, 60)]
    assert settings[3]["rules.acwr_max"] == 1.3


def test_grid_takes_numpy_arrays_pandas_series_and_ranges_as_plain_numbers():
    import numpy
    import pandas

    settings = grid({"rules.acwr_max": numpy.linspace(1.2, 1.4, 3), "availability.tue": pandas.Series([30, 45]),
                     "strength.sessions_per_week": range(1, 3)})
    assert len(settings) == 12
    assert [s["rules.acwr_max"] for s in settings[::4]] == pytest.approx([1.2, 1.3, 1.4])
    assert all(type(value) in (int, float) for setting in settings for value in setting.values())


@pytest.mark.parametrize("vary, field", [
    ({}, "vary"),
    ({"rules.acwr_mx": [1.2]}, "rules.acwr_mx"),
    ({"rules.acwr_max": []}, "rules.acwr_max"),
    ({"rules.acwr_max": "1.2"}, "rules.acwr_max"),
    ({"rules.acwr_max": [1.2, "high"]}, "rules.acwr_max"),
    ({"availability.tue": [True]}, "availability.tue"),
])
def test_bad_sweeps_are_config_errors_naming_the_field(vary, field):
    with pytest.raises(ConfigError) as caught:
        grid(vary)
    assert caught.value.field == field


def test_sweep_value_the_config_does_not_allow_fails_before_solving():
    with pytest.raises(ConfigError) as caught:
        planner.tradeoffs(BASE_CONFIG, vary={"rules.acwr_max": [1.3, 4.0]}, progress=False)
    assert caught.value.field == "rules.acwr_max" and "4.0" in caught.value.problem


def test_a_crashed_planning_process_fails_only_its_setting():
    """A worker that dies (as a segfaulting solver would) turns its own setting into an "error"
    row; the settings around it are planned, in order."""
    beginner = load_config(BEGINNER)
    configs = [apply_overrides(beginner, {**SHORT, "athlete.name": name}) for name in ("Ann", CRASH_NAME, "Bo")]
    plans = solve_configs(configs, TIME_LIMIT, 1, processes=2, progress=False, work=plan_or_crash)
    assert [row_status(plan) for plan in plans] == ["optimal", "error", "optimal"]
    assert [plan.athlete for plan in plans] == ["Ann", CRASH_NAME, "Bo"]
    crashed = plans[1]
    assert crashed.day_list == [] and crashed.status == "infeasible"
    assert any("crashed" in warning for warning in crashed.warnings)


def test_a_sweep_whose_every_process_dies_says_why():
    configs = [apply_overrides(load_config(BEGINNER), SHORT)] * 2
    with pytest.raises(RuntimeError, match="__main__"):
        solve_configs(configs, TIME_LIMIT, 1, processes=2, progress=False, work=always_crash)


def test_zero_processes_is_refused_before_solving():
    with pytest.raises(ValueError, match="processes must be 1 or more"):
        planner.tradeoffs(RED_FLAG, vary={"rules.acwr_max": [1.3]}, processes=0, progress=False)


def test_a_sweep_of_a_halted_config_plans_every_setting_as_halted():
    sweep = planner.tradeoffs(RED_FLAG, vary={"plan.weeks": [1, 2]}, processes=1, progress=False)
    assert list(sweep.table["status"]) == ["halted", "halted"]
    assert list(sweep.table["total_distance"]) == [0.0, 0.0]
    assert [len(p.day_list) for p in sweep.plans] == [7, 14]


# ---- sweeps: what the model guarantees ----------------------------------------------------------

@pytest.fixture(scope="module")
def acwr_sweep():
    return planner.tradeoffs(BEGINNER, vary={"rules.acwr_max": ACWR_CAPS}, overrides=SHORT,
                             time_limit=TIME_LIMIT, processes=2, progress=False)


@pytest.fixture(scope="module")
def minutes_sweep():
    tight_week = {"plan.weeks": 5, "goal.target_weekly_distance": 80,
                  "availability.tue": 30, "availability.thu": 30, "availability.sat": 40}
    return planner.tradeoffs(BASE_CONFIG, vary={"availability.wed": [20, 30, 45, 60]}, overrides=tight_week,
                             time_limit=TIME_LIMIT, processes=2, progress=False)


def test_sweep_table_has_one_row_per_setting_in_order(acwr_sweep):
    table = acwr_sweep.table
    assert list(table["rules.acwr_max"]) == ACWR_CAPS
    assert len(acwr_sweep.plans) == len(acwr_sweep.configs) == len(table) == len(ACWR_CAPS)
    assert [c.rules.acwr_max for c in acwr_sweep.configs] == ACWR_CAPS
    assert all(c.weeks == 5 and c.goal.race is None for c in acwr_sweep.configs)
    for row, plan in zip(table.itertuples(index=False), acwr_sweep.plans):
        assert row.status == plan.status
        if plan.status == "optimal":
            assert row.total_distance == pytest.approx(sum(w.distance for w in plan.week_list))
            assert row.total_load == sum(w.load for w in plan.week_list)


def test_a_higher_acwr_cap_never_lowers_the_optimal_volume(acwr_sweep):
    optimal = rows_optimal(acwr_sweep.table)
    assert len(optimal) >= 3, acwr_sweep
    assert_non_decreasing(optimal["total_distance"], "total distance")
    assert optimal["total_distance"].iloc[-1] > optimal["total_distance"].iloc[0]  # the cap binds somewhere


def test_every_plan_keeps_under_its_acwr_cap(acwr_sweep):
    solved = acwr_sweep.table[acwr_sweep.table["status"].isin(["optimal", "feasible"])]
    assert (solved["max_acwr"] <= solved["rules.acwr_max"] + 0.005).all()  # max_acwr is rounded to 0.01


def test_more_minutes_on_a_weekday_never_lower_the_optimal_volume(minutes_sweep):
    optimal = rows_optimal(minutes_sweep.table)
    assert len(optimal) >= 3, minutes_sweep
    assert_non_decreasing(optimal["total_distance"], "total distance")
    assert optimal["total_distance"].iloc[-1] > optimal["total_distance"].iloc[0]


@pytest.mark.parametrize("sweep_name", ["minutes_sweep", "grid_sweeps"])
def test_peak_and_weeks_to_target_follow_the_weekly_distances(sweep_name, request):
    import pandas

    sweep = request.getfixturevalue(sweep_name)
    sweep = sweep[0] if isinstance(sweep, tuple) else sweep
    for row, plan, config in zip(sweep.table.itertuples(index=False), sweep.plans, sweep.configs):
        weekly = [w.distance for w in plan.week_list]  # no race in these plans
        assert row.peak_distance == max(weekly)
        reached = [w for w, d in enumerate(weekly, 1) if d >= config.goal.target_weekly_distance]
        actual = None if pandas.isna(row.weeks_to_target) else int(row.weeks_to_target)
        assert actual == (reached[0] if reached else None)


def test_a_time_out_without_a_plan_is_unknown_in_a_sweep_not_infeasible():
    from planner.parallel import row_status

    timed_out = planner.plan(BEGINNER, time_limit=1e-6)  # no time for any search
    proven = planner.plan(BEGINNER, overrides={"availability.long_run_days": ["mon"], "availability.mon": 0})
    assert timed_out.status == proven.status == "infeasible"
    assert row_status(timed_out) == "unknown" and timed_out.timed_out
    assert row_status(proven) == "infeasible" and not proven.timed_out
    assert row_status(planner.plan(RED_FLAG)) == "halted"


def test_weeks_to_target_is_the_first_week_at_target():
    from planner.parallel import weeks_to_target

    assert weeks_to_target([30.0, 40.0, 45.0, 36.0, 45.0], 45) == 3
    assert weeks_to_target([30.0, 44.9], 45) is None
    assert weeks_to_target([33.3], 33.35) == 1  # the planner's target is rounded down to 0.1


@pytest.fixture(scope="module")
def grid_sweeps():
    vary = {"rules.acwr_max": [1.3, 1.5], "strength.sessions_per_week": [1, 2]}
    overrides = {**SHORT, "goal.target_weekly_distance": 15}  # reached within the five weeks
    options = dict(overrides=overrides, time_limit=TIME_LIMIT, progress=False)
    return (planner.tradeoffs(BEGINNER, vary, processes=2, **options),
            planner.tradeoffs(BEGINNER, vary, processes=1, **options))


def test_plans_behind_a_sweep_chart_their_target_and_cap(grid_sweeps):
    sweep = grid_sweeps[0]
    for plan, config in zip(sweep.plans, sweep.configs):
        assert plan.context is not None
        assert plan.context.acwr_max == config.rules.acwr_max
        assert plan.context.target_weekly_distance == config.goal.target_weekly_distance


def test_grid_sweep_has_a_row_per_combination(grid_sweeps):
    table = grid_sweeps[0].table
    assert len(table) == 4
    assert list(zip(table["rules.acwr_max"], table["strength.sessions_per_week"])) == [(1.3, 1), (1.3, 2), (1.5, 1), (1.5, 2)]
    more = table[table["strength.sessions_per_week"] == 2]["strength_sessions"].to_numpy()
    fewer = table[table["strength.sessions_per_week"] == 1]["strength_sessions"].to_numpy()
    assert (more - fewer == 5).all()  # one more hip/core session in each of the five weeks
    assert table["weeks_to_target"].notna().all()


def test_parallel_sweep_equals_sequential_sweep(grid_sweeps):
    parallel, sequential = grid_sweeps
    columns = [c for c in parallel.table.columns if c != "solve_seconds"]
    assert parallel.table[columns].equals(sequential.table[columns])
    assert [p.model_dump(exclude={"solve_seconds"}) for p in parallel.plans] == \
           [p.model_dump(exclude={"solve_seconds"}) for p in sequential.plans]


def test_sweep_figure_plots_peak_and_load_per_group(grid_sweeps):
    sweep = grid_sweeps[0]
    figure = sweep.figure()
    assert len(figure.data) == 4  # two panels x two strength settings
    assert list(figure.data[0].x) == [1.3, 1.5]
    assert [t.name for t in figure.data] == ["strength.sessions_per_week=1"] * 2 + ["strength.sessions_per_week=2"] * 2
    assert list(sweep.figure(x="strength.sessions_per_week").data[0].x) == [1, 2]
    with pytest.raises(ValueError, match="varied fields"):
        sweep.figure(x="rules.min_rest_days")


def test_repr_shows_the_table_and_units(acwr_sweep):
    text = repr(acwr_sweep)
    assert text.startswith("Tradeoffs: 4 settings of rules.acwr_max (distances in km)")
    assert "peak_distance" in text and "weeks_to_target" in text
    assert "<table" in acwr_sweep._repr_html_()
    assert acwr_sweep.units["total_distance"] == "km" and acwr_sweep.units["solve_seconds"] == "s"


# ---- Pareto front -------------------------------------------------------------------------------

POINTS = [(10, 5), (12, 5), (12, 4), (8, 2), (8, 3), (12, 4), (15, 9)]  # (volume, load)


def test_dominance_is_more_volume_for_no_more_load_or_less_load_for_no_less_volume():
    assert dominates((12, 4), (10, 5)) and dominates((12, 4), (12, 5)) and dominates((8, 2), (8, 3))
    assert not dominates((12, 4), (12, 4))  # equal points do not dominate each other
    assert not dominates((15, 9), (12, 4)) and not dominates((12, 4), (15, 9))  # a trade-off


def test_non_dominated_keeps_exactly_the_front():
    assert non_dominated(POINTS) == [False, False, True, True, False, True, True]
    assert non_dominated([]) == [] and non_dominated([(1, 1)]) == [True]


def assert_is_front(points, marks):
    for point, on_front in zip(points, marks):
        beaten = any(dominates(other, point) for other in points)
        assert on_front == (not beaten), (point, on_front)


def test_front_mask_leaves_out_plans_without_days():
    import pandas

    table = pandas.DataFrame({
        "status": ["optimal", "infeasible", "feasible", "halted"],
        "total_distance": [100.0, float("nan"), 90.0, 0.0],
        "total_load": [3000, None, 2500, 0],
    })
    assert front_mask(table) == [True, False, True, False]


@pytest.fixture(scope="module")
def front():
    return planner.pareto(BEGINNER, acwr_caps=ACWR_CAPS, overrides=SHORT, time_limit=TIME_LIMIT,
                          processes=2, progress=False)


def test_pareto_front_has_no_dominated_point_and_drops_only_dominated_ones(front):
    table = front.table
    assert list(table.columns[:2]) == ["acwr_cap", "status"] and list(table["acwr_cap"]) == ACWR_CAPS
    solved = table[table["status"].isin(["optimal", "feasible"])]
    points = list(zip(solved["total_distance"], solved["total_load"]))
    assert_is_front(points, list(solved["on_front"]))
    assert table["on_front"].any()
    assert list(front.front["total_load"]) == sorted(front.front["total_load"])


def test_pareto_figure_highlights_the_front_with_the_cap_on_hover(front):
    dominated, on_front = front.figure().data
    assert on_front.name == "Pareto front" and len(on_front.x) == int(front.table["on_front"].sum())
    assert len(dominated.x) + len(on_front.x) == int(front.table["total_load"].notna().sum())
    assert sorted(row[0] for row in on_front.customdata) == sorted(front.front["acwr_cap"])
    assert "acwr_max cap" in on_front.hovertemplate
    assert repr(front).startswith("Pareto: ")
