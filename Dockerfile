# The container action. Pinned base image and dependencies make the image reproducible.
FROM python:3.12.8-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# git answers "is .env tracked?", "does this branch exist?" and "what is origin?".
# Not version-pinned: Debian drops superseded git builds from its archive on every
# security update, and a pinned version would then break the image build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt /action/requirements.txt
RUN pip install --no-cache-dir --requirement /action/requirements.txt

COPY entrypoint.py /action/entrypoint.py
COPY onboard_action /action/onboard_action
# PYTHONDONTWRITEBYTECODE keeps runs from writing bytecode, so compile it once here; otherwise every
# run compiles the whole package from source first. Hash-based: the same bytes on every build.
RUN python -m compileall -q --invalidation-mode unchecked-hash /action/onboard_action

# The runner mounts the workspace and sets the working directory itself: no WORKDIR, no USER.
ENTRYPOINT ["/usr/local/bin/python", "/action/entrypoint.py"]
