"""Bytes that are not UTF-8 YAML: a finding at the right place that says what the bytes are.

Each kind of content is put in an included file and in the onboarding file at
once (both are read by the same loader, and both must be reported), and the
worst kinds once more as meltano.yml itself. tests/test_loader.py covers the
loader's unit-level cases (empty files, syntax errors).
"""

from __future__ import annotations

import codecs

import pytest

from tests.hostile.conftest import Hostile

PROJECT = ("version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"
           "include_paths:\n  - ./extract/*.meltano.yml\n")
YAML = "plugins:\n  extractors:\n    - name: tap-github\n"

# kind -> (bytes, rule, words the message must hold, where: (line, column))
CONTENTS = {
    "binary": (bytes(range(256)) * 64, "F009", "is not UTF-8 text (invalid byte at offset 128)",
               (2, 118)),
    "invalid-utf8": (b"plugins:\n  extractors:\n    - name: tap-\xc3\x28\n", "F009",
                     "is not UTF-8 text (invalid byte at offset 39)", (3, 17)),
    "utf16-le-bom": (codecs.BOM_UTF16_LE + YAML.encode("utf-16-le"), "F009",
                     "is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8", (1, 1)),
    "utf16-be-bom": (codecs.BOM_UTF16_BE + YAML.encode("utf-16-be"), "F009", "is UTF-16 text", (1, 1)),
    "utf32-bom": (codecs.BOM_UTF32_LE + YAML.encode("utf-32-le"), "F009", "is UTF-32 text", (1, 1)),
    "utf16-without-bom": (YAML.encode("utf-16-le"), "F004", "text saved as UTF-16 without a byte-order mark",
                          (1, 2)),
    "nul-byte": (b"plugins:\n  extractors:\n    - name: tap-\x00github\n", "F004",
                 "the file holds a NUL byte", (3, 17)),
    "control-character": (b"plugins:\n  extractors:\n    - name: tap-\x1bgithub\n", "F004",
                          "the control character U+001B is not allowed in YAML", (3, 17)),
    "tab-indentation": (b"plugins:\n\textractors:\n\t\t- name: tap-github\n", "F004",
                        "YAML forbids tabs for indentation", (2, 1)),
    "tab-after-spaces": (b"plugins:\n  extractors:\n  \t- name: tap-github\n", "F004",
                         "YAML forbids tabs for indentation", (3, 3)),
}


@pytest.mark.parametrize("kind", CONTENTS)
def test_included_and_onboarding_files_with_bad_bytes(hostile: Hostile, kind: str) -> None:
    content, code, says, (line, column) = CONTENTS[kind]
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    hostile.write("meltano.yml", meltano + "include_paths:\n  - ./extract/*.meltano.yml\n")
    hostile.write("extract/bad.meltano.yml", content)
    hostile.write("onboarding.yml", content)
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    for file in ("extract/bad.meltano.yml", "onboarding.yml"):
        [finding] = [f for f in run.findings(code) if f["file"] == file]
        assert says in finding["message"], finding
        assert (finding["line"], finding["column"]) == (line, column), finding
        assert finding["hint"], "every finding says what to do"
    # The annotation is the same finding, at the same place.
    files = {c.properties.get("file") for c in run.annotations
             if c.properties.get("title", "").startswith(code)}
    assert {"extract/bad.meltano.yml", "onboarding.yml"} <= files


@pytest.mark.parametrize("kind", ["binary", "utf16-le-bom", "nul-byte", "tab-indentation"])
def test_meltano_yml_with_bad_bytes_is_one_finding(hostile: Hostile, kind: str) -> None:
    content, code, says, (line, column) = CONTENTS[kind]
    hostile.write("meltano.yml", content)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [finding] = run.report["findings"]
    assert (finding["code"], finding["file"], finding["line"], finding["column"]) == (code, "meltano.yml",
                                                                                       line, column)
    assert says in finding["message"]


def test_tab_hint_says_to_indent_with_spaces(hostile: Hostile) -> None:
    hostile.write("meltano.yml", CONTENTS["tab-indentation"][0])
    run = hostile.cli("check", ".", "--onboarding-file=")
    assert run.returncode == 1
    assert run.stdout.splitlines()[0] == (
        "meltano.yml:2:1: error: YAML syntax error: a tab character is used for indentation here, and "
        "YAML forbids tabs for indentation; indent with spaces instead of tabs [F004]")


def test_a_link_to_a_device_is_never_read(hostile: Hostile) -> None:
    # /dev/zero never ends: reading it would fill the memory. It is outside the workspace too.
    hostile.write("meltano.yml", PROJECT)
    (hostile.workspace / "extract").mkdir()
    (hostile.workspace / "extract" / "zero.meltano.yml").symlink_to("/dev/zero")
    (hostile.workspace / "onboarding.yml").symlink_to("/dev/zero")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [include] = run.findings("F007")
    assert "extract/zero.meltano.yml" in include["message"]
    [onboarding] = run.findings("O001")
    assert onboarding["message"] == "onboarding file onboarding.yml is not a file"
