"""P506 finds credentials by their form with detect-secrets' rule set: the same lines detect-secrets finds.

The patterns are copied from detect-secrets at development time
(tools/generate_token_patterns.py says why it is not imported at run time);
these tests keep the copy current and compare the check with detect-secrets
itself, run on every project file of the golden cases and the examples.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from detect_secrets import SecretsCollection
from detect_secrets.settings import transient_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onboard_action.cli import main
from onboard_action.values import tokens
from onboard_action.values.token_patterns import PATTERNS
from tests.helpers import FIXED_NOW, REPO

# detect-secrets' plugins the check follows in full (of Cloudant's and SoftLayer's it leaves out the
# patterns that go by the name before a value, see tools/generate_token_patterns.py), and their kinds.
PLUGINS = sorted({plugin for _kind, plugin, *_ in PATTERNS} - {"CloudantDetector", "SoftlayerDetector"})
KINDS = {kind for kind, plugin, *_ in PATTERNS if plugin in PLUGINS}
# F010's alias bomb: detect-secrets' YAML reader expands it, for minutes (the check refuses it unread);
# Y003's integer of 4,301 digits: PyYAML, under detect-secrets, raises ValueError (the check keeps the text).
UNREADABLE = {REPO / "tests" / "cases" / "F010" / "fires", REPO / "tests" / "cases" / "Y003" / "fires"}
PROJECTS = sorted(({p.parent for p in (REPO / "tests" / "cases").glob("*/*/meltano.yml")}
                   | {p for p in (REPO / "examples").iterdir() if p.is_dir()}) - UNREADABLE)


def test_the_copied_patterns_are_those_of_the_pinned_detect_secrets() -> None:
    done = subprocess.run([sys.executable, str(REPO / "tools" / "generate_token_patterns.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def detect_secrets_lines(path: Path) -> set[tuple[int, str]]:
    with transient_settings({"plugins_used": [{"name": name} for name in PLUGINS]}):
        collection = SecretsCollection()
        collection.scan_file(str(path))
    return {(secret.line_number, secret.type) for secrets in collection.data.values() for secret in secrets}


def check_lines(project: Path, capsys, monkeypatch) -> dict[Path, set[tuple[int, str]]]:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["check", str(project.relative_to(REPO)), "--onboarding-file=", "--format", "json",
          "--now", FIXED_NOW])
    report = json.loads(capsys.readouterr().out)
    found: dict[Path, set[tuple[int, str]]] = {REPO / name: set() for name in report["files"]}
    for finding in report["findings"]:
        if finding["code"] == "P506":
            kind = finding["message"].split("(", 1)[1].split(",", 1)[0]
            if kind in KINDS:
                found[REPO / finding["file"]].add((finding["line"], kind))
    return found


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: str(p.relative_to(REPO)))
def test_the_check_finds_the_lines_detect_secrets_finds(project: Path, capsys, monkeypatch) -> None:
    """Except in comments, which detect-secrets' YAML reader skips: a token in a comment has leaked too."""
    for path, found in check_lines(project, capsys, monkeypatch).items():
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        code = {(line, kind) for line, kind in found if not lines[line - 1].lstrip().startswith("#")}
        expected = {(line, kind) for line, kind in detect_secrets_lines(path) if kind in KINDS}
        assert code == expected, path


def test_the_golden_case_holds_every_kind_it_names() -> None:
    """The P506 case is not vacuous: detect-secrets finds a credential on each of its lines."""
    lines = detect_secrets_lines(REPO / "tests" / "cases" / "P506" / "fires" / "meltano.yml")
    assert {line for line, _kind in lines} == {7, 8, 9, 10, 11, 18}


@pytest.mark.parametrize("entry", PATTERNS, ids=lambda e: f"{e[1]}:{e[2][:30]}")
def test_every_gate_holds_for_every_match_of_its_pattern(entry) -> None:
    """A gate only saves time: whatever the pattern matches, its gate matches too."""
    _kind, _plugin, pattern, flags, gate = entry
    if gate is None:
        return
    compiled = re.compile(pattern, flags & (re.IGNORECASE | re.VERBOSE))
    searched, any_case = tokens._gate(gate)  # as the check searches with it

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(compiled, fullmatch=True))
    def holds(sample: str) -> None:
        assert searched.search(sample.lower() if any_case else sample), sample

    holds()
