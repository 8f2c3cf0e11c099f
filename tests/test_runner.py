"""The runner protocol (onboard_action/runner.py), read back the way the GitHub runner reads it.

`tests/helpers.py` ports the runner's own parsing (ActionCommand.TryParseV2,
the legacy `##[` form, stop-commands, the GITHUB_OUTPUT heredoc reader), so
"the runner sees exactly this" is what these tests assert.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from onboard_action import runner as runner_module
from onboard_action.runner import SUMMARY_LIMIT, Runner, command, escape_data, escape_property, input_text
from tests.helpers import WorkflowCommand, as_shown, parse_commands, parse_output_file, runner_lines

# The characters @actions/core replaces, one by one: an oracle independent of
# the order of `str.replace` calls in the code under test.
DATA_ESCAPES = {"%": "%25", "\r": "%0D", "\n": "%0A"}
PROPERTY_ESCAPES = {**DATA_ESCAPES, ":": "%3A", ",": "%2C"}

# Text that tries every trick: line breaks of every kind, commands, escapes
# that look already escaped, separators of properties and of data.
NASTY = st.lists(st.sampled_from(
    ["\n", "\r", "\r\n", ":", "::", ",", "=", "%", "%0A", "%25", "%3A", "%2C", " ", "\t",
     "##[error]", "::error::", "::stop-commands::", "ghadelimiter_", "EOF", "\x85", "\u2028",
     "a", "é", "😀", "[", "]", ";"]
)).map("".join) | st.text()


def capture(environ: dict[str, str] | None = None) -> tuple[Runner, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Runner(environ or {}, out=out, err=err), out, err


def read(path: Path) -> str:
    """A file command as the runner reads it: bytes, no newline translation."""
    return path.read_bytes().decode("utf-8")


def runner_view(value: str) -> str:
    """A property value as the runner keeps it.

    The runner splits `key=value` with String.Split('=', 2, RemoveEmptyEntries),
    which drops '=' at the start of a value. No escape exists for '=' in
    @actions/core or the runner, so this is a display loss nobody can avoid;
    it never creates a command.
    """
    return value.lstrip("=")


# --- escaping ------------------------------------------------------------

@pytest.mark.parametrize(("raw", "escaped"), [
    ("plain text", "plain text"),
    ("100%", "100%25"),
    ("a\nb", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab"),
    ("%0A stays literal", "%250A stays literal"),  # `%` first, or this would decode to a newline
    ("%25", "%2525"),
    ("key: value, more", "key: value, more"),  # data keeps colons and commas
    ("::error::x", "::error::x"),  # harmless: a command must start the line
])
def test_escape_data_matches_actions_core(raw: str, escaped: str) -> None:
    assert escape_data(raw) == escaped


@pytest.mark.parametrize(("raw", "escaped"), [
    ("meltano.yml", "meltano.yml"),
    ("a:b", "a%3Ab"),
    ("a,b", "a%2Cb"),
    ("50%: a,b\n", "50%25%3A a%2Cb%0A"),
    ("%3A", "%253A"),
    ("\r", "%0D"),
])
def test_escape_property_matches_actions_core(raw: str, escaped: str) -> None:
    assert escape_property(raw) == escaped


def test_non_strings_are_escaped_as_their_text() -> None:
    assert escape_data(12) == "12"
    assert escape_property(3) == "3"


@given(st.text())
def test_escaping_is_the_character_mapping_of_actions_core(text: str) -> None:
    assert escape_data(text) == "".join(DATA_ESCAPES.get(c, c) for c in text)
    assert escape_property(text) == "".join(PROPERTY_ESCAPES.get(c, c) for c in text)


# --- commands and annotations -----------------------------------------------

def test_empty_properties_are_skipped() -> None:
    assert command("error", "boom", title="", file=None, line=3) == "::error line=3::boom"
    assert command("endgroup") == "::endgroup::"
    assert command("warning", "x", title="T", file="a.yml") == "::warning title=T,file=a.yml::x"


def test_annotation_carries_every_position_property() -> None:
    runner, out, _ = capture()
    runner.annotate("warning", "check this", file="sub/meltano.yml", line=4, end_line=4,
                    col=7, end_column=12, title="P001 title")
    assert parse_commands(out.getvalue()) == [WorkflowCommand("warning", {
        "title": "P001 title", "file": "sub/meltano.yml", "line": "4", "endLine": "4",
        "col": "7", "endColumn": "12"}, "check this")]


def test_annotation_on_a_multi_line_range_drops_the_columns() -> None:
    runner, out, _ = capture()
    runner.annotate("error", "spans lines", file="meltano.yml", line=3, end_line=6,
                    col=5, end_column=2)
    [annotation] = parse_commands(out.getvalue())
    assert annotation.properties == {"file": "meltano.yml", "line": "3", "endLine": "6"}


def test_annotation_without_an_end_line_keeps_its_column() -> None:
    runner, out, _ = capture()
    runner.annotate("notice", "here", file="meltano.yml", line=2, col=9)
    [annotation] = parse_commands(out.getvalue())
    assert annotation.properties == {"file": "meltano.yml", "line": "2", "col": "9"}


def test_unknown_annotation_level_is_a_programming_error() -> None:
    runner, out, _ = capture()
    with pytest.raises(ValueError, match="unknown annotation level"):
        runner.annotate("fatal", "x")
    assert out.getvalue() == ""


@hypothesis_settings(max_examples=250)
@given(message=NASTY, title=NASTY, file=NASTY, level=st.sampled_from(["error", "warning", "notice"]))
@example(message="x\n::error::forged", title="a,b:c", file="dir/a,b:c.yml", level="error")
@example(message="%0A::error::forged", title="%3A", file="%2C", level="warning")
@example(message="##[error]legacy", title="##[warning]t", file="##[notice]f", level="notice")
def test_any_text_survives_an_annotation_and_forges_nothing(message: str, title: str, file: str,
                                                            level: str) -> None:
    runner, out, _ = capture()
    runner.annotate(level, message, file=file, line=12, end_line=12, col=3, end_column=8, title=title)
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 2, "one annotation is one physical line"
    # Display hazards (ESC, U+202E, zero-width characters...) are shown escaped; `file` names the file.
    expected = {"title": runner_view(as_shown(title)), "file": runner_view(file),
                "line": "12", "endLine": "12", "col": "3", "endColumn": "8"}
    assert parse_commands(out.getvalue()) == [WorkflowCommand(
        level, {k: v for k, v in expected.items() if v}, as_shown(message))]


@given(st.text())
def test_any_text_as_a_message_alone_is_one_command(message: str) -> None:
    runner, out, _ = capture()
    runner.debug(message)
    assert parse_commands(out.getvalue()) == [WorkflowCommand("debug", {}, message)]


# --- inputs ----------------------------------------------------------------
# How a name becomes INPUT_*; trimming and defaults are the table's (tests/test_inputs.py).

def test_input_keeps_hyphens_as_the_runner_passes_them() -> None:
    assert input_text("project-dir", {"INPUT_PROJECT-DIR": "data"}) == "data"


def test_input_falls_back_to_the_underscore_spelling_for_shells() -> None:
    assert input_text("project-dir", {"INPUT_PROJECT_DIR": "data"}) == "data"


def test_the_runner_spelling_wins_over_the_fallback() -> None:
    env = {"INPUT_PROJECT-DIR": "from-runner", "INPUT_PROJECT_DIR": "from-shell"}
    assert input_text("project-dir", env) == "from-runner"


def test_input_names_with_spaces_use_underscores() -> None:
    assert input_text("report file", {"INPUT_REPORT_FILE": "r.json"}) == "r.json"


def test_input_comes_as_written_and_absent_is_none() -> None:
    assert input_text("dotenv", {"INPUT_DOTENV": "\nA=1\n "}) == "\nA=1\n "
    assert input_text("fail-on", {}) is None
    assert input_text("onboarding-file", {"INPUT_ONBOARDING-FILE": ""}) == ""


def test_input_names_are_case_sensitive_like_the_environment() -> None:
    assert input_text("fail-on", {"INPUT_fail-on": "never"}) is None


def test_input_reads_the_process_environment_by_default(monkeypatch) -> None:
    monkeypatch.setenv("INPUT_FAIL-ON", "notice")
    assert input_text("fail-on") == "notice"



# --- outputs ---------------------------------------------------------------

@pytest.fixture
def output_file(tmp_path: Path) -> Path:
    path = tmp_path / "output"
    path.touch()
    return path


def test_outputs_are_heredocs_with_random_delimiters(output_file: Path) -> None:
    runner, out, err = capture({"GITHUB_OUTPUT": str(output_file)})
    assert runner.set_output("ready", "false")
    assert runner.set_output("ready-again", True)
    text = read(output_file)
    headers = [line for line in text.splitlines() if "<<" in line]
    assert [h.split("<<")[0] for h in headers] == ["ready", "ready-again"]
    delimiters = [h.split("<<")[1] for h in headers]
    assert all(d.startswith("ghadelimiter_") for d in delimiters)
    assert len(set(delimiters)) == 2
    assert parse_output_file(text) == {"ready": "false", "ready-again": "True"}
    assert "::set-output" not in out.getvalue()
    assert err.getvalue() == ""


@pytest.mark.parametrize("value", [
    "",
    "multi\nline\nvalue",
    "ends with a newline\n",
    "\n\nleading blank lines",
    "ghadelimiter_x",
    "before\nghadelimiter_00000000-0000-0000-0000-000000000000\nafter",
    "EOF",
    "x\nEOF\ny",
    "other<<EOF\ninjected\nEOF",
    "other=injected",
    "windows\r\nline",
])
def test_output_values_round_trip_and_inject_nothing(output_file: Path, value: str) -> None:
    runner, _, _ = capture({"GITHUB_OUTPUT": str(output_file)})
    runner.set_output("first", value)
    runner.set_output("second", "untouched")
    assert parse_output_file(read(output_file)) == {"first": value, "second": "untouched"}


@given(st.text())
def test_any_output_value_round_trips(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "output"
        runner, _, _ = capture({"GITHUB_OUTPUT": str(path)})
        runner.set_output("value", value)
        runner.set_output("after", "ok")
        assert parse_output_file(read(path)) == {"value": value, "after": "ok"}


def test_a_value_holding_its_own_delimiter_is_refused(output_file: Path, monkeypatch) -> None:
    fixed = bytes(range(16))
    monkeypatch.setattr(runner_module.os, "urandom", lambda n: fixed[:n])  # force the 1-in-2^128 collision
    runner, _, _ = capture({"GITHUB_OUTPUT": str(output_file)})
    with pytest.raises(ValueError, match="contains its own delimiter"):
        runner.set_output("evil", f"x\nghadelimiter_{fixed.hex()}\ny")
    assert read(output_file) == ""


def test_without_github_output_outputs_are_skipped_quietly() -> None:
    runner, out, err = capture({})
    assert runner.set_output("ready", "true") is False
    assert out.getvalue() == err.getvalue() == ""


# --- file commands that cannot be written ------------------------------------

def _unwritable_paths(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    paths = {"missing folder": str(tmp_path / "no" / "such" / "file"), "a folder": str(folder)}
    if Path("/dev/full").exists():
        paths["disk full"] = "/dev/full"
    if os.geteuid() != 0:  # root writes through file permissions
        read_only = tmp_path / "read-only"
        read_only.touch()
        read_only.chmod(0o444)
        paths["read-only file"] = str(read_only)
    return paths


@pytest.mark.parametrize("variable", ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"])
def test_an_unwritable_file_command_is_one_warning_and_no_exception(tmp_path: Path, variable: str) -> None:
    for why, path in _unwritable_paths(tmp_path).items():
        runner, out, err = capture({variable: path})
        for index in range(3):
            assert runner.set_output(f"name-{index}", "value") is False
            runner.append_summary(f"## part {index}")
        lines = err.getvalue().splitlines()
        assert len(lines) == 1, why
        assert lines[0].startswith("meltano-onboard: warning: could not write the ")
        assert variable in lines[0]
        assert out.getvalue() == "", "a runner problem is not reported as a command"


# --- job summary -------------------------------------------------------------

def test_summary_is_appended_as_written(tmp_path: Path) -> None:
    path = tmp_path / "summary"
    path.write_text("previous step content\n")
    runner, _, err = capture({"GITHUB_STEP_SUMMARY": str(path)})
    assert runner.append_summary("## Title")
    assert runner.append_summary("| a |\n|---|\n")
    assert path.read_text() == "previous step content\n## Title\n| a |\n|---|\n"
    assert err.getvalue() == ""


def test_a_large_summary_is_cut_at_a_line_under_1_mib_with_a_pointer(tmp_path: Path) -> None:
    path = tmp_path / "summary"
    runner, _, _ = capture({"GITHUB_STEP_SUMMARY": str(path)})
    rows = [f"| row {i} | {'é' * 40} |" for i in range(40_000)]  # about 3.4 MB, multi-byte
    assert runner.append_summary("\n".join(rows), pointer="The complete list is in report.json.")
    written = path.read_bytes()
    assert len(written) <= SUMMARY_LIMIT
    text = written.decode("utf-8")
    assert text.endswith("The summary was cut to stay under GitHub's 1 MiB limit. "
                         "The complete list is in report.json.\n")
    kept = text.split("\n\n> [!WARNING]")[0].split("\n")
    assert kept == rows[: len(kept)], "only whole rows are kept"
    assert len(kept) > 10_000
    # Once cut, later parts are dropped instead of appearing after the note.
    assert runner.append_summary("## Later section") is False
    assert path.read_bytes() == written


@hypothesis_settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=700_000), min_size=1, max_size=5))
def test_summary_never_exceeds_1_mib_whatever_the_parts(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summary"
        runner, _, _ = capture({"GITHUB_STEP_SUMMARY": str(path)})
        parts = [("x" * 99 + "\n") * (size // 100) or "\n" for size in sizes]
        for part in parts:
            runner.append_summary(part, pointer="See report.json.")
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert len(text.encode("utf-8")) <= SUMMARY_LIMIT
        note = "\n> [!WARNING]\n> The summary was cut to stay under GitHub's 1 MiB limit. See report.json.\n"
        if text.endswith(note):
            assert text.count(note) == 1
            assert "".join(parts).startswith(text[: -len(note)])
        else:
            assert text == "".join(parts), "nothing may be dropped without the note"


def test_a_cut_still_says_where_to_look_when_the_summary_was_nearly_full(tmp_path: Path) -> None:
    path = tmp_path / "summary"
    runner, _, _ = capture({"GITHUB_STEP_SUMMARY": str(path)})
    line = "y" * 1023 + "\n"
    almost_full = line * 1023 + "z" * 1013 + "\n"  # 10 bytes short of the limit
    assert len(almost_full.encode()) == SUMMARY_LIMIT - 10
    runner.append_summary(almost_full, pointer="See report.json.")
    runner.append_summary("## One more section", pointer="See report.json.")
    text = path.read_text()
    assert len(text.encode()) <= SUMMARY_LIMIT
    assert text.endswith("See report.json.\n")
    assert text.count("1 MiB limit") == 1


def test_without_a_summary_file_nothing_is_written_or_said() -> None:
    runner, out, err = capture({})
    assert runner.append_summary("## x") is False
    assert out.getvalue() == err.getvalue() == ""


# --- masks, groups, stop-commands ---------------------------------------------

def test_every_line_of_a_multi_line_secret_is_masked() -> None:
    secret = "-----BEGIN KEY-----\nMIIEvQIBADANBg\r\nkqhkiG9w0BAQEF\n-----END KEY-----\n"
    runner, out, _ = capture()
    runner.mask(secret)
    masks = [c.message for c in parse_commands(out.getvalue())]
    assert all(c.name == "add-mask" for c in parse_commands(out.getvalue()))
    assert secret in masks
    for line in runner_lines(secret):
        if line:
            assert line in masks, f"line {line!r} is not masked"


@pytest.mark.parametrize("blank", ["", " ", "\n", " \t\r\n"])
def test_a_blank_mask_is_not_sent(blank: str) -> None:
    # The runner answers an empty add-mask with a warning in the log.
    runner, out, _ = capture()
    runner.mask(blank)
    assert out.getvalue() == ""


def test_group_folds_its_output_and_closes_on_error() -> None:
    runner, out, _ = capture()
    with pytest.raises(RuntimeError), runner.group("Findings in a,b:c\n::error::forged"):
        runner.annotate("notice", "inside")
        raise RuntimeError("boom")
    assert parse_commands(out.getvalue()) == [
        WorkflowCommand("group", {}, "Findings in a,b:c\n::error::forged"),
        WorkflowCommand("notice", {}, "inside"),
        WorkflowCommand("endgroup", {}, ""),
    ]


UNTRUSTED = ("::error file=meltano.yml,line=1::forged\n"
             "  ::warning::indented forgery\r"
             "##[error]legacy forgery\r\n"
             "::add-mask::x\n"
             "::stop-commands::guess\n"
             "::endgroup::")


def test_untrusted_text_is_printed_verbatim_with_commands_off() -> None:
    runner, out, _ = capture()
    runner.print_untrusted(UNTRUSTED)
    runner.annotate("notice", "after")
    assert UNTRUSTED in out.getvalue()
    assert parse_commands(out.getvalue()) == [WorkflowCommand("notice", {}, "after")]


def test_stop_commands_uses_a_fresh_unguessable_token_each_time() -> None:
    runner, out, _ = capture()
    with runner.stop_commands():
        pass
    with runner.stop_commands():
        pass
    lines = out.getvalue().splitlines()
    tokens = [line.split("::")[2] for line in lines[::2]]
    assert lines[1::2] == [f"::{t}::" for t in tokens]
    assert len(set(tokens)) == 2
    assert all(len(t) == 32 and int(t, 16) >= 0 for t in tokens)


@given(NASTY)
def test_no_untrusted_text_turns_commands_back_on(text: str) -> None:
    runner, out, _ = capture()
    runner.print_untrusted(text)
    runner.annotate("warning", "after", file="f", line=1)
    assert parse_commands(out.getvalue()) == [
        WorkflowCommand("warning", {"file": "f", "line": "1"}, "after")]
