"""A .env parsed from memory with python-dotenv's own parser, interpolating only from itself.

`dotenv_values()` interpolates `${VAR}` from earlier keys and then from the
process environment. Inside a GitHub runner that environment holds tokens
and paths, so a `${GITHUB_TOKEN}` in a .env would carry a runner token into
the encrypted file. We therefore run python-dotenv's parser
(`dotenv.parser.parse_stream`) and its variable expansion
(`dotenv.variables.parse_variables`) ourselves, resolving names from the
file's own earlier keys only. Everything else (quotes, escapes, `export`,
comments, multi-line values, last duplicate wins) is python-dotenv's.

Problems are recorded by line number with messages that never quote the
line: a malformed line is often a fragment of a secret.
"""

from __future__ import annotations

import io
import re

from msgspec import Struct, field

from onboard_action.records import repr_without

# What a shell and Meltano accept as a variable name.
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_NEWLINE = re.compile(r"\r\n|\n|\r")  # python-dotenv counts lines the same way


class DotenvProblem(Struct, frozen=True):
    kind: str  # unparsable | no-value | bad-name | duplicate | undefined-reference | too-large
    line: int
    message: str  # says what is wrong by line number; never quotes the line
    name: str | None = None  # only for a well-formed `NAME=value` line


class DotenvValue(Struct, frozen=True):
    name: str
    line: int  # where the value that wins is defined
    value: str  # as python-dotenv parses it, interpolated from the file only
    raw: str  # before interpolation

    __repr__ = repr_without("value", "raw")


class Dotenv(Struct):
    values: dict[str, DotenvValue]  # in python-dotenv's order: first definition's place, last value
    problems: list[DotenvProblem]
    # Text of lines that could not become a value (a secret pasted on its own
    # line, an unclosed quote...): masked like the values, never shown.
    fragments: list[str] = field(default_factory=list)

    __repr__ = repr_without("fragments")

    @property
    def errors(self) -> list[DotenvProblem]:
        return [p for p in self.problems if p.kind in FATAL]

    def secret_texts(self) -> list[str]:
        """Everything in this .env that might be secret, for masking."""
        texts = [v.value for v in self.values.values()] + [v.raw for v in self.values.values()]
        return [t for t in texts + self.fragments if t]


# Problems that stop an encryption: the file would not hold what the .env meant.
FATAL = frozenset({"unparsable", "no-value", "bad-name", "too-large"})


def parse_dotenv(text: str) -> Dotenv:
    from dotenv.parser import parse_stream
    from dotenv.variables import Variable, parse_variables

    values: dict[str, DotenvValue] = {}
    known: dict[str, str | None] = {}  # what `${NAME}` can see: earlier keys of this file only
    problems: list[DotenvProblem] = []
    fragments: list[str] = []
    for binding in parse_stream(io.StringIO(text)):
        line = _first_line(binding.original.string, binding.original.line)
        if binding.error:
            problems.append(DotenvProblem(
                "unparsable", line, f"line {line} cannot be parsed (an unclosed quote, or text "
                                    "that is not NAME=value), so python-dotenv skips it"))
            fragments.append(binding.original.string.strip())
            continue
        key, raw = binding.key, binding.value
        if key is None:
            continue  # a comment or blank lines
        if raw is None:
            problems.append(DotenvProblem(
                "no-value", line, f"line {line} has a name but no `=`, so it has no value "
                                  "(kms-ext crashes on it)"))
            fragments.append(binding.original.string.strip())
            known[key] = None
            continue
        if not NAME.match(key):
            problems.append(DotenvProblem(
                "bad-name", line, f"line {line} defines a name that is not a valid environment "
                                  "variable name"))
            fragments.extend([binding.original.string.strip(), raw])
            continue
        atoms = list(parse_variables(raw))
        if any(isinstance(a, Variable) and a.default is None and a.name not in known for a in atoms):
            problems.append(DotenvProblem(
                "undefined-reference", line,
                f"line {line} uses `${{...}}` with a name not defined earlier in this file; it "
                "expands to an empty string (the process environment is never used)", key))
        value = "".join(atom.resolve(known) for atom in atoms)
        if key in values:
            fragments.extend([values[key].value, values[key].raw])  # overridden, still secret
            problems.append(DotenvProblem(
                "duplicate", line, f"line {line} defines the same name as line {values[key].line}; "
                                   "the last value wins", key))
        known[key] = value
        values[key] = DotenvValue(key, line, value, raw)
    return Dotenv(values, problems, fragments)


def _first_line(original: str, mark_line: int) -> int:
    """The line a binding starts on: python-dotenv's mark sits before leading blank lines."""
    leading = original[: len(original) - len(original.lstrip())]
    return mark_line + len(_NEWLINE.findall(leading))


def size_problems(dotenv: Dotenv, limit: int, key_label: str) -> list[DotenvProblem]:
    """Values too large for one RSA-OAEP block of this key, by name, size and limit."""
    return [
        DotenvProblem("too-large", v.line, too_large_message(v.name, size, limit, key_label), v.name)
        for v in dotenv.values.values()
        if (size := len(v.value.encode("utf-8"))) > limit
    ]


def too_large_message(name: str, size: int, limit: int, key_label: str) -> str:
    return (f"the value of {name} is {size:,} bytes; one value can hold at most {limit:,} bytes "
            f"under {key_label}")
