"""Golden tests: a small project on disk beside the exact finding lines it must produce.

Layout: `tests/cases/<CODE>/<case>/` holds a workspace (meltano.yml, included
files, lock files, onboarding.yml...) and `expected.txt`, the exact lines of
rule <CODE> that `meltano-onboard check` prints for it (text format), in
order. Only lines of that rule are compared, so a case stays minimal and
other rules cannot make it flaky; an empty `expected.txt` means the rule must
stay quiet. Optional `args.txt` adds CLI arguments, one per line. A case with
`inputs.txt` runs through the action's entry point instead, as the runner runs
it, with those inputs (`name=value`, one per line) and every other input at
its action.yml default: the lines are then the JSON report's findings in the
same format, so one case reads the same whichever front end made it. A case
with `git.txt` runs in a real git repository built from it (see tests/gitcase.py).
A case with a `bin/` folder runs with PATH set to that folder alone: it holds
the only programs the check can start (stand-ins such as `meltano`; none at
all when it is empty).

Every registered rule needs a case that fires it and one that keeps it quiet.
Regenerate after an intended change with `UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and read the diff.

The bundled examples are compared in full against `tests/golden/examples/<name>.txt`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from onboard_action.rules import load_all
from tests.gitcase import prepare
from tests.helpers import FIXED_NOW, REPO, action_inputs, check_in_process, run_action

CASES = REPO / "tests" / "cases"
EXAMPLES = REPO / "examples"
GOLDEN_EXAMPLES = REPO / "tests" / "golden" / "examples"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _cases() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/*/expected.txt"))


def run_check(cwd: Path, args: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    return check_in_process(cwd, [*args, "--format", "text", "--now", FIXED_NOW], capsys, monkeypatch)


def _compare(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    assert actual == expected, f"output differs from {path.relative_to(REPO)}"


def run_action_case(case: Path, workspace: Path, tmp_path: Path) -> str:
    """The case's inputs through entrypoint.py; its findings as `check --format text` prints them."""
    given = dict(line.split("=", 1) for line in (case / "inputs.txt").read_text().splitlines() if line)
    if "onboarding-file" not in given and not (case / "onboarding.yml").exists():
        given["onboarding-file"] = ""
    if workspace == case:  # the action writes its report into the workspace: use a copy
        workspace = Path(shutil.copytree(case, tmp_path / "workspace"))
    given["report-file"] = "meltano-onboard-report.json"
    report = workspace / given["report-file"]
    run = run_action(workspace, action_inputs(**given), tmp_path)
    assert run.stderr == ""
    assert run.returncode in (0, 1), run.stdout
    return "".join(_text_line(f) + "\n" for f in json.loads(report.read_text(encoding="utf-8"))["findings"])


def _text_line(finding: dict) -> str:
    def one_line(text: str) -> str:
        return " ".join(text.split())
    hint = f"; {one_line(finding['hint'])}" if finding["hint"] else ""
    return (f"{finding['file']}:{finding['line']}:{finding['column']}: {finding['severity']}: "
            f"{one_line(finding['message'])}{hint} [{finding['code']}]")


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_case(case: Path, capsys, monkeypatch, tmp_path: Path) -> None:
    code = case.parent.name
    if (case / "inputs.txt").exists():
        out = run_action_case(case, prepare(case, tmp_path), tmp_path)
        _compare(case / "expected.txt", "".join(line + "\n" for line in out.splitlines()
                                                if line.endswith(f" [{code}]")))
        return
    extra = (case / "args.txt").read_text().split("\n") if (case / "args.txt").exists() else []
    if not any(a.startswith("--onboarding-file") for a in extra) and not (case / "onboarding.yml").exists():
        extra.append("--onboarding-file=")
    workspace = prepare(case, tmp_path)  # a real git repository when the case holds git.txt
    if (workspace / "bin").is_dir():
        monkeypatch.setenv("PATH", str(workspace / "bin"))
    status, out, err = run_check(workspace, [a for a in extra if a], capsys, monkeypatch)
    assert err == ""
    assert status in (0, 1)
    focus = "".join(line + "\n" for line in out.splitlines() if line.endswith(f" [{code}]"))
    _compare(case / "expected.txt", focus)


def test_every_rule_has_a_firing_and_a_quiet_case() -> None:
    missing = []
    for code in load_all():
        outputs = [(p.read_text()) for p in CASES.glob(f"{code}/*/expected.txt")]
        if not any(f"[{code}]" in text for text in outputs):
            missing.append(f"{code}: no case that fires it")
        if not any(text == "" for text in outputs):
            missing.append(f"{code}: no case that keeps it quiet")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_example(name: str, capsys, monkeypatch) -> None:
    status, out, err = run_check(REPO, [f"examples/{name}"], capsys, monkeypatch)
    assert err == ""
    assert status == (1 if name.startswith("broken") else 0)
    _compare(GOLDEN_EXAMPLES / f"{name}.txt", out)
