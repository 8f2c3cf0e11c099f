"""YAML that reads as something other than what was written: duplicate keys and YAML 1.1 types.

PyYAML keeps the last of two equal keys silently; YAML 1.1 reads `on`, `no`,
`0777`, `1:20` and `null` as a boolean, a number or null, and every YAML
reader reads `2024-01-01` as a date. Each must end in a finding at the exact
place that says what the text became and how to quote it, said once (by the
schema rule that owns the place, or by Y001/Y002, never both). The golden
cases tests/cases/{P605,O004,Y001,Y002}/ hold the exact lines; here the
whole action runs.
"""

from __future__ import annotations

import pytest

from tests.hostile.conftest import Hostile

READY_TAIL = "jobs:\n  - name: github-to-postgres\n"


def project_with(hostile: Hostile, old: str, new: str) -> None:
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    assert old in meltano
    hostile.write("meltano.yml", meltano.replace(old, new, 1))


def about(run, line: int) -> list[dict]:
    return [f for f in run.report["findings"] if f["file"] == "meltano.yml" and f["line"] == line]


# --- duplicate keys ----------------------------------------------------------------

def test_duplicate_keys_are_found_at_the_second_key_in_every_file(hostile: Hostile) -> None:
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    hostile.write("meltano.yml", meltano.replace("project_id:", "default_environment: prod\nproject_id:", 1)
                  + "include_paths:\n  - ./more.meltano.yml\n")
    hostile.write("more.meltano.yml", "env:\n  A: '1'\n  B: '2'\n  A: '3'\n")
    onboarding = (hostile.workspace / "onboarding.yml").read_text()
    hostile.write("onboarding.yml", onboarding + "company: Other Inc.\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    found = {(f["code"], f["file"], f["line"]): f["message"] for f in run.report["findings"]
             if f["code"] in ("P605", "O004")}
    company_again = len(onboarding.splitlines()) + 1
    assert set(found) == {("P605", "meltano.yml", 3), ("P605", "more.meltano.yml", 4),
                          ("O004", "onboarding.yml", company_again)}
    assert "(first at line 2)" in found[("P605", "meltano.yml", 3)]
    assert "(first at line 2)" in found[("P605", "more.meltano.yml", 4)]
    assert "(first at line 2)" in found[("O004", "onboarding.yml", company_again)]


def test_merge_keys_overridden_on_purpose_are_not_duplicates(hostile: Hostile) -> None:
    project_with(hostile, "plugins:\n", "x-base: &base {variant: meltanolabs, pip_url: x}\nplugins:\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",), ignore="P001")
    assert "P605" not in run.codes()


def test_thousands_of_duplicate_keys_stay_bounded(hostile: Hostile) -> None:
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    hostile.write("meltano.yml", meltano + "env:\n" + "  A: '1'\n" * 20_000)
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    # A report keeps the first 1,000 of a rule, and one more that counts the other 18,999.
    duplicates = run.findings("P605")
    assert len(duplicates) == 1_001
    assert duplicates[-1]["message"].startswith("18,999 more P605 findings from here on are not listed")
    assert len(run.summary.encode()) <= 1024 * 1024
    assert len(run.annotations) <= 31, "at most 10 per level and the note about the rest"


# --- YAML 1.1 surprises in names: said once, with what they became -----------------------

SURPRISES = {
    # written -> what the message must say it became
    "on": "the boolean true", "off": "the boolean false",
    "yes": "the boolean true", "no": "the boolean false",
    "null": "null", "~": "null", "0777": "the number 511", "1:20": "the number 80",
}


@pytest.mark.parametrize("written", SURPRISES)
def test_a_name_that_yaml_retypes_is_one_finding_that_says_what_it_became(hostile: Hostile,
                                                                         written: str) -> None:
    project_with(hostile, "  - name: github-to-postgres\n", f"  - name: {written}\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    line = (hostile.workspace / "meltano.yml").read_text().splitlines().index(f"  - name: {written}") + 1
    [finding] = about(run, line)
    assert finding["code"] == "P201"
    assert finding["message"] == (f"`jobs[0].name` is written `{written}`, which YAML reads as "
                                  f"{SURPRISES[written]}, not a string")
    assert finding["hint"] == f'quote it: "{written}"'
    assert finding["column"] == len("  - name: ") + 1


def test_list_items_say_what_they_became_too(hostile: Hostile) -> None:
    project_with(hostile, "      - tap-github target-postgres\n",
                 "      - tap-github target-postgres\n      - off\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    [finding] = [f for f in run.findings("P201")]
    assert finding["message"] == ("`jobs['github-to-postgres'].tasks[1]` is written `off`, which YAML reads "
                                  "as the boolean false, not a string")


def test_a_date_as_a_name_is_one_finding(hostile: Hostile) -> None:
    project_with(hostile, "  - name: github-to-postgres\n", "  - name: 2024-01-01\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    line = (hostile.workspace / "meltano.yml").read_text().splitlines().index("  - name: 2024-01-01") + 1
    [finding] = about(run, line)
    assert (finding["code"], finding["hint"]) == ("Y002", "quote it: '2024-01-01'")
    assert "is a date to YAML: Meltano reads a date here" in finding["message"]


def test_a_key_that_yaml_retypes_is_one_finding(hostile: Hostile) -> None:
    project_with(hostile, "        database: warehouse\n", "        database: warehouse\n        on: x\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    line = (hostile.workspace / "meltano.yml").read_text().splitlines().index("        on: x") + 1
    [finding] = about(run, line)
    assert finding["code"] == "Y001"
    assert finding["message"].startswith("key `on` is a boolean to YAML 1.1 readers")


def test_surprises_in_the_onboarding_file(hostile: Hostile) -> None:
    hostile.ready_project()
    onboarding = (hostile.workspace / "onboarding.yml").read_text()
    assert "branch: main" in onboarding and "role: owner" in onboarding
    hostile.write("onboarding.yml", onboarding.replace("branch: main", "branch: 2024-01-01")
                  .replace("role: owner", "role: yes"))
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    messages = {f["code"]: f["message"] for f in run.report["findings"] if f["file"] == "onboarding.yml"}
    assert "`2024-01-01` is a date to YAML" in messages["Y002"]
    assert len([f for f in run.report["findings"] if "`yes`" in f["message"]]) == 1, "said once"
    assert messages["O005"] == ("`users['Jane Doe'].role` is written `yes`, which YAML reads as the "
                                "boolean true, not a string")
