"""Output formats, picked by name. Adding a format means adding one module here and naming it in FORMATS.

A check imports only the module of the format it prints (and of the report
files it writes), not every format's.

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
# Each format's name and the module that registers it; the others here (markdown, packet,
# rule_docs, ...) are their parts.
FORMATS = {"full": "full", "gitlab": "gitlab", "json": "json_report", "markdown": "summary",
           "sarif": "sarif", "text": "text"}


def reporter(name: str, *, styled: bool = False):
    def register(function: Render) -> Render:
        REPORTERS[name] = function
        if styled:
            STYLED.add(name)
        return function
    return register


def load_all() -> dict[str, Render]:
    for name in FORMATS:
        load(name)
    return REPORTERS


def load(name: str) -> Render:
    if name not in REPORTERS:
        importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return REPORTERS[name]


# The onboarding packet's formats (reporters/packet.py), here so that the CLI can offer them unimported.
PACKET_FORMATS = ("markdown", "json")
# Formats that are JSON documents: `##[` is escaped the JSON way there, the text way elsewhere.
JSON_FORMATS = frozenset({"gitlab", "json", "sarif"})


def render(name: str, report: Report, style: Style | None = None) -> str:
    """The report in format `name`, with no line a log would read as a workflow command."""
    from onboard_action.reporters.terminal import inert, inert_json

    function = load(name)
    text = function(report, style) if style is not None and name in STYLED else function(report)
    return inert_json(text) if name in JSON_FORMATS else inert(text)
