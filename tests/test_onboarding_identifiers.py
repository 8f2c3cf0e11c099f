"""The onboarding guide's rules for org IDs, emails, GitHub IDs and roles, value by value."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onboard_action.values.identifiers import (
    FALLBACK_ORG_ID,
    email_problem,
    github_id_from,
    github_id_problem,
    org_id_problem,
    propose_org_id,
    role_problem,
)

VALID_ORG_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize("value", ["abc", "abc-company", "abc-data-team", "a1-b2", "x" * 20, "0"])
def test_valid_org_ids(value: str) -> None:
    assert org_id_problem(value) is None


@pytest.mark.parametrize(("value", "reason", "proposal"), [
    ("ABC_Data_Team", "contains uppercase letters and '_'", "abc-data-team"),
    ("abc company", "contains a space", "abc-company"),
    ("abc-company-data-engineering", "is 28 characters long (at most 20)", "abc-company-data"),
    ("-abc-", "starts or ends with a dash", "abc"),
    ("abc--data", "has two dashes in a row", "abc-data"),
    ("Ünïcode GmbH", "contains uppercase letters and a space, 'ï'", "unicode-gmbh"),
    ("", "is empty", FALLBACK_ORG_ID),
])
def test_invalid_org_ids_say_why_and_propose_a_valid_one(value: str, reason: str, proposal: str) -> None:
    problem = org_id_problem(value)
    assert problem is not None
    assert problem.reason.startswith(reason)
    assert problem.suggestion == proposal


def test_the_proposal_falls_back_to_the_company_name() -> None:
    assert org_id_problem("!!!", "ABC Company Inc.").suggestion == "abc-company-inc"


def test_one_word_longer_than_the_limit_is_cut() -> None:
    assert propose_org_id("supercalifragilisticexpialidocious") == "supercalifragilistic"


@given(st.text(max_size=60), st.text(max_size=60))
def test_every_proposal_is_a_valid_org_id(written: str, company: str) -> None:
    proposal = propose_org_id(written, company)
    assert len(proposal) <= 20
    assert VALID_ORG_ID.fullmatch(proposal), proposal
    assert org_id_problem(proposal) is None


@pytest.mark.parametrize("value", ["jane@abc.example", "sam.lee+meltano@mail.abc-corp.example",
                                   "o'brien@abc.example", "jose@dominio.españa"])
def test_valid_emails(value: str) -> None:
    assert email_problem(value) is None


@pytest.mark.parametrize(("value", "reason", "fix"), [
    ("Jane Doe <jane@abc.example>", "holds a name and angle brackets", "jane@abc.example"),
    ("mailto:jane@abc.example", "starts with `mailto:`", "jane@abc.example"),
    ("jane(at)abc.example", "has no `@`", None),
    ("jane@@abc.example", "has more than one `@`", None),
    ("@abc.example", "has nothing before the `@`", None),
    ("jane@", "has nothing after the `@`", None),
    ("jane@abc", "has no dot in its domain `abc`", None),
    ("jane doe@abc.example", "contains a space", None),
    ("jane..doe@abc.example", "has a misplaced dot", None),
    ("jane@abc..example", "has a domain `abc..example` that is not a valid host name", None),
    ("jane@-abc.example", "has a domain `-abc.example` that is not a valid host name", None),
    ("jane,doe@abc.example", "contains ','", None),
    ("", "is empty", None),
])
def test_invalid_emails(value: str, reason: str, fix: str | None) -> None:
    problem = email_problem(value)
    assert problem is not None
    assert problem.reason.startswith(reason)
    assert problem.suggestion == fix


@pytest.mark.parametrize("value", ["a", "janedoe", "Jane-Doe", "j0hn-d03-2", "x" * 39])
def test_valid_github_ids(value: str) -> None:
    assert github_id_problem(value) is None


@pytest.mark.parametrize(("value", "reason", "fix"), [
    ("@janedoe", "starts with `@`", "janedoe"),
    ("https://github.com/janedoe", "is a profile URL", "janedoe"),
    ("github.com/janedoe/", "is a profile URL", "janedoe"),
    ("jane_doe", "contains '_'", None),
    ("jane.doe", "contains '.'", None),
    ("-janedoe", "starts or ends with a hyphen", None),
    ("janedoe-", "starts or ends with a hyphen", None),
    ("jane--doe", "has two hyphens in a row", None),
    ("x" * 40, "is 40 characters long (at most 39)", None),
    ("", "is empty", None),
])
def test_invalid_github_ids(value: str, reason: str, fix: str | None) -> None:
    problem = github_id_problem(value)
    assert problem is not None
    assert problem.reason.startswith(reason)
    assert problem.suggestion == fix


@given(st.text(max_size=80))
def test_a_login_derived_from_any_text_is_valid_or_empty(text: str) -> None:
    login = github_id_from(text)
    assert login == "" or github_id_problem(login) is None


@pytest.mark.parametrize("value", ["owner", "maintainer", "reader"])
def test_the_three_roles(value: str) -> None:
    assert role_problem(value) is None


@pytest.mark.parametrize(("value", "fix"), [
    ("maintaner", "maintainer"),  # as the onboarding guide writes it
    ("Owner", "owner"),
    ("READER", "reader"),
    ("onwer", "owner"),
    ("read", "reader"),
    ("admin", None),
])
def test_unknown_roles_get_a_did_you_mean(value: str, fix: str | None) -> None:
    problem = role_problem(value)
    assert problem is not None
    assert problem.suggestion == fix
