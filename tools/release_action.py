#!/usr/bin/env python3
"""Point action.yml at a pushed image by digest, for a release commit.

    python tools/release_action.py --image ghcr.io/owner/meltano-onboard --digest sha256:<64 hex> [action.yml]

Rewrites the one `image: Dockerfile` line under `runs:` to
`image: docker://IMAGE@DIGEST` and leaves every other byte of the file as it
was, so a user's job pulls the released image instead of building it. The
release workflow (.github/workflows/release.yml) runs it; the Dockerfile stays
for building and for forks. Refuses anything that is not a lowercase registry
path and a sha256 digest, and a file whose `runs.image` is not `Dockerfile`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

IMAGE = re.compile(r"[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+")
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
LINE = re.compile(r"^(  image: )Dockerfile[ \t]*$", re.MULTILINE)


def rewrite(text: str, image: str, digest: str) -> str:
    if not IMAGE.fullmatch(image):
        raise ValueError(f"not an image name (lowercase registry/path, no tag): {image!r}")
    if not DIGEST.fullmatch(digest):
        raise ValueError(f"not a sha256 digest: {digest!r}")
    runs = text.find("\nruns:\n")
    if runs < 0 or len(LINE.findall(text[runs:])) != 1:
        raise ValueError("expected exactly one `  image: Dockerfile` line under `runs:`")
    return text[:runs] + LINE.sub(lambda m: f"{m.group(1)}docker://{image}@{digest}", text[runs:], count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image", required=True)
    parser.add_argument("--digest", required=True)
    parser.add_argument("action", nargs="?", type=Path, default=Path("action.yml"))
    args = parser.parse_args(argv)
    try:
        text = rewrite(args.action.read_text(encoding="utf-8"), args.image, args.digest)
    except (OSError, ValueError) as exc:
        print(f"release_action: {exc}", file=sys.stderr)
        return 2
    args.action.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
