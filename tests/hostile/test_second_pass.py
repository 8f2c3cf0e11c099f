"""The second hostile pass (issue 15): what an attacker who writes a pull request's files tried next.

One section per defect the pass found; each case failed before its fix.
tests/hostile/test_git_commands.py (git running the repository's commands)
and test_long_numbers.py (integers Python cannot read) hold the first two.
"""

from __future__ import annotations

import json
import os
import re

from tests import rsa_keys
from tests.hostile.conftest import Hostile, only_usage_error

NOT_UTF8 = b"\xff\xfe.meltano.yml".decode("utf-8", "surrogateescape")


def include_all(hostile: Hostile) -> None:
    """The ready project, including every `*.meltano.yml` beside meltano.yml."""
    hostile.ready_project()
    meltano = hostile.workspace / "meltano.yml"
    meltano.write_text(meltano.read_text(encoding="utf-8").replace(
        "send_anonymous_usage_stats: false\n",
        "send_anonymous_usage_stats: false\ninclude_paths: ['./*.meltano.yml']\n"), encoding="utf-8")


# --- 3. a file name that is not UTF-8, in SARIF --------------------------------------------

def test_sarif_names_a_file_that_is_not_utf8_by_its_bytes(hostile: Hostile) -> None:
    include_all(hostile)
    hostile.write(NOT_UTF8, "env:\n  A: x\n  A: y\n")
    run = hostile.action(onboarding_file="", sarif_file="r.sarif", outputs=("r.sarif",))
    assert run.returncode == 1, run.stdout + run.stderr
    sarif = json.loads((hostile.workspace / "r.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert "%FF%FE.meltano.yml" in uris
    run = hostile.cli("check", "--onboarding-file", "", "--format", "sarif")
    assert run.returncode == 1 and "%FF%FE.meltano.yml" in run.stdout


# --- 4. include globs with interleaved `**` --------------------------------------------------

def deep_chain(hostile: Hostile, pattern: str, depth: int = 60) -> None:
    """One committed file at the end of `depth` nested folders, and a pattern over them."""
    hostile.write("meltano.yml", "version: 1\ndefault_environment: sandbox\nenvironments:\n"
                                 f"  - name: sandbox\ninclude_paths:\n  - {pattern}\n")
    hostile.write("/".join(["d"] * depth) + "/jobs.meltano.yml", "env:\n  DEEP: found\n")


def test_interleaved_double_stars_over_a_deep_chain_are_one_walk(hostile: Hostile) -> None:
    # pathlib took 35 s for three groups on Python 3.12, and each group multiplies that by the depth.
    deep_chain(hostile, "./**/d*/**/d*/**/d*/**/d*/**/d*/**/*.meltano.yml")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=20)
    assert run.report["files"][-1].endswith("/d/jobs.meltano.yml"), run.report["files"]
    assert "F011" not in run.codes()


def test_a_walk_past_the_cap_is_a_finding(hostile: Hostile) -> None:
    deep_chain(hostile, "./**/../**/../**/../**/../*.meltano.yml")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=20)
    [finding] = run.findings("F011")
    assert (finding["file"], finding["line"], finding["severity"]) == ("meltano.yml", 6, "error")
    assert "more than 100,000 folder entries" in finding["message"]


# --- 5. many `${VAR}` in one scalar ----------------------------------------------------------

def test_forty_thousand_references_in_one_value_are_placed_in_linear_time(hostile: Hostile) -> None:
    # `${NAME:-default}` is a finding (P401) at each reference: every one is placed.
    count = 40_000
    lines = "\n".join("    " + " ".join(f"${{V{i}:-x}}" for i in range(j, j + 10))
                      for j in range(0, count, 10))
    hostile.write("meltano.yml", "version: 1\ndefault_environment: sandbox\nenvironments:\n"
                                 f"  - name: sandbox\nenv:\n  A: |\n{lines}\n")
    # Before: a search of the whole value for each reference, 13 s for 20,000 and 4x that for twice as many.
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=30)
    placed = [f for f in run.report["findings"] if f["code"] == "P401" and "${" in f["message"]]
    assert len(placed) == 1000  # the report keeps the first thousand of a rule (see the Bounds below)
    rows = lines.split("\n")
    written = {f"V{i}": (7 + i // 10, rows[i // 10].index(f"${{V{i}:") + 1) for i in range(count)}
    for finding in placed:
        name = re.search(r"\$\{(V\d+)", finding["message"]).group(1)
        assert (finding["line"], finding["column"]) == written[name], finding


# --- 6. no forged workflow command in the text, JSON or SARIF output ------------------------

def test_no_format_prints_a_workflow_command_from_repository_text(hostile: Hostile) -> None:
    # The pre-commit hook runs `--format text` inside GitHub Actions, so its output is a job's log.
    include_all(hostile)
    hostile.write("::error file=meltano.yml::forged.meltano.yml", "env:\n  A: x\n  A: y\n")
    hostile.write("x\n::warning::also forged\r::notice::x.meltano.yml", "env:\n  B: x\n  B: y\n")
    hostile.write("more.meltano.yml",
                  "'##[error]legacy': 1\nplugins:\n  extractors:\n    - name: '##[group]x'\n")
    for fmt in ("text", "full", "json", "sarif", "gitlab", "markdown"):
        run = hostile.cli("check", "--onboarding-file", "", "--format", fmt)
        assert run.returncode == 1, run.stdout + run.stderr
        assert run.commands == [], (fmt, run.commands)
        assert "forged" in run.stdout, fmt
    text = hostile.cli("check", "--onboarding-file", "", "--format", "text").stdout
    assert "./::error file=meltano.yml::forged.meltano.yml:3:3: error:" in text
    assert "x\\n::warning::also forged\\r::notice::x.meltano.yml:3:3" in text
    report = json.loads(hostile.cli("check", "--onboarding-file", "", "--format", "json").stdout)
    assert any("##[error]legacy" in f["message"] for f in report["findings"]), "JSON still holds the text"


# --- 7. untrusted strings in messages are quoted or escaped ------------------------------------

def test_encrypt_quotes_the_paths_it_names(hostile: Hostile) -> None:
    hostile.write(".env", "A=1\n")
    run = hostile.cli("encrypt", "key\n::error::forged.pem")
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "PUBLIC_KEY 'key\\n::error::forged.pem' does not exist" in run.stderr
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    hostile.write("file\n::error::x", "a file, not a folder")
    run = hostile.cli("encrypt", "org.pem", "--output-path", "file\n::error::x/secrets.yml")
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "cannot write 'file\\n::error::x/secrets.yml'" in run.stderr


def test_a_usage_error_is_one_line_whatever_it_quotes(hostile: Hostile) -> None:
    hostile.ready_project()
    run = hostile.action(public_key_file="no\nsuch\r.pem", dotenv="A=1\n")
    message = only_usage_error(run)
    assert "no\\nsuch\\r.pem" in message


# --- 8. URLs in the summary and the packet -----------------------------------------------------

def test_urls_in_the_summary_and_the_packet_render_as_written(hostile: Hostile) -> None:
    import cmarkgfm

    hostile.ready_project()
    onboarding = hostile.workspace / "onboarding.yml"
    written = onboarding.read_text(encoding="utf-8").replace(
        "company: ABC Company Inc.", "company: 'ABC (see https://abc-data.example/about-us.html)'")
    onboarding.write_text(written, encoding="utf-8")
    run = hostile.action(packet_file="packet.md", outputs=("packet.md",))
    packet = (hostile.workspace / "packet.md").read_text(encoding="utf-8")
    for markdown in (run.summary, packet):
        html = cmarkgfm.github_flavored_markdown_to_html(markdown)
        assert "<code>https://abc-data.example/about-us.html</code>" in html, html
        assert "abc-data\\.example" not in html and "about\\-us" not in html


# --- 9. a FIFO where a file is read ------------------------------------------------------------

def fifo(hostile: Hostile, name: str) -> None:
    path = hostile.workspace / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def test_a_fifo_as_gitignore_or_lock_file_is_not_read(hostile: Hostile) -> None:
    from tests.gitcase import make_repository

    hostile.ready_project()
    make_repository(hostile.workspace)
    (hostile.workspace / ".gitignore").unlink(missing_ok=True)
    fifo(hostile, ".gitignore")
    lock = hostile.workspace / "plugins" / "loaders" / "target-postgres--meltanolabs.lock"
    lock.unlink()
    fifo(hostile, "plugins/loaders/target-postgres--meltanolabs.lock")
    # Before: each git call waited its 30 s timeout on the FIFO, the lock file forever.
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=15)
    assert run.returncode == 1
    [lock_finding] = run.findings("P107")  # a FIFO is not a lock file: it is missing
    assert "target-postgres--meltanolabs.lock is missing" in lock_finding["message"]


def test_a_fifo_as_a_key_or_dotenv_or_configuration_file_is_refused(hostile: Hostile) -> None:
    hostile.ready_project()
    fifo(hostile, "org.pem")
    run = hostile.action(public_key_file="org.pem", dotenv="A=1\n", timeout=15)
    assert "not a regular file" in only_usage_error(run)
    hostile.write("key.pem", rsa_keys.public_pem(2048))
    fifo(hostile, "fifo.env")
    run = hostile.cli("encrypt", "key.pem", "--dotenv-path", "fifo.env", stdin=b"")
    assert run.returncode == 2 and "not a regular file" in run.stderr, run.stderr
    fifo(hostile, ".meltano-onboard.toml")  # not a file, so not a configuration file: never opened
    run = hostile.cli("check", "--onboarding-file", "")
    assert run.returncode == 0, run.stdout + run.stderr


# --- 10. a secret value that is not UTF-8 ------------------------------------------------------

def test_a_secret_value_that_is_not_utf8_is_refused_by_name(hostile: Hostile) -> None:
    hostile.ready_project()
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    # An input with bytes that are not UTF-8 reaches Python as lone surrogates; JSON can spell one.
    run = hostile.action(public_key_file="org.pem", dotenv="POSTGRES_PASSWORD=canary-\udcff-value\n")
    message = only_usage_error(run)
    assert "POSTGRES_PASSWORD (from dotenv): the value is not UTF-8 text" in message
    assert not [line for line in run.stdout.splitlines() if "canary" in line and "::add-mask::" not in line]
    run = hostile.action(public_key_file="org.pem", secrets='{"POSTGRES_PASSWORD": "canary-\\ud800-json"}',
                         secrets_include="POSTGRES_*")
    message = only_usage_error(run)
    assert "POSTGRES_PASSWORD (from secrets): the value is not UTF-8 text" in message
    assert not (hostile.workspace / "secrets.yml").exists()


# --- 11. a key written twice in the `secrets` JSON ---------------------------------------------

def test_every_value_of_a_duplicated_secrets_key_is_masked_and_the_duplicate_warned(hostile: Hostile) -> None:
    hostile.ready_project()
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    secrets = ('{"POSTGRES_PASSWORD": "canary-dropped-Qx7", "POSTGRES_PASSWORD": "canary-kept-Zp3", '
               '"OTHER": {"A": "canary-nested-Wd1", "A": "canary-nested-kept-Vb9"}}')
    run = hostile.action(public_key_file="org.pem", secrets=secrets, secrets_include="POSTGRES_*",
                         outputs=("secrets.yml",))
    masked = {c.message for c in run.commands if c.name == "add-mask"}
    assert {"canary-dropped-Qx7", "canary-kept-Zp3", "canary-nested-Wd1", "canary-nested-kept-Vb9"} <= masked
    [warning] = [c for c in run.annotations if "more than once" in c.message]
    assert "`A`, `POSTGRES_PASSWORD`" in warning.message and "canary" not in warning.message
    printed = [line for line in run.stdout.splitlines() if "::add-mask::" not in line]
    assert not [line for line in printed if "canary" in line]


# --- 12. git's output read as bytes ------------------------------------------------------------

def test_a_tracked_name_with_a_carriage_return_is_the_name_git_tracks(hostile: Hostile) -> None:
    from tests.gitcase import make_repository

    hostile.ready_project()
    hostile.write("load/more\r.meltano.yml", "plugins:\n  loaders:\n    - name: target-jsonl\n")
    make_repository(hostile.workspace)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    # Read as text, git's answer named `load/more\n.meltano.yml`, which is no file: no finding.
    [orphan] = run.findings("R001")
    assert orphan["file"] == "load/more\r.meltano.yml"


# --- 13. path outputs: the path as given, never through a link ---------------------------------

def test_an_output_path_through_a_linked_folder_is_refused(hostile: Hostile) -> None:
    hostile.ready_project()
    (hostile.workspace / "$(touch${IFS}pwned)").mkdir()
    (hostile.workspace / "reports").symlink_to("$(touch${IFS}pwned)")
    for name in ("report_file", "sarif_file", "packet_file"):
        run = hostile.action(**{name: "reports/out.json"})
        message = only_usage_error(run)
        assert "passes through the symbolic link 'reports'" in message, message
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    run = hostile.action(public_key_file="org.pem", dotenv="A=1\n", secrets_output="reports/../reports/s.yml")
    assert "passes through the symbolic link 'reports'" in only_usage_error(run)


def test_a_path_output_is_the_path_as_given_normalised(hostile: Hostile) -> None:
    hostile.ready_project()
    (hostile.workspace / "out").mkdir()
    run = hostile.action(onboarding_file="", report_file="./out/../out//r.json", outputs=("out/r.json",))
    assert run.outputs["report-file"] == "out/r.json"


# --- 14. outputs never replace what the check reads, each other, or .git -----------------------

def test_an_output_on_a_file_the_check_reads_or_on_another_output_is_refused(hostile: Hostile) -> None:
    include_all(hostile)
    hostile.write("extra.meltano.yml", "env:\n  A: x\n")
    hostile.write(".env", "A=1\n")
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    hostile.write(".git/config", "[core]\n")
    cases = [({"report_file": "meltano.yml"}, "report-file 'meltano.yml' is meltano.yml"),
             ({"sarif_file": "./extra.meltano.yml"}, "sarif-file 'extra.meltano.yml' is extra.meltano.yml"),
             ({"packet_file": ".env"}, "packet-file '.env' is .env"),
             ({"report_file": "onboarding.yml"}, "is the onboarding file"),
             ({"report_file": "secrets.yml"}, "report-file 'secrets.yml' is secrets.yml"),
             ({"report_file": "r.json", "sarif_file": "r.json"},
              "report-file and sarif-file are the same file"),
             ({"report_file": ".git/hooks/r.json"}, "is inside a `.git` folder"),
             ({"sarif_file": "plugins/extractors/tap-x--acme.lock"},
              "sarif-file 'plugins/extractors/tap-x--acme.lock' is a plugin's lock file, which Meltano "
              "reads"),
             ({"public_key_file": "org.pem", "dotenv": "A=1\n", "secrets_output": "meltano.yml"},
              "secrets-output 'meltano.yml' is meltano.yml"),
             ({"public_key_file": "org.pem", "dotenv": "A=1\n", "secrets_output": "org.pem"},
              "secrets-output 'org.pem' is a file the check reads"),
             ({"public_key_file": "org.pem", "dotenv": "A=1\n", "report_file": "out.json",
               "secrets_output": "out.json"}, "report-file and secrets-output are the same file")]
    for given, says in cases:
        message = only_usage_error(hostile.action(**given))
        assert says in message, (given, message)
    run = hostile.cli("check", "--onboarding-file", "", "--report-file", "extra.meltano.yml")
    assert run.returncode == 2 and "--report-file 'extra.meltano.yml' is extra.meltano.yml" in run.stderr


def test_the_secrets_output_may_be_secrets_yml(hostile: Hostile) -> None:
    hostile.ready_project()
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    run = hostile.action(public_key_file="org.pem", dotenv="POSTGRES_PASSWORD=x\n",
                         secrets_output="secrets.yml", outputs=("secrets.yml",))
    assert run.returncode in (0, 1), run.stdout
    assert run.outputs["secrets-file"] == "secrets.yml"


# --- 15. display hazards shown escaped --------------------------------------------------------

def test_terminal_escapes_bidi_controls_and_zero_width_characters_are_shown_escaped(hostile: Hostile) -> None:
    include_all(hostile)
    hidden = "\x1b[2J\x1b[31mred\u202etxt.exe\u200bzw\u2066x\u2069"
    hostile.write("more.meltano.yml", json.dumps({hidden: 1}) + "\n")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    [unknown] = [c for c in run.annotations if "unknown key" in c.message]
    shown = "\\x1b[2J\\x1b[31mred\\u202etxt.exe\\u200bzw\\u2066x\\u2069"
    assert shown in unknown.message
    assert not {"\x1b", "\u202e", "\u200b", "\u2066"} & set(run.stdout + run.summary)
    assert f"`{shown}`" in run.summary  # a code span in the findings table, as the message quotes it
    # The report keeps the text as written: it is data, for programs.
    assert any(hidden in f["message"] for f in run.report["findings"])
    text = hostile.cli("check", "--onboarding-file", "", "--format", "text").stdout
    assert shown in text and "\x1b" not in text, "the pre-commit hook's text format too"


# --- Bounds: the findings kept per rule ---------------------------------------------------------

def test_a_hundred_thousand_findings_are_a_thousand_and_one_that_counts_the_rest(hostile: Hostile) -> None:
    count = 100_000
    hostile.write("meltano.yml", "version: 1\ndefault_environment: sandbox\nenvironments:\n"
                                 "  - name: sandbox\nenv:\n"
                                 + "".join(f'  K{i}: "${{V{i}:-x}}"\n' for i in range(count)))
    run = hostile.action(onboarding_file="", report_file="r.json", sarif_file="r.sarif",
                         outputs=("r.json", "r.sarif"), timeout=60)
    findings = run.findings("P401")
    assert len(findings) == 1001
    *listed, rest = findings
    assert [f["line"] for f in listed] == list(range(6, 1006))
    assert rest["line"] == 1006 and rest["severity"] == "warning"
    assert rest["message"].startswith("99,000 more P401 findings from here on are not listed")
    assert run.outputs["warning-count"] == "1001"
    assert run.peak_mib < 250, run.peak_mib
