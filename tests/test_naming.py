"""Slugs name plan files and calendar event IDs: readable, and never shared by two names."""

import pytest

from planner.naming import slug


@pytest.mark.parametrize("name, expected", [("Dana Ruiz", "dana-ruiz"), ("  Jo  O'Neil ", "jo-o-neil"), ("A1", "a1")])
def test_ascii_names_read_as_themselves(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("first, second", [("Zoë", "Zoé"), ("李雷", "王芳"), ("Zoë", "Zoe")])
def test_different_names_never_share_a_slug(first, second):
    assert slug(first) != slug(second)


def test_accents_keep_their_letters_and_unwritable_names_get_a_stable_hash():
    assert slug("Zoë Kant").startswith("zoe-kant-")
    assert slug("李雷").startswith("athlete-") and slug("李雷") == slug("李雷")
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slug("Müller-Lüdenscheidt 李"))
