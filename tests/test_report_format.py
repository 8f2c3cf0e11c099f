"""docs/report-format.md documents exactly the fields the JSON reporter emits, with their types."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from onboard_action.findings import Finding, Location, Severity
from onboard_action.report import REPORT_FORMAT_VERSION, Comparison, ProjectPart, Report
from onboard_action.reporters.json_report import render_json
from tests.helpers import REPO

DOC = REPO / "docs" / "report-format.md"
TYPES = {"integer": int, "string": str, "boolean": bool, "array": list, "object": dict}
# `facts` is keyed by fact name, each fact documents its own shape; a baseline's absent findings
# are findings as an earlier report listed them.
OPAQUE = {"facts", "baseline.absent"}


def is_baseline_only(field: str) -> bool:
    """Fields a report has only when the check ran against a baseline."""
    return field == "findings[].baseline_state" or field.split(".")[0] == "baseline"


def documented_fields() -> dict[str, str]:
    """`field path -> type` from the Fields table of docs/report-format.md."""
    fields = {}
    for line in DOC.read_text(encoding="utf-8").split("## Fields", 1)[1].splitlines():
        match = re.match(r"\| `([^`]+)` \| (\w+) \|", line)
        if match:
            fields[match[1]] = match[2]
    return fields


def emitted_fields(value: Any, prefix: str = "") -> dict[str, type]:
    """`field path -> Python type` of every field in a report, using the doc's path notation."""
    fields: dict[str, type] = {}
    for key, item in value.items():
        path = f"{prefix}{key}"
        fields[path] = type(item)
        if path in OPAQUE:
            continue
        if isinstance(item, dict):
            fields.update(emitted_fields(item, path + "."))
        elif isinstance(item, list):
            for element in item:
                if isinstance(element, dict):
                    fields.update(emitted_fields(element, path + "[]."))
    return fields


def full_report(tmp_path: Path) -> dict:
    """A report that uses every field: a finding with a related place, a fact and a baseline."""
    meltano = tmp_path / "data" / "meltano.yml"
    included = tmp_path / "data" / "extract" / "taps.meltano.yml"
    finding = Finding("P001", Severity.ERROR, "plugin 'tap-github' is defined twice",
                      Location(included, 3, 13, 3, 22), "remove one of them", "duplicate plugin",
                      (Location(meltano, 12, 13, 12, 22),))
    report = Report(workspace=tmp_path, project_dir=meltano.parent, fail_on="error",
                    threshold=Severity.ERROR, findings=[finding], facts={"example": {"n": 1}},
                    files=[meltano, included],
                    comparison=Comparison("revision 1a2b3c4d5e6f", frozenset(), [{"code": "S004"}]),
                    projects=[ProjectPart("data-platform", meltano.parent, [finding])])
    return json.loads(render_json(report))


def test_the_documented_fields_are_the_emitted_fields(tmp_path: Path) -> None:
    documented = documented_fields()
    emitted = emitted_fields(full_report(tmp_path))
    assert sorted(documented) == sorted(emitted), (
        f"undocumented: {sorted(set(emitted) - set(documented))}; "
        f"documented but not emitted: {sorted(set(documented) - set(emitted))}")
    wrong = {path: (kind, emitted[path].__name__) for path, kind in documented.items()
             if TYPES[kind] is not emitted[path]}
    assert not wrong, f"documented type differs from the emitted one: {wrong}"


def test_top_level_and_per_finding_names_in_particular(tmp_path: Path) -> None:
    report = full_report(tmp_path)
    documented = documented_fields()
    assert [k for k in documented if "." not in k] == list(report)
    finding_fields = [k.split(".", 1)[1] for k in documented
                      if k.startswith("findings[].") and k.count(".") == 1]
    assert finding_fields == list(report["findings"][0])


def test_values_follow_the_documented_conventions(tmp_path: Path) -> None:
    report = full_report(tmp_path)
    assert report["format_version"] == REPORT_FORMAT_VERSION == 1
    assert report["project_dir"] == "data"
    assert report["files"] == ["data/meltano.yml", "data/extract/taps.meltano.yml"]
    assert report["counts"] == {"error": 1, "warning": 0, "notice": 0}
    [finding] = report["findings"]
    assert (finding["file"], finding["line"], finding["column"], finding["end_column"]) == (
        "data/extract/taps.meltano.yml", 3, 13, 22)
    assert finding["related"] == [{"file": "data/meltano.yml", "line": 12, "column": 13,
                                   "end_line": 12, "end_column": 22}]


def test_the_example_in_the_doc_has_the_documented_shape() -> None:
    example = json.loads(DOC.read_text(encoding="utf-8").split("```json", 1)[1].split("```", 1)[0])
    documented = documented_fields()
    assert set(emitted_fields(example)) <= set(documented)
    assert [k for k in documented if "." not in k and not is_baseline_only(k)] == list(example)
