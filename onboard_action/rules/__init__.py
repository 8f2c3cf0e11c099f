"""The rule registry: every rule's code, severity and docs, and the checks that apply them.

A rule module declares its rules with `rule(...)` and its checks with
`@check` (run once per checked project, with its `Context`) or `@org_check`
(run once per run, with the `OrgContext`: the onboarding file and what it
says about the organization and every entry); modules in this package are
discovered, so adding a rule touches only the module that holds it.
"""

from __future__ import annotations

import importlib
import pkgutil
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from onboard_action.findings import Finding, Location, Severity
from onboard_action.load.project import SourceFile
from onboard_action.schema.explain import problems

if TYPE_CHECKING:
    from onboard_action.model.context import Context, OrgContext


@dataclass(frozen=True)
class Rule:
    code: str  # stable: users ignore and re-grade rules by it
    name: str  # kebab-case, for docs anchors
    title: str  # one line: what is wrong
    severity: Severity
    why: str  # why it matters for Meltano Cloud, and how to fix it
    bad: str = ""  # an example that fires the rule
    good: str = ""  # the same example, fixed

    def finding(self, location: Location, message: str, hint: str = "",
                related: Iterable[Location] = ()) -> Finding:
        return Finding(self.code, self.severity, message, location, hint, self.title,
                       tuple(related))


@dataclass(frozen=True)
class Worded:
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
Check = Callable[["Context"], Iterable[Finding]]
OrgCheck = Callable[["OrgContext"], Iterable[Finding]]
CHECKS: list[Check] = []
ORG_CHECKS: list[OrgCheck] = []


def rule(code: str, name: str, severity: Severity, title: str, why: str,
         bad: str = "", good: str = "") -> Rule:
    if code in REGISTRY:
        raise ValueError(f"rule code {code} is declared twice")
    declared = Rule(code, name, title, severity, textwrap.dedent(why).strip(),
                    bad.strip("\n"), good.strip("\n"))
    REGISTRY[code] = declared
    return declared


def check(function: Check) -> Check:
    CHECKS.append(function)
    return function


def org_check(function: OrgCheck) -> OrgCheck:
    ORG_CHECKS.append(function)
    return function


_loaded = False


def load_all() -> dict[str, Rule]:
    """Import every rule module once; returns the registry sorted by code."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True
    return dict(sorted(REGISTRY.items()))


def run_checks(context: Context) -> list[Finding]:
    """Every project check, on one project."""
    return _run(CHECKS, context)


def run_org_checks(context: OrgContext) -> list[Finding]:
    """Every organization check, once per run."""
    return _run(ORG_CHECKS, context)


def _run(checks: list, context: Any) -> list[Finding]:
    load_all()
    findings: list[Finding] = []
    for function in checks:
        findings.extend(function(context))
    return findings
