# The container action. Pinned base image and dependencies make the image reproducible.
# A released action.yml does not build this file: it runs the image the release workflow built
# from it, by digest (docs/release.md). `uses: ./` and forks build it in every job.
FROM python:3.12.8-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# git answers "is .env tracked?", "does this branch exist?" and "what is origin?". Every git command
# the check runs (rev-parse, ls-files, check-ignore, remote, symbolic-ref) is built into the `git`
# binary itself, which links only libc, libpcre2-8 and zlib, all in the base image. So the image
# takes that one binary from Debian's git package (apt-get download checks it against the signed
# archive) and none of what `apt-get install git` adds: perl, git-man, curl with its TLS, LDAP and
# SSH libraries, the helpers in /usr/lib/git-core. 3.7 MB instead of about 60 MB installed; see
# docs/performance.md. `cd`: a container action must not set WORKDIR, and apt-get download writes
# into the current folder. Not version-pinned: Debian drops superseded git builds from its archive
# on every security update, and a pinned version would then break the image build.
# hadolint ignore=DL3003
RUN apt-get update \
    && cd /tmp \
    && apt-get download git \
    && dpkg-deb --extract git_*.deb /tmp/git-package \
    && install -m 0755 /tmp/git-package/usr/bin/git /usr/local/bin/git \
    && rm -rf /tmp/git-package /tmp/git_*.deb /var/lib/apt/lists/* \
    && git --version

# Bytecode for everything the action runs, compiled once here: the slim image ships its standard
# library without .pyc files, and PYTHONDONTWRITEBYTECODE keeps runs from writing any, so without
# this every run compiles each module it imports (twice as slow on a 500-plugin project; see
# docs/performance.md). --no-compile: pip would write timestamp pycs, which embed the files' install
# times; unchecked-hash pycs embed a hash of the source instead, so the same sources give the same
# bytes on every build, and an import trusts them without reading the source (checked-hash would
# read and hash it on every import: the image's files never change). Left out: what the action
# cannot or does not import (no Tk here; lib2to3, pydoc's topics, ensurepip) and pip.
COPY requirements.txt /action/requirements.txt
RUN pip install --no-cache-dir --no-compile --requirement /action/requirements.txt \
    && python -m compileall -q -j 0 --invalidation-mode unchecked-hash \
        -x '/(idlelib|tkinter|turtledemo|lib2to3|pydoc_data|ensurepip|site-packages/pip)/' \
        /usr/local/lib/python3.12

COPY entrypoint.py /action/entrypoint.py
COPY onboard_action /action/onboard_action
RUN python -m compileall -q -j 0 --invalidation-mode unchecked-hash /action/onboard_action

# The runner mounts the workspace and sets the working directory itself: no WORKDIR, no USER.
ENTRYPOINT ["/usr/local/bin/python", "/action/entrypoint.py"]
