"""`meltano-onboard rules [CODE]`: the rule catalogue, or one rule explained, as text, JSON or Markdown."""

from __future__ import annotations

import argparse
import json
import os
import sys

from onboard_action.errors import UsageError
from onboard_action.findings import TARGETS, ordered
from onboard_action.report import Links
from onboard_action.reporters.rule_docs import rule_dict, rule_markdown, rule_text, rules_markdown
from onboard_action.rules import Rule, for_target, load_all
from onboard_action.values.suggest import close_match

NAME = "rules"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", default=None,
                        help="explain this rule: its code (S003) or name (schedule-interval-invalid)")
    parser.add_argument("--output-format", "--format", dest="format", default="text",
                        choices=("text", "json", "markdown"), help="text (default), json or markdown")
    parser.add_argument("--target", default=None, choices=TARGETS,
                        help="list only the rules that hold for this target, with the targets of each")


def run(args: argparse.Namespace) -> int:
    rules = load_all()
    if args.code is not None:
        sys.stdout.write(_one(find(args.code, rules), args.format))
        return 0
    if args.target is not None:
        rules = for_target(args.target)
    if args.format == "json":
        sys.stdout.write(json.dumps([rule_dict(r) for r in rules.values()], indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(rules))
    else:
        width = max(len(r.name) for r in rules.values())
        for r in rules.values():
            # The targets column only when asked by target: the plain listing stays as it was.
            targets = f"  [{', '.join(ordered(r.targets))}]" if args.target else ""
            sys.stdout.write(f"{r.code}  {r.severity.label:<7}  {r.name:<{width}}  {r.title}{targets}\n")
    return 0


def find(text: str, rules: dict[str, Rule]) -> Rule:
    """A rule by its code (any case) or its name; a usage error naming the closest one otherwise."""
    wanted = text.strip()
    by_name = {r.name: r for r in rules.values()}
    found = rules.get(wanted.upper()) or by_name.get(wanted.lower())
    if found is not None:
        return found
    close = close_match(wanted.upper(), rules) or close_match(wanted.lower(), by_name)
    hint = f"did you mean {close}?" if close else "`meltano-onboard rules` lists them"
    raise UsageError(f"no rule {wanted!r}; {hint}")


def _one(rule: Rule, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rule_dict(rule), indent=2) + "\n"
    if fmt == "markdown":
        return rule_markdown(rule, heading="#")
    return rule_text(rule, Links.from_environ(os.environ).rule(rule.code))
