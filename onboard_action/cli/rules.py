"""`meltano-onboard rules`: the rule catalogue, as a table, JSON or the Markdown docs."""

from __future__ import annotations

import argparse
import json
import sys

from onboard_action.errors import UsageError
from onboard_action.reporters.rule_docs import rules_markdown
from onboard_action.rules import load_all

NAME = "rules"
HELP = "list every rule with its code, severity and title"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default="text", choices=("text", "json", "markdown"))


def run(args: argparse.Namespace) -> int:
    rules = load_all()
    if args.format == "json":
        sys.stdout.write(json.dumps([
            {"code": r.code, "name": r.name, "severity": r.severity.label, "title": r.title,
             "why": r.why, "bad": r.bad, "good": r.good} for r in rules.values()], indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(rules))
    elif args.format == "text":
        width = max(len(r.name) for r in rules.values())
        for r in rules.values():
            sys.stdout.write(f"{r.code}  {r.severity.label:<7}  {r.name:<{width}}  {r.title}\n")
    else:  # pragma: no cover - argparse restricts the choices
        raise UsageError(f"unknown format {args.format}")
    return 0
