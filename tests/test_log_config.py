"""The config's athlete.timezone and log: section (docs/config.md and docs/log.md)."""

from __future__ import annotations

import datetime as dt

import pytest

import planner
from planner.config import AthleteConfig, load_config
from planner.errors import ConfigError


def with_log(base_config: dict, **log) -> dict:
    base_config["log"] = log
    return base_config


def error_of(data: dict) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(data)
    return str(caught.value)


def test_a_timezone_is_an_iana_name(base_config):
    base_config["athlete"]["timezone"] = "Europe/Berlin"
    assert load_config(base_config).athlete.timezone == "Europe/Berlin"
    assert load_config({**base_config, "athlete": {**base_config["athlete"], "timezone": None}}).athlete.timezone is None


@pytest.mark.parametrize(("name", "hint"), [
    ("europe/berlin", "did you mean Europe/Berlin?"), ("Europe/Berlim", "Europe/Berlin"), ("Mars/Olympus", "UTC"),
    ("../../etc/passwd", "IANA"), ("", "IANA"),
])
def test_a_bad_timezone_names_the_field_and_the_closest_names(base_config, name, hint):
    base_config["athlete"]["timezone"] = name
    message = error_of(base_config)
    assert message.startswith("config: athlete.timezone: ") and hint in message


def test_entries_are_validated_and_distances_with_units_converted_exactly(base_config):
    config = load_config(with_log(base_config, files=["training.csv"], entries=[
        {"date": "2026-11-20", "kind": "easy", "distance": "5 mi", "minutes": 45},
        {"date": "2026-11-21T07:30", "kind": "long", "distance": 16, "minutes": 100, "rpe": 4, "note": "hilly"},
        {"date": dt.date(2026, 11, 22), "kind": "strength", "minutes": 20},
    ]))
    easy, long, strength = config.log.entries
    assert easy.distance == pytest.approx(8.04672)  # not rounded to 0.1 as plan fields are
    assert long.date == dt.datetime(2026, 11, 21, 7, 30) and long.rpe == 4
    assert strength.distance is None and config.log.files == ["training.csv"]


@pytest.mark.parametrize(("entry", "field", "allowed"), [
    ({"date": "2026-11-20", "kind": "easy", "minutes": 45}, "distance", "is required for runs"),
    ({"date": "2026-11-20", "kind": "easy", "distance": 0, "minutes": 45}, "distance", "greater than 0"),
    ({"date": "2026-11-20", "kind": "cross", "distance": 20, "minutes": 45}, "distance", "must be left out"),
    ({"date": "2026-11-20", "kind": "jog", "distance": 5, "minutes": 45}, "kind", "'easy', 'long', 'quality'"),
    ({"date": "2026-11-20", "kind": "easy", "distance": 5}, "minutes", "is required"),
    ({"date": "2026-11-20", "kind": "easy", "distance": 5, "minutes": -1}, "minutes", "greater than 0"),
    ({"date": "2026-11-20", "kind": "easy", "distance": 5, "minutes": 40, "rpe": 0}, "rpe", "greater than or equal to 1"),
    ({"date": "20.11.2026", "kind": "easy", "distance": 5, "minutes": 40}, "date", "must be a date (2026-12-01)"),
    ({"date": "2026-11-20", "kind": "easy", "distance": "5 miles", "minutes": 40}, "distance", 'write "5 mi"'),
    ({"date": "2026-11-20", "kind": "easy", "distance": 5, "minutes": 40, "pace": "5:00"}, "pace", "not a known field"),
])
def test_a_bad_entry_names_its_index_the_field_and_what_is_allowed(base_config, entry, field, allowed):
    good = {"date": "2026-11-19", "kind": "easy", "distance": 5, "minutes": 30}
    message = error_of(with_log(base_config, entries=[good, entry]))
    assert message.startswith(f"config: log.entries.1.{field}: ") and allowed in message


def test_unknown_log_fields_and_empty_paths_are_errors(base_config):
    assert error_of(with_log(base_config, file=["a.csv"])).startswith("config: log.file: is not a known field")
    assert error_of(with_log(base_config, files=["a.csv", ""])).startswith("config: log.files.1: ")


def test_a_config_with_a_log_survives_its_json_form_and_overrides(base_config):
    base_config["athlete"]["timezone"] = "America/New_York"
    config = load_config(with_log(base_config, files=["log/"], entries=[
        {"date": "2026-11-21T07:30:00-05:00", "kind": "easy", "distance": "8 km", "minutes": 50}]))
    assert AthleteConfig.model_validate(config.model_dump(mode="json")) == config
    changed = planner.apply_overrides(config, {"rules.acwr_max": 1.4})
    assert changed.log == config.log and changed.athlete.timezone == "America/New_York"
