"""Escaping for GitHub-flavoured Markdown: nobody escapes repository text in a summary but us."""

from __future__ import annotations

import re

from onboard_action.runner import display_safe

_SPECIAL = set("\\`*_{}[]()#+-.!|~>")
# A code span as CommonMark reads one: a run of backticks closed by a run of the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
# What a link target may hold: our URLs are percent-encoded, so anything else means a bug or a trick.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+")


# A URL as GitHub autolinks one in text (`www.` too), without the punctuation that ends a sentence.
_AUTOLINK = re.compile(r"(?:https?://|www\.)[^\s<]*[^\s<.,:;!?'\")\]*_~]", re.IGNORECASE)


def text(value: object) -> str:
    """Plain text that renders as written: Markdown and HTML neutralised, one line."""
    return _plain(" ".join(display_safe(str(value)).split()))


def rich(value: object) -> str:
    """A message with `code` in backticks: the spans render as code, the rest as plain text.

    Whatever the message quotes from the repository, each piece goes through
    `text` or `code`, so no table cell breaks and no HTML gets through.
    """
    line = " ".join(display_safe(str(value)).split())
    out, at = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_plain(line[at:match.start()]))
        out.append(code(match.group(2)))
        at = match.end()
    out.append(_plain(line[at:]))
    return "".join(out)


def _plain(line: str) -> str:
    """`_escaped`, with each URL as code: GitHub autolinks a URL, and `\\.` inside one breaks it."""
    if "://" not in line and "www." not in line.lower():
        return _escaped(line)
    out, at = [], 0
    for match in _AUTOLINK.finditer(line):
        out.append(_escaped(line[at:match.start()]))
        out.append(code(match.group(0)))
        at = match.end()
    out.append(_escaped(line[at:]))
    return "".join(out)


def link(label: str, url: str | None) -> str:
    """`label` (Markdown already) linked to `url`; the label alone when there is no usable URL."""
    if not url or not _URL.fullmatch(url):
        return label
    return f"[{label}]({url})"


def _escaped(line: str) -> str:
    out = []
    for char in line:
        if char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "&":
            out.append("&amp;")
        elif char in _SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def code(value: object) -> str:
    """Inline code that holds any text: a fence longer than any backtick run inside."""
    raw = " ".join(display_safe(str(value)).split()).replace("|", "\u2758")  # a pipe would split a table cell
    longest = run = 0
    for char in raw:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if raw.startswith("`") or raw.endswith("`") or not raw else ""
    return f"{fence}{pad}{raw}{pad}{fence}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A table from cells that are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def details(summary: str, body: str) -> str:
    """`body` (Markdown) folded under a summary line (plain text, escaped here)."""
    return f"<details><summary>{text(summary)}</summary>\n\n{body}\n</details>\n"
