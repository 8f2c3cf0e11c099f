"""The JSON report: a stable, documented shape (see docs/report-format.md)."""

from __future__ import annotations

import json

from onboard_action import __version__
from onboard_action.report import REPORT_FORMAT_VERSION, TOOL_NAME, Report
from onboard_action.reporters import reporter


def report_dict(report: Report) -> dict:
    data = {
        "format_version": REPORT_FORMAT_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "project_dir": report.relative(report.project_dir) or ".",
        "ready": report.ready,
        "fail_on": report.fail_on,
        "target": report.target,
        "counts": report.counts,
        "projects": report.projects_list(),
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
                "fingerprint": report.fingerprint(f),
                **({"baseline_state": report.state(f)} if report.comparison else {}),
            }
            for f in report.by_position()
        ],
        "facts": report.facts,
    }
    if report.comparison is not None:
        data["baseline"] = {
            "against": report.comparison.baseline,
            "new_counts": report.new_counts,
            "absent": report.comparison.absent,
        }
    return data


@reporter("json")
def render_json(report: Report) -> str:
    return _lines(report_dict(report)) + "\n"


# Written by the C encoder: json.dumps with `indent` runs in Python, a third of a large check.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _one_line_encoder():
    """`_ENCODER.encode` for one entry, without making a new C encoder for each of thousands.

    `JSONEncoder.encode` builds its C encoder anew on every call, which costs more than
    encoding a schedule's entry; this is the one it builds (json/encoder.py,
    `iterencode(_one_shot=True)`), made once, without the circular-reference markers (a
    report is a tree; a cycle would end in RecursionError instead of ValueError). Without the
    C module, the encoder itself.
    """
    from json import encoder

    if encoder.c_make_encoder is None:
        return _ENCODER.encode
    made = encoder.c_make_encoder(None, _ENCODER.default, encoder.encode_basestring, None,
                                  _ENCODER.key_separator, _ENCODER.item_separator, _ENCODER.sort_keys,
                                  _ENCODER.skipkeys, _ENCODER.allow_nan)
    return lambda value: "".join(made(value, 0))


_ENTRY = _one_line_encoder()


def _lines(value: object, indent: str = "") -> str:
    """JSON with objects indented and each entry of a list of objects on one line.

    A finding, or a schedule of the preview, per line: readable, diffable,
    `grep`-able, and five times faster to write than indenting everything.
    """
    inner = indent + "  "
    if isinstance(value, dict) and value:
        members = (f"{inner}{_ENCODER.encode(key)}: {_lines(item, inner)}" for key, item in value.items())
        return "{\n" + ",\n".join(members) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return "[\n" + ",\n".join([inner + _ENTRY(item) for item in value]) + "\n" + indent + "]"
    return _ENCODER.encode(value)
