#!/usr/bin/env python3
"""Point action.yml at a released image by digest: the one edit a release makes (docs/release.md).

    python tools/pin_image.py --image ghcr.io/owner/meltano-onboard --digest sha256:<64 hex>

rewrites the `image:` line of action.yml's `runs:` block from

    image: Dockerfile
to
    image: docker://ghcr.io/owner/meltano-onboard@sha256:<64 hex>

as a text edit of that one line: every other byte of the file (comments, quoting, order, line
endings) stays as it was, so the release commit's diff is that line. It refuses, changing
nothing, when the image or the digest is not exactly that form, or when action.yml's `runs:`
is not the plain block it expects (`using: docker` and `image: Dockerfile`, each once).
Only the standard library: the release workflow runs it on the runner's python3.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
# A registry host, then lower-case path components as the OCI distribution spec allows them;
# no tag and no digest (the digest is given on its own).
COMPONENT = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"
IMAGE = re.compile(rf"(?P<host>[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{{2,}}(?::[0-9]+)?)"
                   rf"(?P<path>(?:/{COMPONENT})+)")
TOP_KEY = re.compile(r"^[^\s#][^:]*:")
IMAGE_LINE = re.compile(r"^(?P<indent>[ ]+)image:(?P<space>[ ]+)(?P<value>\S+?)(?P<rest>[ ]*(?:#.*)?)$")
USING_LINE = re.compile(r"^[ ]+using:[ ]+(?P<value>\S+?)[ ]*(?:#.*)?$")


class Refused(ValueError):
    """action.yml, the image or the digest is not what a release can pin."""


def reference(image: str, digest: str) -> str:
    """The `runs.image` value for `image` at `digest`, once both are checked."""
    if not DIGEST.fullmatch(digest):
        raise Refused(f"digest {digest!r}: give sha256: and 64 lower-case hex digits, as the registry "
                      "reports it (docker/build-push-action's `digest` output)")
    if image.startswith("docker://"):
        raise Refused(f"image {image!r}: give the name without docker://; it is added here")
    if image != image.lower():
        raise Refused(f"image {image!r}: registries take lower-case names only, e.g. {image.lower()!r}")
    if not IMAGE.fullmatch(image):
        raise Refused(f"image {image!r}: give a registry host and a repository, e.g. "
                      "ghcr.io/owner/meltano-onboard, without a tag or digest")
    return f"docker://{image}@{digest}"


def pin(text: str, image: str, digest: str) -> str:
    """`text` (action.yml) with `runs.image: Dockerfile` replaced by the image at `digest`."""
    value = reference(image, digest)
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"^runs:[ ]*(?:#.*)?\r?\n?$", line)]
    if len(starts) != 1:
        raise Refused("action.yml needs exactly one `runs:` block line, with its keys on the lines "
                      f"below it (found {len(starts)})")
    start = starts[0]
    end = next((i for i in range(start + 1, len(lines)) if TOP_KEY.match(lines[i])), len(lines))
    block = range(start + 1, end)
    body = [lines[i].rstrip("\r\n") for i in block]
    indents = {len(line) - len(line.lstrip(" ")) for line in body if line.strip() and
               not line.lstrip().startswith("#")}
    if len(indents) != 1:
        raise Refused("runs: must be a flat block of keys, all indented alike")
    using = [m["value"].strip("'\"") for line in body if (m := USING_LINE.match(line))]
    if using != ["docker"]:
        raise Refused(f"runs.using must be `docker` once (found {using})")
    found = [(i, m) for i in block if (m := IMAGE_LINE.match(lines[i].rstrip("\r\n")))]
    if len(found) != 1:
        raise Refused(f"runs: must hold one `image:` line (found {len(found)})")
    index, match = found[0]
    if match["value"].strip("'\"") != "Dockerfile":
        raise Refused(f"runs.image is {match['value']!r}: a release pins `image: Dockerfile` "
                      "(the main branch's action.yml), nothing else")
    ending = lines[index][len(lines[index].rstrip("\r\n")):]
    lines[index] = f"{match['indent']}image:{match['space']}{value}{match['rest']}{ending}"
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image", required=True, help="e.g. ghcr.io/owner/meltano-onboard (lower case)")
    parser.add_argument("--digest", required=True, help="sha256:<64 hex>, the pushed image's digest")
    parser.add_argument("--action", type=Path, default=Path(__file__).resolve().parent.parent / "action.yml",
                        help="the action.yml to rewrite (default: the repository's)")
    args = parser.parse_args(argv)
    try:
        raw = args.action.read_bytes()
        text = raw.decode("utf-8")
        pinned = pin(text, args.image, args.digest)
    except (Refused, UnicodeDecodeError, OSError) as exc:
        print(f"pin_image: {args.action}: {exc}; nothing changed", file=sys.stderr)
        return 2
    args.action.write_bytes(pinned.encode("utf-8"))
    print(f"{args.action}: runs.image is now {reference(args.image, args.digest)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
