"""The rule declarations (constraints.rule.Rule) are the one list every part reads."""

from __future__ import annotations

from typer.testing import CliRunner

import constraints
from planner import validator
from planner.cli import app


def test_every_rule_has_its_own_validator_check():
    """The validator stays independent of the model, but checks every rule the model builds:
    a `check_<rule name>` function among its checks."""
    checked = {check.__name__.removeprefix("check_") for check in validator.CHECKS}
    assert set(constraints.RULE_NAMES) <= checked


def test_every_rule_a_conflict_can_name_may_be_given_in_an_explanation():
    relaxable = {rule.name for rule in constraints.RULES.values() if rule.relaxable}
    assert relaxable <= validator.EXPLANATION_RULES


def test_every_rule_says_what_it_is_and_what_to_change():
    for rule in constraints.RULES.values():
        assert rule.summary and rule.suggestion, rule.name
        assert rule.name == rule.name.strip().lower()


def test_a_module_that_caps_weekly_distance_says_how_it_reads_as_a_limit():
    for module in constraints.CAPPING:
        assert callable(getattr(module, "limit_reading", None)), module.__name__


def test_the_rules_command_lists_every_rule():
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    for rule in constraints.RULES.values():
        assert rule.name in result.stdout


def test_every_rule_module_has_its_own_test_file_next_to_it():
    """constraints/<rule>.py and constraints/test_<rule>.py: a rule is found, and tested, in one
    obvious place."""
    from pathlib import Path

    for module in constraints.ALL:
        path = Path(module.__file__)
        assert (path.parent / f"test_{path.name}").is_file(), f"{path.name} has no test_{path.name} beside it"
