"""Rule docs: generated from the registry, complete for every rule, and linked from where users look."""

from __future__ import annotations

import re
from pathlib import Path

from onboard_action.reporters.rule_docs import NO_EXAMPLE, rules_markdown
from onboard_action.rules import load_all
from tests.helpers import REPO, run_action, run_cli

RULES_MD = REPO / "docs" / "rules.md"
REGENERATE = "regenerate it: .venv/bin/meltano-onboard rules --format markdown > docs/rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == rules_markdown(load_all()), (
        f"docs/rules.md is stale; {REGENERATE}")


def test_the_rules_command_prints_the_same_docs() -> None:
    done = run_cli("rules", "--format", "markdown", cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout == RULES_MD.read_text(encoding="utf-8")


def test_every_rule_says_why_it_matters() -> None:
    short = [f"{code} ({rule.name})" for code, rule in load_all().items() if len(rule.why.split()) < 8]
    assert not short, "rules whose `why` is empty or under 8 words: " + ", ".join(short)


def test_every_rule_has_an_example_that_fires_it_and_the_fix() -> None:
    """`bad` and `good` are required, except for the few rules docs.NO_EXAMPLE explains."""
    missing = []
    for code, rule in load_all().items():
        lacking = [name for name in ("bad", "good") if not getattr(rule, name).strip()]
        if lacking and code not in NO_EXAMPLE:
            missing.append(f"{code} ({rule.name}): no {' and no '.join(lacking)}")
        if not lacking and rule.bad == rule.good:
            missing.append(f"{code} ({rule.name}): `good` is the same as `bad`")
    assert not missing, ("rules without both examples (give `bad` and `good` to rule(...), or, when no "
                         "YAML can show it, explain why in docs.NO_EXAMPLE):\n" + "\n".join(missing))


def test_no_example_entries_are_for_existing_rules_that_lack_examples() -> None:
    rules = load_all()
    stale = [code for code in NO_EXAMPLE if code not in rules or rules[code].bad or rules[code].good]
    assert not stale, f"docs.NO_EXAMPLE lists rules that do not exist or have examples: {stale}"


def test_each_rule_has_an_entry_and_a_table_row() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    for code, rule in load_all().items():
        assert f"\n## {code}\n" in text
        assert f"| [{code}](#{code.lower()}) | {rule.severity.label} | {rule.name} |" in text


def test_codes_are_stable_shapes_and_names_unique() -> None:
    rules = load_all()
    bad_codes = [code for code in rules if not re.fullmatch(r"[A-Z][0-9]{3}", code)]
    assert not bad_codes, f"codes must be a capital letter and three digits: {bad_codes}"
    names = [rule.name for rule in rules.values()]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"rule names used twice: {duplicates}"
    not_kebab = [r.code for r in rules.values() if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name)]
    assert not not_kebab, f"rule names must be kebab-case: {not_kebab}"


def test_readme_links_the_rule_docs_and_explains_inline_ignores() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/rules.md)" in readme
    assert "# meltano-onboard: ignore[" in readme
    assert "# meltano-onboard: ignore[" in RULES_MD.read_text(encoding="utf-8")


def test_every_annotation_title_starts_with_its_rule_code(example, tmp_path: Path) -> None:
    run = run_action(example("broken-includes"), {"fail-on": "never"}, tmp_path)
    rules = load_all()
    annotations = [c for c in run.commands if c.name in ("error", "warning", "notice")]
    assert annotations
    for command in annotations:
        code, _, title = command.properties["title"].partition(" ")
        assert code in rules, command.properties
        assert title == rules[code].title

