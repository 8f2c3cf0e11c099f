#!/usr/bin/env python3
"""Write onboard_action/values/token_patterns.py: detect-secrets' credential formats, as plain data.

    python tools/generate_token_patterns.py          # rewrite the generated module
    python tools/generate_token_patterns.py --check  # exit 1 when it is stale

The check finds credentials written under neutral names (`SLACK_X: xoxb-...`)
with the rule set of detect-secrets (Yelp), a well-kept detector made for the
job, rather than a list of our own. detect-secrets itself is not a runtime
dependency: importing it costs 0.4 s (its package imports `requests` and
every plugin and filter), about three times what a whole check of a small
project costs, and it would bring requests and four more packages into the
image. So its regex-based plugins' patterns are copied here at development
time, pinned by the `detect-secrets` version in pyproject's `test` extra, and
tests/test_token_patterns.py regenerates the module byte for byte and runs
detect-secrets' own plugins against the check on the same lines.

Left out: `IPPublicDetector` (an address is not a secret); the formats other
rules report already: private key blocks (P502) and AWS access key ids (P503);
and the patterns that recognise a credential by the name before it (AWS secret
keys, Cloudant, IBM and SoftLayer keys written as `<name> = <value>`): naming
is R004's, which reads detect-secrets' keyword list (`DENYLIST`, copied too),
and those patterns cost more than the rest of a check (0.2 s each over a
5,000-plugin project: no literal to start their search from).

Each pattern gets a gate: a regular expression that every match of the
pattern matches too, and that starts with a literal, so Python's regex engine
finds it fast. A file is searched with a pattern only where its gate matches
(a 5,000-plugin project: 0.03 s for all patterns instead of 1.7 s).
tests/test_token_patterns.py proves each gate necessary on matches that
hypothesis draws from the pattern.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.keyword import DENYLIST

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "onboard_action" / "values" / "token_patterns.py"
LEFT_OUT = {"IPPublicDetector", "PrivateKeyDetector", "IbmCosHmacDetector", "IbmCloudIamDetector"}
# (plugin, pattern index) pairs that other rules report, or that find a credential by its name.
REPORTED_ELSEWHERE = {("AWSKeyDetector", 0), ("AWSKeyDetector", 1), ("CloudantDetector", 0),
                      ("CloudantDetector", 1), ("SoftlayerDetector", 0)}
# A necessary condition of each pattern that begins with a literal; None: the pattern itself does.
GATES = {
    ("ArtifactoryDetector", 0): r"AKC", ("ArtifactoryDetector", 1): r"AP[\dABCDEF]",
    ("AzureStorageKeyDetector", 0): None, ("BasicAuthDetector", 0): None,
    ("CloudantDetector", 2): r"(?i:cloudant)", ("CloudantDetector", 3): r"(?i:cloudant)",
    ("DiscordBotTokenDetector", 0): r"\.[a-zA-Z\d_-]{6}\.", ("GitHubTokenDetector", 0): r"gh[pousr]_",
    **{("GitLabTokenDetector", i): None for i in range(7)},
    ("JwtTokenDetector", 0): None, ("MailchimpDetector", 0): r"-us[0-9]",
    ("NpmDetector", 0): r"/:_authToken=", ("OpenAIDetector", 0): r"T3BlbkFJ",
    ("PypiTokenDetector", 0): None, ("PypiTokenDetector", 1): None, ("SendGridDetector", 0): None,
    ("SlackDetector", 0): r"(?i:xox)", ("SlackDetector", 1): r"(?i:hooks\.slack\.com)",
    ("SoftlayerDetector", 1): r"(?i:softlayer)", ("SquareOAuthDetector", 0): None,
    ("StripeDetector", 0): r"k_live_", ("TelegramBotTokenDetector", 0): r":[0-9A-Za-z_-]{35}",
    ("TwilioKeyDetector", 0): None, ("TwilioKeyDetector", 1): None,
}


def render() -> str:
    made_by = f"detect-secrets {version('detect-secrets')}"
    lines = [
        f'"""Credential formats from {made_by}: generated, do not edit.',
        "",
        "Written by tools/generate_token_patterns.py (which says why they are copied);",
        "tests/test_token_patterns.py keeps them in step with detect-secrets.",
        '"""',
        "# ruff: noqa: E501  (the patterns are copied as they are)",
        "",
        "# (what it is, as detect-secrets names it; detect-secrets plugin; regular expression; re flags;",
        "#  a gate: what every match matches too, fast to search for; None when the pattern is fast itself)",
        "PATTERNS: tuple[tuple[str, str, str, int, str | None], ...] = (",
    ]
    plugins = sorted(get_mapping_from_secret_type_to_class().items())
    for secret_type, plugin in plugins:
        if not issubclass(plugin, RegexBasedDetector) or plugin.__name__ in LEFT_OUT:
            continue
        for i, pattern in enumerate(plugin().denylist):
            if (plugin.__name__, i) in REPORTED_ELSEWHERE:
                continue
            entry = (secret_type, plugin.__name__, pattern.pattern, int(pattern.flags),
                     GATES[plugin.__name__, i])
            lines.append(f"    {entry!r},")
    lines += [")", "", "# KeywordDetector's words of credential-named keys (`_?` joins two words or none).",
              "KEYWORDS: tuple[str, ...] = (", *(f"    {word!r}," for word in DENYLIST), ")", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the module is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(REPO)} is stale: run tools/generate_token_patterns.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
