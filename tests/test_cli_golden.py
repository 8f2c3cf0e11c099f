"""Golden runs of the command line: a folder holds the arguments, the workspace and the exact output.

`tests/golden/cli/<case>/args.txt` holds the arguments, one per line; the
other files of the folder are the workspace the command runs in (copied to a
temporary folder first), and `expected.txt` is what it must print on
stdout, byte for byte. The clock is fixed and colour is off (stdout is not a
terminal). Regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/test_cli_golden.py` and read the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from onboard_action.cli import main
from tests.helpers import FIXED_NOW, REPO
from tests.test_golden import UPDATE

CASES = REPO / "tests" / "golden" / "cli"
META = ("args.txt", "expected.txt")


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_cli_case(case: str, tmp_path: Path, capsys, monkeypatch) -> None:
    folder = CASES / case
    workspace = tmp_path / "workspace"
    shutil.copytree(folder, workspace, ignore=lambda _, names: [n for n in names if n in META])
    monkeypatch.chdir(workspace)
    for name in ("GITHUB_ACTIONS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MELTANO_ONBOARD_NOW", FIXED_NOW)
    args = [line for line in (folder / "args.txt").read_text(encoding="utf-8").splitlines() if line]
    status = main(args)
    out, err = capsys.readouterr()
    assert err == "" and status in (0, 1), err
    expected = folder / "expected.txt"
    if UPDATE:
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8"), f"output differs from {expected.relative_to(REPO)}"
