# The container action. Pinned base image and dependencies make the image reproducible.
# Both stages start from the same base: the git binary copied below links against that
# base's own libraries (libc6, zlib1g, libpcre2-8-0: all present in it; benchmarks/image_size.py).
FROM python:3.12.8-slim-bookworm AS git

# Debian's git pulls perl and 95 MiB along; only its binary is kept (next stage).
# Not version-pinned: Debian drops superseded git builds from its archive on every
# security update, and a pinned version would then break the image build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*

FROM python:3.12.8-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# git answers "is .env tracked?", "does this branch exist?" and "what is origin?". Every
# command the check runs (load/git.py) is built into the one binary: nothing from
# /usr/lib/git-core or /usr/share/git-core is needed (tests/test_lone_git.py runs them so).
# Its licence goes with it. `git --version` fails the build if a library is missing.
COPY --from=git /usr/bin/git /usr/bin/git
COPY --from=git /usr/share/doc/git/copyright /usr/share/doc/git/copyright
RUN git --version

COPY requirements.txt /action/requirements.txt
# --no-compile: the compileall step below writes their bytecode once, in its own layer.
RUN pip install --no-cache-dir --no-compile --requirement /action/requirements.txt

COPY entrypoint.py /action/entrypoint.py
COPY onboard_action /action/onboard_action
# The slim images delete the standard library's bytecode and PYTHONDONTWRITEBYTECODE keeps runs
# from writing any, so every run would compile each module it imports from source first (about 120
# of the stdlib alone; benchmarks/image_layout.py). Compile the stdlib, the dependencies and the
# package once, here. Hash-based: the same bytes on every build, and no source check at import.
# Left out: pip and the stdlib parts a check can never import (saves their share of the layer).
RUN python -m compileall -q -f -j 0 --invalidation-mode unchecked-hash \
        -x '/(site-packages/pip|idlelib|tkinter|turtledemo|lib2to3|ensurepip|pydoc_data)/' \
        /usr/local/lib/python3.12 /action
# The runner mounts the workspace and sets the working directory itself: no WORKDIR, no USER.
ENTRYPOINT ["/usr/local/bin/python", "/action/entrypoint.py"]
