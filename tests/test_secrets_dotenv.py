"""The .env parser: python-dotenv's values, interpolation from the file only, problems by line number."""

from __future__ import annotations

import io
import os
from unittest import mock

from dotenv import dotenv_values
from hypothesis import given, settings
from hypothesis import strategies as st

from onboard_action.secrets.dotenv_source import parse_dotenv, size_problems
from tests.dotenv_corpus import CORPUS, NAMES_REFERENCED_NOT_DEFINED


def values(text: str) -> dict[str, str]:
    return {name: v.value for name, v in parse_dotenv(text).values.items()}


def test_values_are_python_dotenvs(monkeypatch) -> None:
    for name in NAMES_REFERENCED_NOT_DEFINED:
        monkeypatch.delenv(name, raising=False)
    expected = dotenv_values(stream=io.StringIO(CORPUS))
    parsed = parse_dotenv(CORPUS)
    assert values(CORPUS) == expected
    assert list(parsed.values) == list(expected)  # same order: it is the order of secrets.yml
    assert parsed.problems == []


def test_interpolation_never_reads_the_process_environment(monkeypatch) -> None:
    monkeypatch.setenv("RUNNER_TOKEN_FOR_TEST", "ghs_from_the_runner")
    text = "A=1\nURL=x${RUNNER_TOKEN_FOR_TEST}y${A}\nLATER=${B}\nB=2\n"
    # python-dotenv itself would read the environment: that is what we avoid.
    assert dotenv_values(stream=io.StringIO(text))["URL"] == "xghs_from_the_runnery1"
    parsed = parse_dotenv(text)
    assert values(text) == {"A": "1", "URL": "xy1", "LATER": "", "B": "2"}
    assert [(p.kind, p.line) for p in parsed.problems] == [("undefined-reference", 2),
                                                           ("undefined-reference", 3)]


def test_problems_are_reported_by_line_number_without_content() -> None:
    secret = "hunter2-Zq81"
    text = (f"# header\n\nGOOD=1\n{secret}\nbad-name={secret}\nBROKEN=\"{secret}\n"
            "\n\nGOOD=2\n")
    parsed = parse_dotenv(text)
    found = [(p.kind, p.line) for p in parsed.problems]
    # python-dotenv skips the rest of an unparsable line and reads on.
    assert found == [("no-value", 4), ("bad-name", 5), ("unparsable", 6), ("duplicate", 9)]
    for problem in parsed.problems:
        assert secret not in problem.message and "bad-name" not in problem.message
        assert f"line {problem.line}" in problem.message
    assert secret in "".join(parsed.fragments)  # kept for masking only
    assert {p.kind for p in parsed.errors} == {"no-value", "bad-name", "unparsable"}
    assert values(text) == {"GOOD": "2"}


def test_duplicates_keep_the_first_place_and_the_last_value() -> None:
    parsed = parse_dotenv("A=1\nB=2\n\n\nA=3\n")
    assert values("A=1\nB=2\n\n\nA=3\n") == dotenv_values(stream=io.StringIO("A=1\nB=2\n\n\nA=3\n"))
    assert list(parsed.values) == ["A", "B"] and parsed.values["A"].line == 5
    [problem] = parsed.problems
    assert (problem.kind, problem.line, problem.name) == ("duplicate", 5, "A")
    assert "same name as line 1" in problem.message
    assert "1" in parsed.secret_texts()  # the overridden value is masked too
    assert parsed.errors == []


def test_line_numbers_count_crlf_and_multiline_values() -> None:
    text = 'A="one\r\ntwo"\r\n\r\nB\r\nC=3\n'
    parsed = parse_dotenv(text)
    assert [(p.kind, p.line) for p in parsed.problems] == [("no-value", 4)]
    assert parsed.values["C"].line == 5


def test_sizes_are_checked_in_utf8_bytes() -> None:
    parsed = parse_dotenv("FITS=" + "é" * 95 + "\nTOO_BIG=" + "é" * 96 + "\n")  # 190 and 192 bytes
    [problem] = size_problems(parsed, 190, "this RSA-2048 key")
    assert (problem.kind, problem.name, problem.line) == ("too-large", "TOO_BIG", 2)
    assert "192 bytes" in problem.message and "190 bytes" in problem.message


_names = st.from_regex(r"[A-Z_][A-Z0-9_]{0,8}", fullmatch=True)
_unquoted = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\"'$#\\"),
                    max_size=20).map(str.strip)
_double = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\$'), max_size=20)
_single = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="'\\$"), max_size=20)
_line = st.one_of(
    st.tuples(_names, _unquoted).map(lambda p: f"{p[0]}={p[1]}"),
    st.tuples(_names, _double).map(lambda p: f'export {p[0]}="{p[1]}"'),
    st.tuples(_names, _single).map(lambda p: f"{p[0]} = '{p[1]}'"),
    st.tuples(_names, _names).map(lambda p: f"{p[0]}=${{{p[1]}:-d}}"),
    st.just("# comment"), st.just(""),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=12))
def test_any_well_formed_env_parses_like_python_dotenv(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    # With an empty process environment python-dotenv interpolates from the
    # file alone, which is what we do in every environment.
    with mock.patch.dict(os.environ, clear=True):
        expected = dotenv_values(stream=io.StringIO(text))
    ours = values(text)
    assert ours == expected
    assert list(ours) == list(expected)
    assert parse_dotenv(text).errors == []
