"""What a `pip_url` installs, and whether it pins it (onboard_action/values/pip_url.py, rules P705-P707)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onboard_action.values.pip_url import _simple, packages, reading, requirement


@pytest.mark.parametrize("pip_url", [
    "meltanolabs-tap-github==1.30.1",
    "meltanolabs-tap-github~=1.30",
    "meltanolabs-tap-github>=1.2,<2",
    "dbt-core~=1.8.0 dbt-snowflake~=1.8.0 meltano-dbt-ext~=0.3.0",
    "sqlfluff[dbt]==3.0.7",
    "git+https://github.com/abc/tap-x.git@v1.4.0",
    "git+https://github.com/abc/tap-x.git@2f9c1e0",
    "git+https://github.com/abc/tap-x.git@4b825dc642cb6eb9a060e54bf8d69288fbee4904#egg=tap-x",
    "-e ./extract/tap-local",
    "https://files.example.com/tap_x-1.0.0-py3-none-any.whl",
])
def test_pinned(pip_url: str) -> None:
    assert all(p.pinned for p in packages(pip_url))


@pytest.mark.parametrize(("pip_url", "why"), [
    ("meltanolabs-tap-github", "each install takes the newest release"),
    ("meltanolabs-tap-github>=1.2", "each install takes the newest release"),
    ("git+https://github.com/abc/tap-x.git",
     "without `@<tag or commit>` each install takes the default branch"),
    ("git+https://github.com/abc/tap-x.git@main", "`@main` looks like a branch, which moves"),
    ("git+ssh://git@github.com/abc/tap-x.git",
     "without `@<tag or commit>` each install takes the default branch"),
])
def test_unpinned_says_what_moves(pip_url: str, why: str) -> None:
    [package] = packages(pip_url)
    assert not package.pinned
    assert package.why == why


def test_the_advice_pins_what_was_written() -> None:
    assert packages("sqlfluff[dbt]")[0].pinned_example == "sqlfluff[dbt]==<version>"
    assert packages("git+https://github.com/abc/tap-x.git@main")[0].pinned_example == \
        "git+https://github.com/abc/tap-x.git@<tag>"
    # Following the advice (with a version in place of the placeholder) gives a pinned pip_url.
    assert packages("sqlfluff[dbt]==3.0.7")[0].pinned
    assert packages("git+https://github.com/abc/tap-x.git@v1.0.0")[0].pinned


@pytest.mark.parametrize("pip_url", ["$TAP_X_PIP_URL", "--pre tap-x", "git+${REPO}@v1"])
def test_what_cannot_be_told_offline_is_left_alone(pip_url: str) -> None:
    assert packages(pip_url) is None


def installs(pip_url: str) -> frozenset[str]:
    """What P707 compares of two pip_urls: the packages they install, without versions."""
    return reading(pip_url)[0]


def test_a_pin_or_extras_keep_the_package_the_same() -> None:
    assert installs("Meltanolabs_Tap.GitHub==1.30.1") == installs("meltanolabs-tap-github")
    assert installs("git+https://github.com/Abc/tap-x.git@v2") == installs("git+https://github.com/abc/tap-x")
    fork = "git+https://github.com/someone/tap-github-fork.git@v2"
    assert installs(fork) != installs("meltanolabs-tap-github")


# Names, extras and specifiers from the characters that matter to the common forms' pattern.
_NAME = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,6}[A-Za-z0-9])?", fullmatch=True)
_VERSION = st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,3}(\.\*)?|[0-9]+[a-z.+!_-]{0,3}[0-9]?", fullmatch=True)
_OPERATORS = ["==", "!=", "~=", "<=", ">=", "<", ">", "===", "=", "~"]
_SPEC = st.tuples(st.sampled_from(_OPERATORS), _VERSION).map("".join)
_TOKEN = st.tuples(
    _NAME,
    st.one_of(st.just(""), st.lists(_NAME, min_size=1, max_size=3).map(lambda e: f"[{','.join(e)}]")),
    st.lists(_SPEC, max_size=3).map(",".join),
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_TOKEN)
def test_the_common_forms_are_read_as_packaging_reads_them(token: str) -> None:
    """The fast path (`_simple`) answers only where packaging accepts the token, and answers the same."""
    fast = _simple(token)
    if fast is not None:
        assert fast == requirement(token)


@pytest.mark.parametrize("token", [
    "tap-x", "Tap_X.y==1.2.3", "tap-x[a,b]~=1.2", "tap-x>=1,<2", "tap-x==1.*", "tap-x!=1.2,>=1",
])
def test_the_fast_path_takes_the_common_forms(token: str) -> None:
    assert _simple(token) == requirement(token)


@pytest.mark.parametrize("token", [
    "tap-x~=1", "tap-x>=1.*", "tap-x==1.0rc1", "tap-x===1", "tap-x;python_version<'4'",
])
def test_anything_else_goes_to_packaging(token: str) -> None:
    assert _simple(token) is None


_OTHER_TOKENS = st.sampled_from([
    "git+https://github.com/Abc/tap-x.git@v2", "git+https://github.com/abc/tap-x", "-e",
    "./extract/tap-local",
    "https://files.example.com/tap_x-1.0.0-py3-none-any.whl", "tap-x;python_version<'4'", "tap-x==1.0rc1",
    "--pre", "$TAP_X", "file:///tmp/tap_x",
])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(_TOKEN, _OTHER_TOKENS), max_size=4).map(" ".join))
def test_the_rules_reading_agrees_with_the_packages(pip_url: str) -> None:
    """What P705-P707 read of a pip_url (`reading`) without making a Package for each pinned one."""
    installed = packages(pip_url)
    expected = None if installed is None else (
        frozenset(p.identity for p in installed), tuple(p for p in installed if not p.pinned))
    assert reading(pip_url) == expected
