"""Slugs name plan files and calendar event IDs: readable, and never shared by two names."""

import pytest

from planner.naming import exact_id, slug


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


@pytest.mark.parametrize("first, second", [("Dana Ruiz", "dana ruiz"), ("Jo O'Neil", "Jo O Neil"), ("Ann-Lee", "Ann Lee")])
def test_names_that_differ_only_in_case_or_punctuation_get_different_ids(first, second):
    assert slug(first) == slug(second)  # the file names are made unique by the roster (-2)
    assert exact_id(first) != exact_id(second)
    assert exact_id(first) == exact_id(first) and exact_id(first).startswith(slug(first) + "-")


def test_a_roster_with_dana_ruiz_and_dana_ruiz_lower_case_gets_two_files():
    from planner.batch.roster import Job, assign_slugs

    jobs = [Job(name="Dana Ruiz", source="a", data={}), Job(name="dana ruiz", source="b", data={})]
    assign_slugs(jobs)
    assert [job.slug for job in jobs] == ["dana-ruiz", "dana-ruiz-2"]
