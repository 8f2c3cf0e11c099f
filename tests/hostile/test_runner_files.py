"""The runner's files: outputs that cannot be forged, a summary that stays under 1 MiB, files that fail.

tests/test_runner.py tests `Runner` itself (heredoc outputs, the cut at 1 MiB,
one warning per unwritable file); here the whole action runs against them.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tests.hostile.conftest import Hostile

DELIMITER_LIKE = f"r\nghadelimiter_{uuid.uuid4()}\nready<<EOF\ntrue\nEOF\nready=true\n.json"


def test_an_output_value_with_delimiter_like_lines_cannot_forge_outputs(hostile: Hostile) -> None:
    hostile.write("meltano.yml", "version: 1\n")  # not ready: `ready` must stay false
    run = hostile.action(onboarding_file="", report_file=DELIMITER_LIKE, outputs=(DELIMITER_LIKE,))
    assert run.returncode == 1
    assert run.outputs["report-file"] == DELIMITER_LIKE
    assert run.outputs["ready"] == "false"
    assert set(run.outputs) == {"ready", "error-count", "warning-count", "notice-count", "report-file",
                                "sarif-file", "packet-file", "secrets-file", "secrets-count",
                                "new-error-count", "fixed-count", "fix-patch", "projects"}
    assert (hostile.workspace / DELIMITER_LIKE).is_file()


def test_a_summary_over_1_mib_is_cut_with_a_pointer_to_the_report(hostile: Hostile) -> None:
    # As many findings as a report keeps of one rule (1,000), each quoting a path of 1,000 characters.
    count = 1_000
    deep = "/".join(["x" * 200] * 5)
    patterns = "".join(f"  - ./missing-{i:05}/{deep}.meltano.yml\n" for i in range(count))
    hostile.write("meltano.yml", "version: 1\ninclude_paths:\n" + patterns)
    run = hostile.action(onboarding_file="", report_file="report.json", outputs=("report.json",))
    assert run.returncode == 1
    assert len(run.findings("F005")) == count, "the report keeps every finding"
    summary = run.summary.encode("utf-8")
    assert len(summary) <= 1024 * 1024
    assert run.summary.endswith("The summary was cut to stay under GitHub's 1 MiB limit. "
                                "The complete list is in report.json.\n")
    errors = [c for c in run.annotations if c.name == "error"]
    assert len(errors) == 10
    [note] = [c for c in run.annotations if c.properties.get("title") == "More findings"]
    assert "see the job summary and report.json" in note.message


def unwritable(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    read_only = tmp_path / "read-only"
    read_only.touch()
    read_only.chmod(0o444)
    return {
        "missing-folder": str(tmp_path / "no" / "such" / "file"),
        "a-folder": str(folder),
        # Root writes through file modes: then a kernel file that refuses every write stands in.
        "read-only": str(read_only) if os.geteuid() != 0 else "/proc/version",
    }


@pytest.mark.parametrize("variable", ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"])
@pytest.mark.parametrize("why", ["missing-folder", "a-folder", "read-only"])
@pytest.mark.parametrize(("project", "status"), [("ready", 0), ("broken", 1)])
def test_an_unwritable_runner_file_is_a_warning_and_the_check_still_decides(
        hostile: Hostile, tmp_path: Path, variable: str, why: str, project: str, status: int) -> None:
    hostile.ready_project()
    if project == "broken":
        hostile.write("meltano.yml", "version: 1\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",), env={variable: unwritable(tmp_path)[why]})
    assert run.returncode == status
    [warning] = run.stderr.splitlines()
    assert warning.startswith("meltano-onboard: warning: could not write the ")
    assert variable in warning
    assert run.report is not None, "the report file is still written"
    assert run.stdout.splitlines()[-1].startswith("Meltano Cloud onboarding: "
                                                 + ("ready" if status == 0 else "not ready"))
