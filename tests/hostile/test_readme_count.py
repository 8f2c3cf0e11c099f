"""The README's Security section says how many cases the hostile suite holds: keep that number true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

HERE = Path(__file__).resolve().parent


def test_the_readme_states_the_number_of_hostile_cases() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(HERE)],
        cwd=REPO, capture_output=True, text=True, timeout=120).stdout
    cases = [line for line in listed.splitlines()
             if "::" in line and not line.startswith(f"tests/hostile/{Path(__file__).name}")]
    security = (REPO / "README.md").read_text(encoding="utf-8").split("## Security", 1)[1].split("\n## ")[0]
    stated = re.search(r"holds \*\*(\d+) cases\*\*", security)
    assert stated, "the Security section must say `holds **N cases**`"
    assert int(stated.group(1)) == len(cases), f"tests/hostile holds {len(cases)} cases; update README.md"
