"""A report keeps at most MAX_PER_RULE findings of each rule, and says how many more there were."""

from __future__ import annotations

from pathlib import Path

from onboard_action.findings import MAX_PER_RULE, Finding, Location, Severity, kept_per_rule


def finding(code: str, line: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code, severity, f"{code} at {line}", Location(Path("meltano.yml"), line), "fix it",
                   "a title")


def test_under_the_cap_nothing_changes() -> None:
    findings = [finding("P401", line) for line in (3, 1, 2)]
    assert kept_per_rule(findings, limit=3) == findings


def test_past_the_cap_the_first_by_position_are_kept_and_one_more_counts_the_rest() -> None:
    findings = [finding("P401", line) for line in (9, 2, 7, 1, 5)] + [finding("P001", 4, Severity.ERROR)]
    kept = kept_per_rule(findings, limit=2)
    assert [(f.code, f.location.line) for f in kept] == [("P001", 4), ("P401", 1), ("P401", 2), ("P401", 5)]
    rest = kept[-1]
    assert rest.message == ("3 more P401 findings from here on are not listed: a report keeps the first 2 "
                            "of each rule (5 in all)")
    assert (rest.severity, rest.title, rest.hint) == (Severity.WARNING, "a title",
                                                      "fix the P401 findings listed and run the check again")


def test_the_count_says_the_most_severe_of_those_left_out() -> None:
    findings = [finding("P401", 1), finding("P401", 2, Severity.ERROR)]
    assert kept_per_rule(findings, limit=1)[-1].severity == Severity.ERROR


def test_the_cap_is_a_thousand() -> None:
    assert MAX_PER_RULE == 1000
