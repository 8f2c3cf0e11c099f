"""Golden fixes: a project before, the exact `--diff`, the files after `--fix`, and a clean re-check.

Layout: `tests/fixes/<CODE>-<case>/` holds `before/` (a workspace; with `git.txt` it
becomes a real git repository, see tests/gitcase.py), `diff` (what `check --diff`
prints), `after/` (every file `check --fix` changes or creates, as it must leave it)
and optionally `args.txt` (more CLI arguments, one per line, for both runs).
Each case proves, through the same entry point users call:

* `--diff` prints exactly `diff`, exits 1, and leaves every file's bytes and mtime alone;
* `--fix` leaves exactly `after/` (so every line it does not edit is byte for byte
  the same: comments, blank lines and key order included), and the same patch applied
  with `git apply` gives the same files;
* checking the result again finds nothing more of rule <CODE>;
* `--fix` a second time changes nothing.

Regenerate after an intended change with `UPDATE_GOLDEN=1 python -m pytest tests/test_fix_golden.py`
and read the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from onboard_action.fixes import load_all as load_fixers
from tests.gitcase import prepare
from tests.helpers import FIXED_NOW, REPO, check_in_process

CASES = REPO / "tests" / "fixes"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SKIPPED = {".git", "git.txt"}


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "before").is_dir())


def _run(cwd: Path, args: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    return check_in_process(cwd, [*args, "--format", "text", "--now", FIXED_NOW], capsys, monkeypatch)


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below `folder` but git's: its bytes and mtime (ns)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not SKIPPED & set(relative.parts):
            found[relative.as_posix()] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def _workspace(case: Path, tmp_path: Path, name: str) -> Path:
    staged = tmp_path / f"{name}-case"
    shutil.copytree(case / "before", staged)
    made = prepare(staged, tmp_path / name)
    if made == staged:  # no git.txt: a plain folder
        return staged
    return made


def _compare(path: Path, actual: bytes) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"{path.relative_to(REPO)} is missing"
    assert actual == path.read_bytes(), f"differs from {path.relative_to(REPO)}"


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_fix(case: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    code = case.name.split("-", 1)[0]
    extra = (case / "args.txt").read_text().splitlines() if (case / "args.txt").exists() else []
    workspace = _workspace(case, tmp_path, "w1")

    untouched = _files(workspace)
    exit_code, out, _ = _run(workspace, ["--diff", *extra], capsys, monkeypatch)
    assert exit_code == 1, out
    _compare(case / "diff", out.encode())
    assert _files(workspace) == untouched, "--diff changed a file"

    exit_code, out, err = _run(workspace, ["--fix", *extra], capsys, monkeypatch)
    assert exit_code != 3, err
    assert f"[{code}]" not in out, out  # the report after fixing: the finding is gone
    fixed = {name: data for name, (data, _) in _files(workspace).items()}
    before = {name: data for name, (data, _) in untouched.items()}
    changed = {name: data for name, data in fixed.items() if before.get(name) != data}
    if UPDATE:
        shutil.rmtree(case / "after", ignore_errors=True)
    for name, data in changed.items():
        _compare(case / "after" / name, data)
    expected = {p.relative_to(case / "after").as_posix() for p in (case / "after").rglob("*") if p.is_file()}
    assert set(changed) == expected

    # The patch `--diff` printed makes the same files as `--fix` did.
    applied = _workspace(case, tmp_path, "w2")
    subprocess.run(["git", "apply", "--unsafe-paths", "-"], input=(case / "diff").read_bytes(),
                   cwd=applied, check=True, capture_output=True)
    assert {n: d for n, (d, _) in _files(applied).items()} == fixed

    exit_code, out, _ = _run(workspace, extra, capsys, monkeypatch)
    assert f"[{code}]" not in out, out  # a clean re-check of that code

    settled = _files(workspace)
    exit_code, out, err = _run(workspace, ["--fix", *extra], capsys, monkeypatch)
    assert "fixed 0 findings" in err
    assert _files(workspace) == settled, "a second --fix changed a file"


def test_every_fix_has_a_case() -> None:
    covered = {case.name.split("-", 1)[0] for case in _cases()}
    assert set(load_fixers()) <= covered, sorted(set(load_fixers()) - covered)
