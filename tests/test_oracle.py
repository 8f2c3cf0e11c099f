"""Meltano itself as the oracle (issue 17).

Our verdicts claim to say what Meltano will do with a project; these tests hold them against the
real thing, as a compiler is tested against a reference implementation. For every variant under
`tests/oracle/` (a project folder and a `why` file saying what it probes), the pinned `meltano`
runs its own commands on a copy (`compile --lint`, `schedule list`, `job list`, `config list` of
each scheduled plugin, a dry run of each scheduled job: `tests/oracle_driver.py`), and
`meltano-onboard check` runs on another copy. The rule:

    the check reports an error  <=>  one of Meltano's commands fails

except where `tests/oracle/stricter.toml` says otherwise, with a reason:

- `[stricter.<variant>]`: the check is deliberately stricter than Meltano, because Meltano Cloud
  is (the 15-minute cap, a deployment needs a schedule) or because Meltano silently keeps what is
  a bug waiting to happen (duplicate names, a cron that loads but never runs). The entry lists the
  error codes the check must report there, so a new, unrelated error cannot hide behind it.
- `[known_bugs.<variant>]`: an open bug of the check, with its issue. The test is expected to fail
  (strict xfail): when the bug is fixed it passes, which fails the suite until the entry goes.

What Meltano said is kept next to each variant in `meltano.out` (regenerate with
`MELTANO_ONBOARD_ORACLE_UPDATE=1`), and the run ends with the agreement count and every
deliberate disagreement. Run only these tests with `pytest -m oracle`; skip them with
`-m "not oracle"`. The first run installs Meltano (~40 s) and runs it on every variant (a few
minutes on 2 cores); later runs reuse both from the cache (see `tests/oracle_support.py`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from tests.oracle_support import (
    EXPECTATIONS,
    MELTANO_PIN,
    CheckVerdict,
    MeltanoVerdict,
    OracleRun,
    check_verdicts,
    expectations,
    meltano_verdicts,
    variants,
)

pytestmark = pytest.mark.oracle

CORPUS = variants()
EXPECTED = expectations()
STRICTER = EXPECTED["stricter"]
KNOWN_BUGS = EXPECTED["known_bugs"]
UPDATE = os.environ.get("MELTANO_ONBOARD_ORACLE_UPDATE") == "1"
TOML = EXPECTATIONS.relative_to(EXPECTATIONS.parents[2]).as_posix()


@dataclass
class Oracle:
    checks: dict[str, CheckVerdict]
    meltano: OracleRun


@pytest.fixture(scope="module")
def oracle(tmp_path_factory, request) -> Oracle:
    scratch = tmp_path_factory.mktemp("oracle")
    result = Oracle(check_verdicts(CORPUS, scratch), meltano_verdicts(CORPUS, scratch))
    request.config.pluginmanager.register(Summary(result), "meltano-onboard-oracle-summary")
    return result


def _param(variant):
    bug = KNOWN_BUGS.get(variant.name)
    marks = []
    if bug:
        marks.append(pytest.mark.xfail(strict=True, reason=(
            f"known bug of the check (issue {bug['issue']}): {bug['reason']} "
            f"-- if this passes, the bug is fixed: remove [known_bugs.{variant.name}] from {TOML}")))
    return pytest.param(variant, id=variant.name, marks=marks)


def explain(name: str, check: CheckVerdict, meltano: MeltanoVerdict, why: str) -> str:
    return (f"\n  variant:  tests/oracle/{name}: {why}"
            f"\n  check:    {'errors: ' + check.describe() if check.fails else 'no error'}"
            f"\n  Meltano:  {meltano.message if meltano.fails else 'every command succeeded'}")


@pytest.mark.parametrize("variant", [_param(v) for v in CORPUS])
def test_check_errs_exactly_when_meltano_fails(variant, oracle):
    check, meltano = oracle.checks[variant.name], oracle.meltano.verdicts[variant.name]
    story = explain(variant.name, check, meltano, variant.why)
    entry = STRICTER.get(variant.name)
    if entry is None:
        assert check.fails == meltano.fails, (
            ("the check reports an error, but Meltano accepts the project" if check.fails else
             "Meltano fails, but the check reports no error") + story
            + f"\n  If the difference is deliberate, add [stricter.{variant.name}] to {TOML}.")
    else:
        assert check.fails and not meltano.fails, (
            f"[stricter.{variant.name}] in {TOML} says the check errs where Meltano does not; now "
            + ("Meltano fails too" if meltano.fails else "the check has no error")
            + ": remove the entry." + story)
        assert check.error_codes == sorted(entry["codes"]), (
            f"[stricter.{variant.name}] lists the errors {sorted(entry['codes'])}; the check now "
            f"reports {check.error_codes}." + story)


@pytest.mark.parametrize("variant", [pytest.param(v, id=v.name) for v in CORPUS])
def test_meltano_out_records_what_meltano_said(variant, oracle):
    """`meltano.out` keeps Meltano's answer beside the variant, so a failing case explains itself."""
    recorded = variant.folder / "meltano.out"
    said = oracle.meltano.verdicts[variant.name].record()
    if UPDATE:
        recorded.write_text(said)
    assert recorded.is_file() and recorded.read_text() == said, (
        f"tests/oracle/{variant.name}/meltano.out is not what Meltano {MELTANO_PIN} says now:\n{said}"
        "Rerun with MELTANO_ONBOARD_ORACLE_UPDATE=1 to rewrite it, and read the diff.")


def test_corpus_covers_every_rule_family(oracle):
    """At least 60 variants, and findings of every rule family the oracle can speak to."""
    assert len(CORPUS) >= 60
    families = {f["code"][0] for c in oracle.checks.values() for f in c.report["findings"]}
    assert {"F", "P", "S", "K", "O", "Y"} <= families, sorted(families)


def test_every_variant_says_why():
    for variant in CORPUS:
        assert len(variant.why) > 20, f"tests/oracle/{variant.name}/why is too short to explain it"


def test_expectations_name_variants_and_give_reasons():
    names = {v.name for v in CORPUS}
    for table, entries in EXPECTED.items():
        for name, entry in entries.items():
            assert name in names, f"[{table}.{name}] in {TOML} names no folder under tests/oracle/"
            assert entry.get("reason"), f"[{table}.{name}] needs a reason"
    for name, entry in STRICTER.items():
        assert entry.get("codes"), f"[stricter.{name}] must list the error codes the check reports"
    for name, entry in KNOWN_BUGS.items():
        assert entry.get("issue"), f"[known_bugs.{name}] must name the issue that tracks the bug"
    assert not STRICTER.keys() & KNOWN_BUGS.keys()


class Summary:
    """Prints the agreement count and every disagreement at the end of the run (also in CI)."""

    def __init__(self, oracle: Oracle):
        self.oracle = oracle

    def pytest_terminal_summary(self, terminalreporter):
        write = terminalreporter.write_line
        checks, run = self.oracle.checks, self.oracle.meltano
        agree = [n for n in checks if checks[n].fails == run.verdicts[n].fails]
        terminalreporter.section(f"Meltano {MELTANO_PIN} as the oracle")
        write(f"{len(agree)} of {len(checks)} variants agree (the check errs exactly when Meltano "
              f"fails); {len(STRICTER)} deliberately stricter, {len(KNOWN_BUGS)} known bugs.")
        cached = len(checks) - run.ran
        write(f"Meltano: {run.ran} variants run and {cached} from the cache in {run.seconds:.1f} s.")
        for title, table in (("Deliberately stricter than Meltano", STRICTER),
                             ("Known bugs of the check", KNOWN_BUGS)):
            write(f"{title}:")
            for name, entry in table.items():
                issue = f" (issue {entry['issue']})" if "issue" in entry else ""
                meltano = run.verdicts[name].message if name in run.verdicts else ""
                write(f"  {name}{issue}: {entry['reason']}")
                write(f"      check: {', '.join(checks[name].error_codes) or 'no error'}; "
                      f"Meltano: {meltano or 'every command succeeded'}")
        unexpected = [n for n in checks if n not in agree and n not in STRICTER and n not in KNOWN_BUGS]
        if unexpected:
            write(f"Disagreements not explained in the toml (failing): {', '.join(unexpected)}")
