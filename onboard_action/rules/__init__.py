"""The rule registry: every rule's code, severity and docs, and the checks that apply them.

A rule module declares its rules with `rule(...)` and its checks with
`@check(RULE, ...)`, naming the rules each check reports; modules in this
package are discovered, so adding a rule touches only the module that holds it.
"""

from __future__ import annotations

import functools
import importlib
import os
import textwrap
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from msgspec import Struct

from onboard_action.errors import InternalError
from onboard_action.findings import EVERYWHERE, TARGETS, Finding, Location, Severity
from onboard_action.load.project import SourceFile
from onboard_action.schema.explain import problems

if TYPE_CHECKING:
    from onboard_action.model.context import Context


class Rule(Struct, frozen=True):
    code: str  # stable: users ignore and re-grade rules by it
    name: str  # kebab-case, for docs anchors
    title: str  # one line: what is wrong
    severity: Severity
    written_why: str  # `why` as its module writes it, indented: dedented only when shown
    bad: str = ""  # an example that fires the rule
    good: str = ""  # the same example, fixed
    secret: bool = False  # its findings point at a secret: reporters never quote that span
    targets: frozenset[str] = EVERYWHERE  # where it holds: see the targets in onboard_action/findings.py

    @property
    def why(self) -> str:
        """Why it matters for Meltano Cloud, and how to fix it."""
        return textwrap.dedent(self.written_why).strip()

    def finding(self, location: Location, message: str, hint: str = "",
                related: Iterable[Location] = ()) -> Finding:
        return Finding(self.code, self.severity, message, location, hint, self.title,
                       tuple(related))


class Worded(Struct, frozen=True):
    """A rule with words chosen by the check where the schema's would be vague."""

    rule: Rule
    message: str | None = None
    hint: str | None = None

    def finding(self, location: Location, message: str, hint: str = "", related=()) -> Finding:
        return self.rule.finding(location, self.message or message,
                                 hint if self.hint is None else self.hint, related)


# Which rule reports a schema problem, from the problem's path inside the validated data.
RuleFor = Callable[[tuple], "Rule | Worded"]


def validate(instance: Any, schema_name: str, source: SourceFile, base: tuple,
             rule_for: RuleFor, subject: str = "the file") -> list[Finding]:
    """Validate `instance` (found at `base` inside `source`) and return located findings.

    `subject` names the instance itself in messages (e.g. "schedule 'daily'").
    """
    findings = []
    for problem in problems(instance, schema_name, subject):
        location = source.location(base + problem.path, key=problem.key)
        findings.append(rule_for(problem.path).finding(location, problem.message, problem.hint))
    return findings


REGISTRY: dict[str, Rule] = {}
CheckFunction = Callable[["Context"], Iterable[Finding]]


class Check(Struct, frozen=True, dict=True):
    """A function that reports findings of the rules it declares, and of no other.

    Declaring them lets `--ignore` skip a check whose rules are all ignored, and
    keeps the docs honest: a finding of a rule the check does not declare is a
    bug, raised as an internal error (exit code 3) rather than reported.
    """

    function: CheckFunction
    rules: tuple[Rule, ...]
    # An organization check reads only the onboarding file: a run over several projects runs it once.
    org: bool = False

    @property
    def name(self) -> str:
        return f"{self.function.__module__.rsplit('.', 1)[-1]}.{self.function.__name__}"

    @functools.cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(each.code for each in self.rules)

    def __call__(self, context: Context) -> Iterator[Finding]:
        codes = self.codes
        for finding in self.function(context):
            if finding.code not in codes:
                raise InternalError(f"check {self.name} reported {finding.code}, which it does not "
                                    f"declare (it declares {', '.join(sorted(codes))})")
            yield finding


CHECKS: list[Check] = []


def rule(code: str, name: str, severity: Severity, title: str, why: str,
         bad: str = "", good: str = "", *, secret: bool = False,
         targets: frozenset[str] = EVERYWHERE) -> Rule:
    """Declare a rule; `targets` says where it holds (every deployment unless it says otherwise)."""
    if code in REGISTRY:
        raise ValueError(f"rule code {code} is declared twice")
    if not targets or not targets <= set(TARGETS):
        raise ValueError(f"rule {code}: targets must be some of {', '.join(TARGETS)}")
    declared = Rule(code, name, title, severity, why,
                    bad.strip("\n"), good.strip("\n"), secret, frozenset(targets))
    REGISTRY[code] = declared
    return declared


def check(*rules: Rule, org: bool = False) -> Callable[[CheckFunction], Check]:
    """Register a check that reports findings of `rules`: `@check(RULE_A, RULE_B)`.

    `org=True`: the check reads the onboarding file alone, never the checked project.
    """
    if not rules or not all(isinstance(each, Rule) for each in rules):
        raise TypeError("a check names the rules it reports: @check(RULE, ...)")

    def register(function: CheckFunction) -> Check:
        made = Check(function, rules, org)
        CHECKS.append(made)
        return made

    return register


Kept = TypeVar("Kept")


def per_run(function: Callable[[Context], Kept]) -> Callable[[Context], Kept]:
    """What `function` works out from a context, once per run (per `Context`), for every check that asks.

    For what only rules make (findings made while reading, say); what the files
    mean belongs to the model, as a cached property of `Context`.
    """
    kept: weakref.WeakKeyDictionary[Context, Kept] = weakref.WeakKeyDictionary()

    @functools.wraps(function)
    def once(context: Context) -> Kept:
        if context not in kept:
            kept[context] = function(context)
        return kept[context]

    return once


@functools.cache
def import_modules(package: str) -> None:
    """Import every module of `package` once, so that what their decorators register is complete.

    The rules register here (`@check`, `rule`) and the fixes in onboard_action.fixes (`@fixer`).
    """
    # The folder listed by hand: pkgutil, which would do it, costs more to import than the listing.
    [folder] = importlib.import_module(package).__path__
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py") and name != "__init__.py":
            importlib.import_module(f"{package}.{name[:-3]}")


def load_all() -> dict[str, Rule]:
    """Import every rule module once; returns the registry sorted by code."""
    import_modules(__name__)
    return dict(sorted(REGISTRY.items()))


def for_target(target: str) -> dict[str, Rule]:
    """The rules that hold for `target`, sorted by code."""
    return {code: each for code, each in load_all().items() if target in each.targets}


def run_checks(context: Context, observe: Callable[[Check], None] | None = None,
               scope: str = "all") -> list[Finding]:
    """Every check's findings, but for checks whose rules the settings all ignore, which do not run.

    The one place where the target counts: a rule of another target is left out as an ignored
    one is, and a check with no rule left for the target does not run.
    `observe` is told of each check before it runs (benchmarks and tests use it).
    `scope`: "all", "org" (the organization checks only) or "project" (all but those).
    """
    rules = load_all()
    target = context.settings.target
    off = frozenset(code for code, each in rules.items() if target not in each.targets)
    skipped = context.settings.ignore | off
    findings: list[Finding] = []
    for each in CHECKS:
        if each.codes <= skipped or (scope == "org" and not each.org) or (scope == "project" and each.org):
            continue
        if observe is not None:
            observe(each)
        if each.codes & off:
            findings.extend(f for f in each(context) if f.code not in off)
        else:
            findings.extend(each(context))
    return findings
