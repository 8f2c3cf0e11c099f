"""Facts: what a check learns about the project besides findings (schedules, variables, ...).

A fact has a name and a function that computes JSON-serialisable data from the
context; facts land in the JSON report under their name, in `order`. A fact
carries data, never Markdown: the summary reporter owns each fact's section.
Each fact lives in its own module here, named in MODULES.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:
    from onboard_action.model.context import Context

MODULES = ("organization", "prerequisites", "schedules", "pipelines", "variables", "secrets")


class Fact(Struct, frozen=True):
    name: str
    compute: Callable[[Context], Any]
    order: int = 100  # position in the JSON report


FACTS: dict[str, Fact] = {}


def fact(name: str, order: int = 100):
    def register(compute: Callable[[Context], Any]):
        if name in FACTS:
            raise ValueError(f"fact {name} is declared twice")
        FACTS[name] = Fact(name, compute, order)
        return compute
    return register


def load_all() -> dict[str, Fact]:
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return FACTS


def compute_facts(context: Context) -> dict[str, Any]:
    facts = sorted(load_all().values(), key=lambda f: (f.order, f.name))
    return {f.name: f.compute(context) for f in facts}
