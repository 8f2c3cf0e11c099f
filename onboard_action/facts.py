"""Facts: what a check learns about the project besides findings (schedules, variables, ...).

A fact has a name, a function that computes JSON-serialisable data from the
context, and an optional Markdown rendering for the job summary. Facts land
in the JSON report under their name. Like rules, they live in the feature
module that owns them and are registered with `@fact`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onboard_action.context import Context


@dataclass(frozen=True)
class Fact:
    name: str
    compute: Callable[[Context], Any]
    markdown: Callable[[Any], str] | None = None
    order: int = 100  # position in the job summary


FACTS: dict[str, Fact] = {}


def fact(name: str, markdown: Callable[[Any], str] | None = None, order: int = 100):
    def register(compute: Callable[[Context], Any]):
        if name in FACTS:
            raise ValueError(f"fact {name} is declared twice")
        FACTS[name] = Fact(name, compute, markdown, order)
        return compute
    return register


def compute_facts(context: Context) -> dict[str, Any]:
    from onboard_action.rules import load_all

    load_all()  # rule modules register their facts too
    return {name: f.compute(context) for name, f in sorted(FACTS.items(), key=lambda i: (i[1].order, i[0]))}
