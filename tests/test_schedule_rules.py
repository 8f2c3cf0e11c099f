"""Schedule rules beyond the golden cases: what the schema cache must not hide, and scale."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli

HEAD = """\
environments:
  - name: sandbox
plugins:
  extractors:
    - name: tap-github
  loaders:
    - name: target-postgres
jobs:
  - name: github-to-postgres
    tasks:
      - tap-github target-postgres
schedules:
"""


def _findings(tmp_path: Path, schedules: str) -> list[tuple[str, int, str]]:
    (tmp_path / "meltano.yml").write_text(HEAD + schedules, encoding="utf-8")
    done = run_cli("check", "--format", "json", "--onboarding-file=", cwd=tmp_path)
    report = json.loads(done.stdout)
    return [(f["code"], f["line"], f["message"]) for f in report["findings"] if f["code"].startswith("S")]


def test_schedules_that_differ_only_in_values_the_schema_checks_are_judged_apart(tmp_path: Path) -> None:
    # Valid shapes are validated once; a shape differing in `transform` or in an
    # empty string must still be validated on its own.
    legacy = ("  - name: {name}\n    interval: \"0 6 * * *\"\n    extractor: tap-github\n"
              "    loader: target-postgres\n    transform: {transform}\n")
    found = _findings(tmp_path, legacy.format(name="a", transform="skip")
                      + legacy.format(name="b", transform="skp")
                      + legacy.format(name='""', transform="run"))
    shape = [(code, line) for code, line, _ in found if code in ("S001", "S008")]
    assert shape == [("S008", 22), ("S001", 23)]


def test_thousands_of_schedules_report_each_problem_once(tmp_path: Path) -> None:
    many = "".join(f"  - name: s{i}\n    interval: \"{i % 60} {i % 24} * * *\"\n    job: github-to-postgres\n"
                   for i in range(3000))
    many += "  - name: s0\n    interval: \"*/5 * * * *\"\n    job: github-to-postgre\n"
    found = _findings(tmp_path, many)
    assert sorted(code for code, _, _ in found) == ["S002", "S004", "S005"]
