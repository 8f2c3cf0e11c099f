"""`did you mean` hints: difflib's answer, for a bounded number of misses per check."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from onboard_action.values.suggest import MAX_SUGGESTIONS, Suggestions, close_match
from tests.helpers import REPO, run_cli

_names = st.text(alphabet="abct-_1", max_size=9)


@settings(max_examples=500, deadline=None)
@given(word=_names, possibilities=st.lists(_names, max_size=40))
def test_close_match_is_what_difflib_would_answer(word: str, possibilities: list[str]) -> None:
    expected = difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6)
    assert close_match(word, possibilities) == (expected[0] if expected else None)


def test_close_match_finds_the_closest_of_thousands_of_similar_names() -> None:
    names = [f"tap-source-{i}" for i in range(3000)] + [f"target-sink-{i}" for i in range(3000)]
    assert close_match("tap-sorce-1900", names) == "tap-source-1900"
    assert close_match("dbt-postgres", names) is None


def test_suggestions_stop_after_the_limit_but_repeated_names_keep_their_answer() -> None:
    made = []

    def candidates() -> list[str]:
        made.append(1)
        return ["tap-github", "tap-gitlab"]

    suggestions = Suggestions(limit=2)
    assert suggestions.closest("tap-githb", "extractors", candidates) == "tap-github"
    assert suggestions.closest("tap-gitlb", "extractors", candidates) == "tap-gitlab"
    assert suggestions.closest("tap-githb", "extractors", candidates) == "tap-github"
    assert suggestions.closest("tap-gthub", "extractors", candidates) is None  # over the limit
    assert len(made) == 1  # the candidates are listed once


def test_a_project_with_many_unknown_blocks_gets_hints_for_the_first_misses_only(tmp_path: Path) -> None:
    count = MAX_SUGGESTIONS + 5
    lines = ["version: 1", "plugins:", "  extractors:"]
    lines += [f"    - name: tap-source-{i}\n      namespace: tap_source_{i}\n      pip_url: tap-source"
              for i in range(count)]
    lines += ["  loaders:", "    - name: target-sink\n      namespace: target_sink\n      pip_url: sink",
              "jobs:"]
    lines += [f"  - name: job-{i}\n    tasks:\n      - tap-sorce-{i} target-sink" for i in range(count)]
    (tmp_path / "meltano.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("check", ".", "--format", "json", "--onboarding-file=", cwd=tmp_path)
    unknown = [f for f in json.loads(done.stdout)["findings"] if f["message"].startswith("block 'tap-sorce-")]
    assert len(unknown) == count
    hinted = [f["hint"] for f in unknown if f["hint"].startswith("did you mean")]
    assert hinted == [f"did you mean `tap-source-{i}`?" for i in range(MAX_SUGGESTIONS)]
    assert all(f["hint"] == "add the plugin, or fix the name" for f in unknown[MAX_SUGGESTIONS:])


def test_schedules_that_repeat_a_misspelt_job_all_get_its_hint(tmp_path: Path) -> None:
    # The limit counts distinct misses: a name seen before keeps its answer, however often it repeats.
    count = MAX_SUGGESTIONS + 5
    lines = ["version: 1", "jobs:", "  - name: github-to-postgres", "    tasks: [tap-github target-postgres]",
             "schedules:"]
    lines += [f"  - name: s-{i}\n    interval: '@daily'\n    job: github-to-postgre" for i in range(count)]
    (tmp_path / "meltano.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("check", ".", "--format", "json", "--onboarding-file=", cwd=tmp_path)
    hints = [f["hint"] for f in json.loads(done.stdout)["findings"] if f["code"] == "S005"]
    assert hints == ["did you mean 'github-to-postgres'?"] * count


def test_every_did_you_mean_goes_through_suggest() -> None:
    package = REPO / "onboard_action"
    imports = re.compile(r"^\s*(?:import|from) difflib\b", re.MULTILINE)
    callers = sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py")
                     if imports.search(path.read_text(encoding="utf-8")))
    # load/edits.py imports difflib for unified_diff (a fix's patch), not to match names.
    assert callers == ["load/edits.py", "values/suggest.py"]
