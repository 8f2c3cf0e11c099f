"""The JSON report: a stable, documented shape (see docs/report-format.md)."""

from __future__ import annotations

import json

from onboard_action import __version__
from onboard_action.report import REPORT_FORMAT_VERSION, TOOL_NAME, Report
from onboard_action.reporters import reporter


def report_dict(report: Report) -> dict:
    return {
        "format_version": REPORT_FORMAT_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "project_dir": report.relative(report.project_dir) or ".",
        "ready": report.ready,
        "fail_on": report.fail_on,
        "counts": report.counts,
        "files": [report.relative(path) for path in report.files],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.label,
                "title": f.title,
                "message": f.message,
                "hint": f.hint,
                **report.location_dict(f.location),
                "related": [report.location_dict(r) for r in f.related],
            }
            for f in report.by_position()
        ],
        "facts": report.facts,
    }


@reporter("json")
def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
