"""Output formats, picked by name. Adding a format means adding one module here and naming it in FORMATS.

A reporter turns a finished `Report` into text; it never decides anything.
The `github` reporter also writes annotations, outputs and the job summary
through the runner protocol.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from onboard_action.report import Report

Render = Callable[[Report], str]
REPORTERS: dict[str, Render] = {}
# The modules that register a format; the others here (markdown, packet, rule_docs) are their parts.
FORMATS = ("json_report", "sarif", "summary", "text")


def reporter(name: str):
    def register(function: Render) -> Render:
        REPORTERS[name] = function
        return function
    return register


def load_all() -> dict[str, Render]:
    for module in FORMATS:
        importlib.import_module(f"{__name__}.{module}")
    return REPORTERS


def render(name: str, report: Report) -> str:
    return load_all()[name](report)
