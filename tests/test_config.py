"""Config loading: valid files in every format, and clear errors naming file and field."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import constraints
from planner.config import load_config, parse_pace
from planner.errors import ConfigError
from planner.instance import Instance
from planner.model import PlanModel
from tests.conftest import ROOT


def write(tmp_path, data, suffix=".yaml"):
    path = tmp_path / f"athlete{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, default=str))
    else:
        path.write_text(yaml.safe_dump(data))
    return path


def error_for(data, tmp_path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, data))
    return caught.value


def test_yaml_json_and_toml_give_the_same_config(base_config, tmp_path):
    from_yaml = load_config(write(tmp_path, base_config))
    from_json = load_config(write(tmp_path, base_config, ".json"))
    toml = tmp_path / "athlete.toml"
    toml.write_text(
        '[athlete]\nname = "Test Runner"\nunits = "km"\neasy_pace = "6:00"\n'
        "[history]\nweekly_distance = [30, 32, 31, 33]\nlongest_recent_run = 14\n"
        "[goal]\ntarget_weekly_distance = 45\n[plan]\nstart = 2026-11-30\nweeks = 3\n"
        '[availability]\ntue = 60\nwed = 60\nthu = 60\nsat = 120\nsun = 150\nlong_run_days = ["sat", "sun"]\n'
        "[strength]\nsessions_per_week = 2\nminutes = 20\n"
    )
    assert from_yaml == from_json == load_config(toml)


@pytest.mark.parametrize(
    ("text", "units", "seconds"),
    [("6:00", "km", 360), ("6:00/km", "km", 360), ("9:40/mi", "mi", 580), ("6:00/km", "mi", 579), ("9:40/mi", "km", 360)],
)
def test_pace_parsing_converts_units(text, units, seconds):
    assert parse_pace(text, units) == seconds


def test_distances_with_units_are_converted(base_config):
    base_config["goal"]["target_weekly_distance"] = "31 mi"
    base_config["history"]["longest_recent_run"] = "14 km"
    config = load_config(base_config)
    assert config.goal.target_weekly_distance == pytest.approx(49.9)
    assert config.history.longest_recent_run == 14


def test_defaults(base_config):
    del base_config["availability"]["long_run_days"]
    del base_config["strength"]
    config = load_config(base_config)
    assert config.availability.long_days() == ["sun"]
    assert (config.strength.sessions_per_week, config.strength.minutes) == (2, 20)
    assert config.start_floor == 10 and config.long_run_step == 2
    assert config.rules.acwr_max == 1.3


@pytest.mark.parametrize(
    ("change", "field", "hint"),
    [
        (lambda c: c["availability"].update(tues=60), "availability.tues", "not a known field"),
        (lambda c: c["availability"].update(tue=-5), "availability.tue", "greater than or equal to 0"),
        (lambda c: c["athlete"].update(easy_pace="six"), "athlete.easy_pace", "minutes:seconds"),
        (lambda c: c["athlete"].update(easy_pace="6:75"), "athlete.easy_pace", "minutes:seconds"),
        (lambda c: c["athlete"].update(units="furlongs"), "athlete.units", "'km' or 'mi'"),
        (lambda c: c["history"].update(weekly_distance=[]), "history.weekly_distance", "at least 1"),
        # a huge history once overflowed the solver's integer bounds with a traceback
        (lambda c: c["history"].update(weekly_distance=[30, 8.4e14]), "history.weekly_distance", "from 0 to 1000"),
        (lambda c: c["history"].update(longest_recent_run=1e9), "history.longest_recent_run", "less than or equal to 400"),
        (lambda c: c["strength"].update(sessions_per_week=5), "strength.sessions_per_week", "less than or equal to 4"),
        (lambda c: c["plan"].update(weeks=53), "plan.weeks", "less than or equal to 52"),
        (lambda c: c.update(rules={"acwr": 1.5}), "rules.acwr", "not a known field"),
        (lambda c: c.update(pain={"checkins": [{"date": "2026-11-20", "location": "back", "severity": 3,
                                                 "character": "dull", "during": "rest"}]}),
         "pain.checkins.0.location", "lower_back"),
        (lambda c: c.update(pain={"checkins": [{"date": "2026-11-20", "location": "hip", "severity": 11,
                                                 "character": "dull", "during": "rest"}]}),
         "pain.checkins.0.severity", "less than or equal to 10"),
        (lambda c: c["goal"].update(race={"date": "2027-03-01", "distance": 10}), "goal.race.date", "last week"),
        (lambda c: c["goal"].update(race={"date": "2026-11-01", "distance": 10}), "goal.race.date", "before plan.start"),
        (lambda c: c["plan"].pop("weeks"), "plan.weeks", "required"),
        (lambda c: c.pop("goal"), "goal", "required"),
    ],
)
def test_bad_input_names_file_field_and_what_is_allowed(base_config, tmp_path, change, field, hint):
    change(base_config)
    error = error_for(base_config, tmp_path)
    assert error.field == field
    assert hint in error.problem
    assert str(error).startswith(str(tmp_path / "athlete.yaml"))


def test_race_sets_weeks_when_omitted(base_config):
    del base_config["plan"]["weeks"]
    base_config["goal"]["race"] = {"date": "2027-03-21", "distance": 21.1}
    assert load_config(base_config).weeks == 16


def test_yaml_syntax_error_gives_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("athlete:\n  name: x\n  units: [km\n")
    with pytest.raises(ConfigError, match=r"line \d+"):
        load_config(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yaml")


def test_loading_does_not_mutate_the_callers_dict(base_config):
    base_config["goal"]["target_weekly_distance"] = "50 km"
    load_config(base_config)
    assert base_config["goal"]["target_weekly_distance"] == "50 km"


def test_rule_factors_round_down_so_caps_are_never_looser():
    from planner.instance import scaled_down

    assert scaled_down(1 + 0.1006, 1000) == 1100  # 110.06 % of 100 km allows 110.0, not 110.1
    assert scaled_down(1 + 0.10, 1000) == 1100 and scaled_down(0.7, 1000) == 700 and scaled_down(1.3, 100) == 130


# ---- fuzzing: any change to a valid config is either a usable config or a named error ---------

FUZZ_BASE = {
    **yaml.safe_load((ROOT / "examples" / "half_marathon.yaml").read_text()),
    "plan": {"start": "2026-11-30", "weeks": 3},
    "pain": {"checkins": [{"date": "2026-11-25", "location": "hip", "severity": 3, "character": "dull",
                           "during": "long_run", "onset_distance": 9}]},
}
FUZZ_BASE["goal"] = {"target_weekly_distance": 50}


def _field_paths(node, prefix=()):
    """Every (nested) key and list position of a config, as a path."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield prefix + (key,)
        yield from _field_paths(value, prefix + (key,))


JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["2026-02-30", "6:61", "0:00", "1e999", "nan", "sun", "14 mi", "9:40/km"]),
    st.sampled_from([8.4e14, 1e300, -0.0, 0.05, 1440, 1441]),
    st.lists(st.integers(-5, 500), max_size=4), st.just({}),
)
MUTATIONS = st.lists(st.tuples(st.sampled_from(list(_field_paths(FUZZ_BASE))), JUNK, st.booleans()), min_size=1, max_size=3)


def _mutated(mutations) -> dict:
    data = copy.deepcopy(FUZZ_BASE)
    for path, junk, delete in mutations:
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if delete and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = junk
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced this path's parent
    return data


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutations=MUTATIONS)
def test_any_change_to_a_config_is_usable_or_a_named_error(mutations, tmp_path_factory):
    """Wrong types, out-of-range numbers, missing sections, impossible dates: either the config
    loads and the model builds, or the error names a field path and says what is allowed
    (what fuzzing this way found is pinned in test_bad_input_names_file_field_and_what_is_allowed)."""
    data = _mutated(mutations)
    path = tmp_path_factory.mktemp("fuzz") / "athlete.json"
    path.write_text(json.dumps(data, allow_nan=True, default=str))
    try:
        config = load_config(path)
    except ConfigError as error:
        assert error.field and error.problem
        assert str(error).startswith(str(path))
        return
    model = PlanModel(Instance(config))
    constraints.build_all(model)
    assert len(model.free_days) == 7 * config.weeks


def test_a_checkin_after_the_planning_day_is_not_used_and_a_warning_names_it(base_config):
    """docs/config.md: a check-in dated after the planning day is not used (it is no error:
    the next re-plan takes it)."""
    import planner

    base_config["pain"] = {"checkins": [{"date": "2026-12-03", "location": "hip", "severity": 8,
                                         "character": "sharp", "during": "easy_run"}]}
    plan = planner.plan(base_config)
    assert plan.pain.level == "none" and plan.status != "halted"
    assert any("2026-12-03" in warning and "not used" in warning for warning in plan.warnings)


def test_a_checkin_on_the_planning_day_counts(base_config):
    import planner

    base_config["pain"] = {"checkins": [{"date": "2026-11-30", "location": "hip", "severity": 8,
                                         "character": "dull", "during": "easy_run"}]}
    assert planner.plan(base_config).status == "halted"


def test_cleared_after_the_planning_day_is_an_error_naming_the_field(base_config):
    import planner

    base_config["pain"] = {"cleared_on": "2026-12-02"}
    with pytest.raises(ConfigError, match="pain.cleared_on") as error:
        planner.plan(base_config)
    assert "planning day 2026-11-30" in str(error.value)
