"""Escaping for GitHub-flavoured Markdown: nobody escapes repository text in a summary but us."""

from __future__ import annotations

_SPECIAL = set("\\`*_{}[]()#+-.!|~>")


def text(value: object) -> str:
    """Plain text that renders as written: Markdown and HTML neutralised, one line."""
    out = []
    for char in " ".join(str(value).split()):
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
    raw = " ".join(str(value).split()).replace("|", "\u2758")  # a pipe would split a table cell
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
