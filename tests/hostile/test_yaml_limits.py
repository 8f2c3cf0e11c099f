"""YAML that costs more to read than it is worth: refused with F010 or F009, in bounded time and memory.

The limits (onboard_action/load/yamlfile.py, loader.py; README "Security"): 100
levels of nesting, 1,000,000 values per project once aliases are expanded,
16 MiB per file. Unit-level cases live in tests/test_yamlfile.py (a small
alias bomb, 300 levels) and tests/test_loader.py; here the whole action runs
as a process, with its peak memory measured.
"""

from __future__ import annotations

import pytest

from tests.hostile.conftest import PEAK_MIB, Hostile

HEADER = "version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    """The classic: each anchor holds `width` aliases of the previous one (10**10 values)."""
    lines = ["lol0: &lol0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int = 60) -> str:
    """Merge keys that double at every level: `<<: [*m, *m]`."""
    lines = ["m0: &m0 {k: v}"]
    lines += [f"m{i}: &m{i}\n  <<: [*m{i - 1}, *m{i - 1}]\n  k{i}: [*m{i - 1}, *m{i - 1}]"
              for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def assert_refused(run, code: str, file: str, says: str) -> dict:
    [finding] = [f for f in run.report["findings"] if f["file"] == file and f["code"].startswith("F")]
    assert finding["code"] == code, finding
    assert says in finding["message"], finding["message"]
    assert run.returncode == 1
    return finding


def test_alias_bomb_in_meltano_yml_is_refused_unexpanded(hostile: Hostile) -> None:
    hostile.write("meltano.yml", HEADER + billion_laughs())
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    finding = assert_refused(run, "F010", "meltano.yml", "an alias bomb?")
    assert "values, more than the 1,000,000 allowed" in finding["message"]
    assert run.peak_mib < PEAK_MIB


def test_alias_bomb_in_an_included_file_is_refused_and_the_rest_is_checked(hostile: Hostile) -> None:
    hostile.write("meltano.yml", HEADER + "include_paths:\n  - ./extract/*.meltano.yml\n")
    hostile.write("extract/bomb.meltano.yml", billion_laughs())
    hostile.write("extract/fine.meltano.yml", "jobs: []\n")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert_refused(run, "F010", "extract/bomb.meltano.yml", "an alias bomb?")
    assert run.report["files"] == ["meltano.yml", "extract/bomb.meltano.yml", "extract/fine.meltano.yml"]


def test_merge_key_bomb_is_refused(hostile: Hostile) -> None:
    hostile.write("meltano.yml", HEADER + merge_bomb())
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert_refused(run, "F010", "meltano.yml", "an alias bomb?")


def test_alias_bomb_in_the_onboarding_file_is_refused(hostile: Hostile) -> None:
    hostile.ready_project()
    hostile.write("onboarding.yml", billion_laughs())
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert_refused(run, "F010", "onboarding.yml", "an alias bomb?")


def test_ten_thousand_levels_of_nesting_are_refused_before_composing(hostile: Hostile) -> None:
    # Flow brackets, compact `- - -` items and block indentation (one space per level: 5,000
    # levels already take 12.5 MB): libyaml's recursive composer would overflow the C stack.
    flow = "x: " + "[" * 10_000 + "]" * 10_000 + "\n"
    block = "".join(" " * i + "k:\n" for i in range(5_000)) + " " * 5_000 + "v\n"  # 12.5 MB
    compact = "x:\n" + "- " * 10_000 + "v\n"
    hostile.write("meltano.yml", HEADER + "include_paths:\n  - ./deep/*.yml\n")
    for name, text in (("flow", flow), ("block", block), ("compact", compact)):
        hostile.write(f"deep/{name}.yml", text)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    for name in ("block", "compact", "flow"):
        finding = assert_refused(run, "F010", f"deep/{name}.yml", "nesting is deeper than 100 levels")
        assert finding["line"] >= 1


def test_a_million_values_in_one_file_are_refused_before_they_are_built(hostile: Hostile) -> None:
    # 8 million one-character values fit in 16 MB; composing them would take gigabytes.
    hostile.write("meltano.yml", HEADER + "x: [" + "1," * 8_000_000 + "]\n")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    finding = assert_refused(run, "F010", "meltano.yml", "holds more than 1,000,000 values")
    assert finding["line"] == 5


def test_includes_share_one_budget_of_values(hostile: Hostile) -> None:
    # Each file stays under the per-file limit; together they would not.
    part = "x: [" + "1," * 350_000 + "]\n"
    hostile.write("meltano.yml", HEADER + "include_paths:\n  - ./parts/*.yml\n")
    for index in range(4):
        hostile.write(f"parts/{index}.yml", part)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    refused = [f["file"] for f in run.report["findings"] if f["code"] == "F010"]
    assert refused == ["parts/2.yml", "parts/3.yml"]
    assert "for all the project's files together" in run.findings("F010")[0]["message"]


def test_a_50_mb_meltano_yml_is_refused_unread(hostile: Hostile) -> None:
    line = "  - name: tap-" + "x" * 40 + "\n"
    hostile.write("meltano.yml", HEADER + "plugins:\n  extractors:\n" + line * (50_000_000 // len(line)))
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    finding = assert_refused(run, "F009", "meltano.yml", "a project file may hold at most 16,777,215 bytes")
    assert finding["hint"].startswith("split it into smaller files")
    assert run.peak_mib < 100, "the file is refused from its size, never read"


def test_a_1_mb_single_line_is_read_and_located(hostile: Hostile) -> None:
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    hostile.write("meltano.yml", meltano + "project_readonly: " + "x" * 1_048_576 + "\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("P002")
    assert (finding["file"], finding["column"]) == ("meltano.yml", len("project_readonly: ") + 1)
    assert len(run.stdout) < 100_000, "the value itself is not echoed"


def test_alias_bomb_in_secrets_yml_is_refused(hostile: Hostile) -> None:
    hostile.ready_project()
    hostile.write("secrets.yml", billion_laughs())
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("K001")
    assert "an alias bomb?" in finding["message"]


def test_interleaved_double_stars_over_a_deep_chain_finish_at_once(hostile: Hostile) -> None:
    # One committed file 60 folders deep; pathlib nests a loop per `**` (60^4 paths and more).
    hostile.write("meltano.yml", HEADER + "include_paths:\n  - ./**/d*/**/d*/**/d*/**/d*/**/*.yml\n")
    hostile.write("/".join(["d"] * 60) + "/deep.yml", "jobs: []\n")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=30)
    assert run.report["files"] == ["meltano.yml", "/".join(["d"] * 60) + "/deep.yml"]


def test_patterns_that_search_too_much_are_one_finding(hostile: Hostile) -> None:
    # Thousands of patterns over a tree together pass the budget of folder entries; the
    # finding's advice (name the folders) makes the same patterns cheap.
    for index in range(100):
        hostile.write(f"venv/lib/m{index}.py", "")
    hostile.write("extract/taps.meltano.yml", "jobs: []\n")
    searching = "".join(f"  - ./**/e{index}.meltano.yml\n" for index in range(2_500))
    hostile.write("meltano.yml", HEADER + "include_paths:\n" + searching)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=60)
    [finding] = run.findings("F011")
    assert "it was not resolved, nor the" in finding["message"]
    named = "".join(f"  - ./extract/e{index}.meltano.yml\n" for index in range(2_500))
    hostile.write("meltano.yml", HEADER + "include_paths:\n" + named)
    fixed = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert fixed.findings("F011") == []


@pytest.mark.parametrize("style", ["plain", "quoted", "block"])
def test_a_hundred_thousand_references_in_one_value_cost_one_pass(hostile: Hostile, style: str) -> None:
    # Every `${VAR}` is located for the variables the project needs: once per value, not per reference.
    references = " ".join(f"${{V{index}}}" for index in range(100_000))
    value = {"plain": references, "quoted": f'"{references}"', "block": f"|\n        {references}"}[style]
    hostile.write("meltano.yml", HEADER + "env:\n  ALL: " + value + "\n")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), timeout=60)
    needed = run.report["facts"]["variables"]
    assert len(needed) == 100_000
    last = needed[-1]
    assert last["name"] == "V99999" and last["line"] == 6
    if style != "block":  # written as is: each at its own column (a block of them points at the value)
        assert last["column"] == len("  ALL: ") + (style == "quoted") + references.rindex("$") + 1
