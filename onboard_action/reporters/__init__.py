"""Output formats, picked by name. Adding a format means adding one module here and naming it in FORMATS.

A reporter turns a finished `Report` into text; it never decides anything.
The `github` reporter also writes annotations, outputs and the job summary
through the runner protocol.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from onboard_action.report import Report

if TYPE_CHECKING:
    from onboard_action.reporters.terminal import Style

Render = Callable[..., str]  # (report) -> text; styled formats also take a Style
REPORTERS: dict[str, Render] = {}
STYLED: set[str] = set()  # formats for a terminal, which colour when asked
# The modules that register a format; the others here (markdown, packet, rule_docs, ...) are their parts.
FORMATS = ("full", "gitlab", "json_report", "sarif", "summary", "text")


def reporter(name: str, *, styled: bool = False):
    def register(function: Render) -> Render:
        REPORTERS[name] = function
        if styled:
            STYLED.add(name)
        return function
    return register


def load_all() -> dict[str, Render]:
    for module in FORMATS:
        importlib.import_module(f"{__name__}.{module}")
    return REPORTERS


def render(name: str, report: Report, style: Style | None = None) -> str:
    function = load_all()[name]
    return function(report, style) if style is not None and name in STYLED else function(report)
