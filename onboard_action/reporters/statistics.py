"""`--statistics`: how many findings each rule has, most first, as ruff prints them."""

from __future__ import annotations

import json
from collections import Counter

from onboard_action.report import Report
from onboard_action.reporters.terminal import PLAIN, Style
from onboard_action.reporters.text import listed, verdict_line
from onboard_action.rules import load_all


def statistics(report: Report) -> list[dict]:
    """One entry per rule code that has findings (new ones, against a baseline): code, name, severity,
    count and title."""
    rules = load_all()
    findings = listed(report)
    counts = Counter(f.code for f in findings)
    severity = {f.code: f.severity.label for f in findings}  # after the severity setting
    return [{"code": code, "name": rules[code].name if code in rules else "", "severity": severity[code],
             "count": count, "title": rules[code].title if code in rules else ""}
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def render_statistics(report: Report, style: Style = PLAIN) -> str:
    rows = statistics(report)
    width = max((len(str(row["count"])) for row in rows), default=1)
    lines = [f"{row['count']:>{width}}  {style.paint('code', row['code'])}  "
             f"{style.paint(row['severity'], row['severity'])}{' ' * (7 - len(row['severity']))}  "
             f"{row['title']}" for row in rows]
    lines.append(verdict_line(report, style))
    return "\n".join(lines) + "\n"


def render_statistics_json(report: Report) -> str:
    return json.dumps(statistics(report), indent=2, ensure_ascii=False) + "\n"
