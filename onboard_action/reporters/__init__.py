"""Output formats, picked by name. Adding a format means adding one module here.

A reporter turns a finished `Report` into text; it never decides anything.
The `github` reporter also writes annotations, outputs and the job summary
through the runner protocol.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from onboard_action.report import Report

Render = Callable[[Report], str]
REPORTERS: dict[str, Render] = {}


def reporter(name: str):
    def register(function: Render) -> Render:
        REPORTERS[name] = function
        return function
    return register


def load_all() -> dict[str, Render]:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return REPORTERS


def render(name: str, report: Report) -> str:
    return load_all()[name](report)
