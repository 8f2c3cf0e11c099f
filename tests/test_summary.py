"""The job summary as a reviewer sees it: rendered by a GitHub-flavoured Markdown renderer, then read.

The project is shaped like meltano/squared's schedules (16 of them, 8 starting
at 06:00 UTC every day), with names that try to break the tables or smuggle
HTML in. The summary comes from a real run of the entry point, with the
runner's variables for links; cmarkgfm (GitHub's own cmark fork) renders it
with raw HTML allowed, so anything of the project's that got through
unescaped would show up as a tag.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
from cmarkgfm.cmark import Options

from tests.helpers import action_inputs, run_action

SERVER = "https://github.com"
REPOSITORY = "abc/data-platform"
SHA = "0123456789abcdef0123456789abcdef01234567"
ACTION = "abc/meltano-onboard"
ACTION_REF = "v1.2.0"
LINKS = {"GITHUB_SHA": SHA, "GITHUB_ACTION_REPOSITORY": ACTION, "GITHUB_ACTION_REF": ACTION_REF}
HOSTILE = "x<img src=x onerror=alert(1)>|y"  # a name that opens a tag and a table cell

SQUARED_LIKE = [
    *((name, "0 6 * * *") for name in (
        "github-daily", "gitlab-daily", "slack-daily", "zoom-daily", "hubspot-daily",
        "stripe-daily", "ga4-daily", HOSTILE)),
    ("dbt-hourly", "30 * * * *"), ("dbt-docs", "10 */6 * * *"), ("weekly-report", "0 8 * * 1"),
    ("monthly-backfill", "0 2 1 * *"), ("cleanup", "45 23 * * *"), ("snapshots", "15 4 * * 1-5"),
    ("<script>alert(1)</script>", "@weekly"), ("manual-reload", "@manual"),
]
# Tags the summary itself writes; everything else would come from the project.
OURS = {"h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "a", "strong",
        "em", "br", "details", "summary", "blockquote"}


def _project(workspace: Path) -> None:
    workspace.mkdir()
    jobs = "".join(f"  - name: job-{i}\n    tasks: [tap-github target-postgres]\n"
                   for i in range(len(SQUARED_LIKE)))
    schedules = "".join(f"  - name: {json.dumps(name)}\n    interval: \"{interval}\"\n    job: job-{i}\n"
                        for i, (name, interval) in enumerate(SQUARED_LIKE))
    (workspace / "meltano.yml").write_text(
        "version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"
        "plugins:\n  extractors:\n    - name: tap-github\n      namespace: tap_github\n  loaders:\n"
        "    - name: target-postgres\n      namespace: target_postgres\n"
        f"jobs:\n{jobs}schedules:\n{schedules}", encoding="utf-8")


class _Page(HTMLParser):
    """Tags, links, and the cells of each table row."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rendered(summary: str) -> _Page:
    page = _Page()
    page.feed(cmarkgfm.github_flavored_markdown_to_html(summary, options=Options.CMARK_OPT_UNSAFE))
    return page


def test_the_summary_of_squared_like_schedules_renders_as_github_shows_it(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    _project(workspace)
    run = run_action(workspace, action_inputs(onboarding_file=""), tmp_path, env=LINKS)
    assert run.returncode == 0, run.stdout
    page = _rendered(run.summary)
    assert run.summary.startswith("## Meltano Cloud onboarding check: `data-platform`\n"), (
        "the project is the repository's root: the title names the repository, never `.`")

    assert page.tags <= OURS, f"HTML from the project got through: {page.tags - OURS}"
    for table in page.tables:
        header, *rows = table
        assert rows and all(len(row) == len(header) for row in rows), header
    findings, schedules, grid = (next(t for t in page.tables if t[0][:2] == first)
                                 for first in (["Severity", "Rule"], ["Status", "Schedule"], ["UTC", "00"]))
    assert len(schedules) == 1 + 16
    assert [row[1] for row in schedules[1:]] == [name for name, _ in SQUARED_LIKE], "names shown as written"
    assert [row[0] for row in grid[1:]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert all(row[7] == "\u2588" for row in grid[1:]), "06:00 is the busiest hour every day"

    [together] = [row for row in findings[1:] if row[1] == "S015"]
    assert together[3].startswith("8 schedules start in the same minute, at 06:00 UTC: 'github-daily'")
    docs = f"{SERVER}/{ACTION}/blob/{ACTION_REF}/docs/rules.md#s015"
    line = f"{SERVER}/{REPOSITORY}/blob/{SHA}/meltano.yml#L"
    assert docs in page.links
    assert any(link.startswith(line) for link in page.links)
    assert all(link.startswith(SERVER + "/") for link in page.links)
    statuses = [row[0] for row in schedules[1:]]
    assert statuses[:8] == ["\u26a0\ufe0f S015"] * 8 and statuses[8] == "\u2705"
    assert "<details>" in run.summary, "16 rows fold away"


def test_findings_link_to_their_rule_and_their_line_in_the_checked_commit(example, tmp_path: Path) -> None:
    workspace = example("broken-yaml")
    run = run_action(workspace, action_inputs(onboarding_file="", sarif_file="out.sarif"), tmp_path,
                     env=LINKS)
    docs = f"{SERVER}/{ACTION}/blob/{ACTION_REF}/docs/rules.md"
    assert f"| :x: error | [`F004`]({docs}#f004) | [`meltano.yml:9:6`]({SERVER}/{REPOSITORY}/blob/{SHA}/" \
           "meltano.yml#L9) |" in run.summary
    [annotation] = [c for c in run.commands if c.name == "error"]
    assert annotation.message.endswith(f"\nDocs: {docs}#f004")
    sarif = json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rule["helpUri"] == f"{docs}#{rule['id'].lower()}" for rule in rules)


def test_without_the_action_s_repository_there_is_no_docs_link_and_no_placeholder(example,
                                                                                  tmp_path: Path) -> None:
    # `uses: ./` and docker:// leave GITHUB_ACTION_REPOSITORY empty; the image has no package metadata.
    workspace = example("broken-yaml")
    run = run_action(workspace, action_inputs(onboarding_file="", sarif_file="out.sarif"), tmp_path,
                     env={"GITHUB_SHA": SHA, "GITHUB_ACTION_REPOSITORY": ""})
    assert "docs/rules.md" not in run.summary + run.stdout
    assert f"blob/{SHA}/meltano.yml#L9" in run.summary, "lines still link to the checked commit"
    sarif = json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))
    assert not any("helpUri" in rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"])


def test_a_server_url_that_is_not_a_plain_url_gives_no_links(example, tmp_path: Path) -> None:
    workspace = example("broken-yaml")
    run = run_action(workspace, action_inputs(onboarding_file=""), tmp_path,
                     env={**LINKS, "GITHUB_SERVER_URL": "https://x) [evil](javascript:alert(1)"})
    assert "](" not in run.summary.split("### Findings", 1)[1]
    assert "evil" not in run.summary


def test_every_rule_code_is_an_anchor_of_the_rules_page() -> None:
    from onboard_action.rules import load_all
    from tests.helpers import REPO

    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    page = _Page()
    page.feed(cmarkgfm.github_flavored_markdown_to_html(text))
    # GitHub anchors a heading by its text, lower-cased: `## S015` is #s015.
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert set(load_all()) <= set(headings)
    assert {f"#{code.lower()}" for code in load_all()} <= set(page.links), "the table links each entry"


def test_outside_github_actions_the_docs_are_the_rules_url_of_the_package_metadata(tmp_path: Path,
                                                                                  monkeypatch) -> None:
    from onboard_action.report import Links, rules_page_from_metadata

    # A real installed distribution's metadata, as pip writes it into site-packages.
    info = tmp_path / "meltano_onboard_fork-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: meltano-onboard-fork\nVersion: 1.0\n"
        "Project-URL: Source, https://git.example.org/fork\n"
        "Project-URL: Rules, https://git.example.org/fork/-/blob/v1.0/docs/rules.md\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert rules_page_from_metadata("meltano-onboard-fork") == "https://git.example.org/fork/-/blob/v1.0/docs/rules.md"
    assert rules_page_from_metadata("no-such-distribution") is None
    # This package names no Rules URL (no real one is known): no link, never a placeholder.
    assert Links.from_environ({}).rule("S015") is None
