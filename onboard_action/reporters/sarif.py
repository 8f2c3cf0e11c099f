"""SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif) and SARIF viewers.

Paths are relative to the workspace (the repository root in a workflow) and
carry the `%SRCROOT%` base id, which code scanning resolves against the
checkout. Every registered rule is listed, so a rule's docs show even when
the run found nothing for it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from onboard_action import __version__
from onboard_action.findings import Edit, Finding, Fix, Location, Severity
from onboard_action.report import TOOL_NAME, Report
from onboard_action.reporters import reporter
from onboard_action.reporters.rule_docs import rule_markdown
from onboard_action.rules import Rule, load_all

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}
# Versioned, as code scanning's own `primaryLocationLineHash/v1`: a new scheme gets a new name.
FINGERPRINT = "meltanoOnboardSubject/v1"


def sarif_dict(report: Report) -> dict[str, Any]:
    rules = load_all()
    index = {code: i for i, code in enumerate(rules)}
    fixes = _safe_fixes(report)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "semanticVersion": __version__,
                "version": __version__,
                "rules": [_rule(rule, report.links.rule(rule.code)) for rule in rules.values()],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(report.workspace)}},
            # Our columns count characters, not UTF-16 code units (SARIF's default).
            "columnKind": "unicodeCodePoints",
            "results": [_result(report, finding, index, fixes) for finding in report.by_position()]
                       + [_absent(entry, index) for entry in _absent_entries(report)],
        }],
    }


def _rule(rule: Rule, help_uri: str | None) -> dict[str, Any]:
    help_text = rule.why
    if rule.bad:
        help_text += f"\n\nFires on:\n{rule.bad}"
    if rule.good:
        help_text += f"\n\nFixed:\n{rule.good}"
    described: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text, "markdown": rule_markdown(rule, heading="###")},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["meltano", "meltano-cloud"]},
    }
    if help_uri:
        described["helpUri"] = help_uri
    return described


def _result(report: Report, finding: Finding, index: dict[str, int],
            fixes: dict[int, Fix]) -> dict[str, Any]:
    message = finding.message + (f"\nFix: {finding.hint}" if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(report, finding.location.file),
            "region": _region(finding.location),
        }}],
    }
    result["partialFingerprints"] = {FINGERPRINT: report.fingerprint(finding)}
    if report.comparison is not None:
        result["baselineState"] = report.state(finding)
    if finding.code in index:  # rules are registered; a stray code still makes valid SARIF
        result["ruleIndex"] = index[finding.code]
    fix = fixes.get(id(finding))
    if fix is not None:
        result["fixes"] = [_fix(report, fix)]
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": {"artifactLocation": _artifact(report, loc.file),
                                           "region": _region(loc)}}
            for i, loc in enumerate(finding.related)]
    return result


def _safe_fixes(report: Report) -> dict[int, Fix]:
    """The safe fixes, by the finding they remove: only those may be offered as one-click changes."""
    return {id(fix.finding): fix for fix in report.fixes if fix.safe}


def _fix(report: Report, fix: Fix) -> dict[str, Any]:
    by_file: dict[Path, list[Edit]] = {}
    for edit in fix.edits:
        by_file.setdefault(edit.file, []).append(edit)
    return {
        "description": {"text": fix.description},
        "artifactChanges": [{
            "artifactLocation": _artifact(report, file),
            "replacements": [{
                # SARIF's region: 1-based, end column one past the end, as an Edit has it.
                "deletedRegion": {"startLine": e.line, "startColumn": e.column,
                                  "endLine": e.end_line, "endColumn": e.end_column},
                "insertedContent": {"text": e.text},
            } for e in edits],
        } for file, edits in by_file.items()],
    }


def _absent_entries(report: Report) -> list[dict[str, Any]]:
    return report.comparison.absent if report.comparison is not None else []


def _absent(entry: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    """A finding of the baseline that this run no longer has: fixed by the change."""
    code = str(entry.get("code", ""))
    result: dict[str, Any] = {
        "ruleId": code,
        "level": LEVELS.get(_severity(entry.get("severity")), "note"),
        "message": {"text": str(entry.get("message", ""))},
        "partialFingerprints": {FINGERPRINT: str(entry["fingerprint"])},
        "baselineState": "absent",
    }
    if code in index:
        result["ruleIndex"] = index[code]
    return result


def _severity(label: Any) -> Severity | None:
    try:
        return Severity.parse(str(label))
    except ValueError:
        return None


def _artifact(report: Report, file: Path) -> dict[str, str]:
    relative = report.relative(file)
    if relative.startswith("/"):  # outside the workspace: only an absolute URI can name it
        return {"uri": Path(relative).as_uri()}
    # Percent-encode so spaces, `#`, `?` and a `:` in a first segment stay part of the path; the
    # name's own bytes, so a name that is not UTF-8 (`\udcff` here) is `%FF`, as the file system has it.
    return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}


def _region(location: Location) -> dict[str, int]:
    if location.whole_file:
        return {"startLine": 1}
    region = {"startLine": location.line, "startColumn": location.column}
    end_line = max(location.end_line or location.line, location.line)
    if end_line != location.line:
        region["endLine"] = end_line
    if location.end_column is not None:
        # Our end column is inclusive; SARIF's points one past the end.
        end_column = location.end_column + 1
        if end_line != location.line or end_column > location.column:
            region["endColumn"] = end_column
    return region


def _directory_uri(path: Path) -> str:
    uri = path.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


@reporter("sarif")
def render_sarif(report: Report) -> str:
    return json.dumps(sarif_dict(report), indent=2, ensure_ascii=False) + "\n"
