"""Rules about secrets: an existing secrets.yml, the public key, and the .env being encrypted.

secrets.yml is checked by hand rather than with a JSON schema on purpose:
schema messages quote the offending value, and a value in this file may be a
secret written in plain text. Messages here name entries and places, never a
value or a ciphertext.

`inspected(context)`: the inspected secrets files, read once per run and
shared by the checks and the `secrets` fact.
"""

from __future__ import annotations

import base64
import binascii
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path

from msgspec import Struct, field

from onboard_action.findings import GUIDE, Finding, Location, Severity
from onboard_action.load.loader import leaves_through_link, read_yaml_file
from onboard_action.load.project import LoadProblem, SourceFile
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model import variables
from onboard_action.model.context import Context
from onboard_action.model.scope import first_needed
from onboard_action.rules import Rule, check, per_run, rule
from onboard_action.rules.jobs import onboarding_scope
from onboard_action.secrets.dotenv_source import NAME
from onboard_action.secrets.kms import MODULUS_BYTES, SCHEME
from onboard_action.secrets.secrets_file import FILE_NAME

_ENTRY = "env:\n- name: DATABASE_PASSWORD\n  value:\n"
_GOOD = ("env:\n- name: DATABASE_PASSWORD\n  value:\n"
         "    ciphertext: bXkgY2lwaGVydGV4dA...  # 684 characters\n"
         "    scheme: RSAES_OAEP_SHA_256\n")

FILE_INVALID = rule(
    "K001", "secrets-file-invalid", Severity.ERROR,
    "secrets.yml is not a secrets file Meltano can read",
    """
    Meltano Cloud decrypts `secrets.yml` at the project root before every run:
    a mapping with an `env:` list of encrypted variables (and, for old kms-ext
    versions, a `kms_key_id`). A file that does not parse, or has another
    shape, stops every deployment. Encrypt the .env again with this action or
    `meltano-onboard encrypt`, rather than editing the file by hand.
    """,
    bad="- name: DATABASE_PASSWORD\n",
    good=_GOOD,
    targets=GUIDE,
)
ENTRY_MALFORMED = rule(
    "K002", "secrets-entry-malformed", Severity.ERROR,
    "secrets.yml entry is incomplete",
    """
    Each item of `env:` needs a `name` and a `value` mapping holding the
    base64 `ciphertext` and its `scheme`. Meltano's decryption fails on an
    item without them. Encrypt the .env again instead of editing entries.
    """,
    bad="env:\n- name: DATABASE_PASSWORD\n  value:\n    scheme: RSAES_OAEP_SHA_256\n",
    good=_GOOD,
    targets=GUIDE,
)
PLAIN_TEXT = rule(
    "K003", "secret-in-plain-text", Severity.ERROR,
    "secret stored in plain text",
    """
    `secrets.yml` is committed to the repository; a `value` written as text
    instead of an encrypted mapping puts the secret in plain view of anyone who
    can read the repository, and Meltano cannot decrypt it. Remove it, rotate
    the secret (it is in the git history now), and encrypt the new value.
    """,
    bad=_ENTRY.replace("  value:\n", "  value: hunter2\n"),
    good=_GOOD,
    targets=GUIDE,
)
SCHEME_UNSUPPORTED = rule(
    "K004", "secrets-scheme-unsupported", Severity.ERROR,
    "secrets.yml entry has the wrong scheme",
    f"""
    Meltano passes `scheme` to AWS KMS as the decryption algorithm; its
    organization keys decrypt `{SCHEME}` only. Another or a missing scheme
    makes the run fail. Encrypt the .env again (the scheme is written for you).
    """,
    bad=_GOOD.replace(SCHEME, "RSAES_OAEP_SHA_1"),
    good=_GOOD,
    targets=GUIDE,
)
CIPHERTEXT_INVALID = rule(
    "K005", "secrets-ciphertext-invalid", Severity.ERROR,
    "ciphertext is not RSA ciphertext in base64",
    """
    A ciphertext is standard base64 on one line, decoding to exactly as many
    bytes as the RSA key's modulus (256, 384 or 512 for 2048-, 3072- and
    4096-bit keys; 684 characters for Meltano's RSA-4096 keys). Anything else
    was damaged (cut, wrapped, edited) and cannot be decrypted. Encrypt the
    value again.
    """,
    bad=_GOOD.replace("bXkgY2lwaGVydGV4dA...  # 684 characters", "bXkgY2lwaGVydGV4dA=="),
    good=_GOOD,
    targets=GUIDE,
)
KEY_SIZE_MISMATCH = rule(
    "K006", "secrets-key-size-mismatch", Severity.ERROR,
    "entries were encrypted with different keys",
    """
    Every ciphertext is as long as the key that made it, so entries of
    different lengths (or of another length than the public key given to this
    check) were encrypted with different keys. Meltano decrypts with one
    organization key: the others fail. Encrypt the whole .env again with the
    organization's public key.
    """,
    bad="env:\n- name: A\n  value:\n    ciphertext: ...  # 684 characters (RSA-4096)\n"
        "    scheme: RSAES_OAEP_SHA_256\n- name: B\n  value:\n"
        "    ciphertext: ...  # 344 characters (RSA-2048)\n    scheme: RSAES_OAEP_SHA_256\n",
    good="env:\n- name: A\n  value:\n    ciphertext: ...  # 684 characters\n"
         "    scheme: RSAES_OAEP_SHA_256\n- name: B\n  value:\n"
         "    ciphertext: ...  # 684 characters\n    scheme: RSAES_OAEP_SHA_256\n",
    targets=GUIDE,
)
NAME_INVALID = rule(
    "K007", "secrets-name-invalid", Severity.ERROR,
    "secret name is not an environment variable name",
    """
    Each entry becomes an environment variable of the run. A name with a dash,
    a dot, a space or a leading digit cannot be referenced as `$NAME` in
    meltano.yml, and some shells drop it. Rename the variable in the .env
    (letters, digits and `_`) and encrypt again.
    """,
    bad=_GOOD.replace("DATABASE_PASSWORD", "database-password"),
    good=_GOOD,
    targets=GUIDE,
)
NAME_DUPLICATE = rule(
    "K008", "secrets-name-duplicate", Severity.ERROR,
    "secret name appears twice",
    """
    Two entries with one name give the run one of the two values, and nothing
    says which. Keep one entry per name: fix the .env and encrypt again.
    """,
    bad=_GOOD + _GOOD.replace("env:\n", ""),
    good=_GOOD,
    targets=GUIDE,
)
MISSING_VARIABLES = rule(
    "K009", "secrets-missing-variables", Severity.WARNING,
    "variables the project needs are not in secrets.yml",
    """
    On Meltano Cloud the run's environment holds what `secrets.yml` decrypts
    to, plus what the project's own `env:` blocks set. A variable referenced
    in meltano.yml (`$NAME` or `${NAME}`) that is in neither expands to an
    empty string, so a password or a host is silently blank at run time. Add
    the variables to the .env and encrypt it again (or, if they are not
    secret, set them in an `env:` block).

    Listed are the variables onboarding runs use: those of the onboarding
    environment and of the plugins its schedules run (and every `pip_url`,
    which `meltano install` reads for all plugins). Variables only another
    environment (`cicd`) or an unscheduled plugin uses are left out; the job
    summary's table shows every variable, whether onboarding uses it and
    whether it is in secrets.yml.
    """,
    bad="# meltano.yml\nconfig:\n  password: ${POSTGRES_PASSWORD}\n# secrets.yml\nenv: []\n",
    good="# meltano.yml\nconfig:\n  password: ${POSTGRES_PASSWORD}\n# secrets.yml\n"
         "env:\n- name: POSTGRES_PASSWORD\n  value:\n    ciphertext: ...\n"
         "    scheme: RSAES_OAEP_SHA_256\n",
    targets=GUIDE,
)
UNUSED_ENTRY = rule(
    "K010", "secrets-unused-entry", Severity.NOTICE,
    "secret that nothing in the project uses",
    """
    An entry that meltano.yml never references, and whose name is not a
    plugin setting variable (`TAP_GITHUB_AUTH_TOKEN` for `tap-github`'s
    `auth_token`) or a Meltano variable, is probably left over or misspelt.
    A secret nobody needs is still a secret to rotate and to protect. Remove
    it from the .env and encrypt again, or fix the name; ignore this notice
    when a tool reads the variable by itself (AWS or Google credentials).
    """,
    bad="# meltano.yml\nconfig:\n  password: ${POSTGRES_PASSWORD}\n# secrets.yml\n"
        "env:\n- name: POSTGRES_PASWORD\n  value:\n    ciphertext: ...\n"
        "    scheme: RSAES_OAEP_SHA_256\n",
    good="# meltano.yml\nconfig:\n  password: ${POSTGRES_PASSWORD}\n# secrets.yml\n"
         "env:\n- name: POSTGRES_PASSWORD\n  value:\n    ciphertext: ...\n"
         "    scheme: RSAES_OAEP_SHA_256\n",
    targets=GUIDE,
)
KEY_WEAK = rule(
    "K020", "public-key-under-4096-bits", Severity.WARNING,
    "public key is shorter than Meltano's 4096 bits",
    """
    Meltano Cloud's organization keys are RSA-4096. A shorter key is either
    not the key Meltano gave you (Meltano cannot decrypt the file) or weaker
    than it should be, and it lowers the size limit of each value. Compare
    the SHA-256 fingerprint shown in the log and summary with the one
    Meltano gave you, and use the organization's key.
    """,
    bad="public-key: ${{ vars.MY_RSA_2048_KEY }}\n",
    good="public-key: ${{ vars.MELTANO_ORG_PUBLIC_KEY }}  # RSA-4096\n",
    targets=GUIDE,
)
DOTENV_UNPARSABLE = rule(
    "K030", "dotenv-line-unparsable", Severity.ERROR,
    ".env line cannot be parsed",
    """
    python-dotenv (which kms-ext and Meltano use) skips a line it cannot
    parse, usually an unclosed quote or text that is not `NAME=value`; the
    variable is silently missing at run time, and an unclosed quote can
    swallow the lines after it. Encryption stops on it. Fix the line (the
    message gives its number, never its content).
    """,
    bad="DATABASE_PASSWORD=\"s3cr3t\nNEXT=1\n",
    good="DATABASE_PASSWORD=\"s3cr3t\"\nNEXT=1\n",
    targets=GUIDE,
)
DOTENV_NO_VALUE = rule(
    "K031", "dotenv-key-without-value", Severity.ERROR,
    ".env line has a name but no `=`",
    """
    A bare `NAME` line has no value: python-dotenv returns nothing for it and
    kms-ext crashes on it. It is often the tail of a multi-line value that
    was not quoted. Encryption stops on it. Write `NAME=` for an empty value,
    quote multi-line values, or remove the line.
    """,
    bad="PRIVATE_KEY=-----BEGIN KEY-----\nMIIEvQIBADANBg\n",
    good="PRIVATE_KEY=\"-----BEGIN KEY-----\nMIIEvQIBADANBg\"\n",
    targets=GUIDE,
)
DOTENV_BAD_NAME = rule(
    "K032", "dotenv-name-invalid", Severity.ERROR,
    ".env name is not an environment variable name",
    """
    python-dotenv accepts any name without spaces, but a name with a dash or a
    dot cannot be referenced from meltano.yml and is dropped by some shells.
    Encryption stops on it. Use letters, digits and `_`, not starting with a
    digit.
    """,
    bad="database-password=s3cr3t\n",
    good="DATABASE_PASSWORD=s3cr3t\n",
    targets=GUIDE,
)
DOTENV_DUPLICATE = rule(
    "K033", "dotenv-duplicate-key", Severity.WARNING,
    ".env defines a name twice",
    """
    When a .env defines a name twice, the last value wins (python-dotenv's
    rule, which encryption follows), so the first is dead and possibly the
    one you meant. Keep one definition.
    """,
    bad="DATABASE_PASSWORD=old\nDATABASE_PASSWORD=new\n",
    good="DATABASE_PASSWORD=new\n",
    targets=GUIDE,
)
DOTENV_UNDEFINED = rule(
    "K034", "dotenv-undefined-reference", Severity.WARNING,
    ".env value refers to a variable it does not define",
    """
    `${NAME}` in a value is expanded from names defined earlier in the same
    .env only, never from the environment of the machine that encrypts: in CI
    that environment holds runner tokens, which must not end up in the file.
    A name not defined above the line expands to an empty string. Define it
    earlier in the .env, give a default (`${NAME:-value}`), or, for a literal
    `$`, avoid the `${` sequence.
    """,
    bad="DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\nDB_PASSWORD=s3cr3t\n",
    good="DB_PASSWORD=s3cr3t\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n",
    targets=GUIDE,
)
DOTENV_TOO_LARGE = rule(
    "K035", "dotenv-value-too-large", Severity.ERROR,
    "value is too large to encrypt with this key",
    """
    Each value is encrypted in one RSA-OAEP block, which holds at most the
    key's size minus 66 bytes of UTF-8: 446 bytes for RSA-4096, 190 for
    RSA-2048. kms-ext fails on a larger value without saying which; this
    check names it and encryption writes nothing. Shorten the value, or keep
    large material (certificates, key files) out of the .env.
    """,
    bad="SERVICE_ACCOUNT_JSON='{\"type\": \"service_account\", ... 2,300 bytes ...}'\n",
    good="GOOGLE_APPLICATION_CREDENTIALS_PATH=/secrets/service-account.json\n",
    targets=GUIDE,
)
DOTENV_MISSING = rule(
    "K036", "dotenv-variable-missing", Severity.ERROR,
    "the project needs a variable the .env does not provide",
    """
    Meltano Cloud runs with what `secrets.yml` decrypts to, and `secrets.yml`
    is made from this .env: a variable the project references (`$NAME`,
    `${NAME}`) that neither the .env, Meltano nor an `env:` block sets expands
    to an empty string at run time. Every such variable that onboarding runs
    use (the onboarding environment, and the plugins its schedules run) is
    reported at once,
    with where the project first uses it. Add it to the .env (or, if it is not
    secret, set it in an `env:` block) before encrypting.
    """,
    bad="# meltano.yml\nplugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
        "      config:\n        password: ${POSTGRES_PASSWORD}\n# .env\nPOSTGRES_HOST=db\n",
    good="# meltano.yml\nplugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
         "      config:\n        password: ${POSTGRES_PASSWORD}\n# .env\nPOSTGRES_HOST=db\n"
         "POSTGRES_PASSWORD=s3cret\n",
    targets=GUIDE,
)
DOTENV_RULES: dict[str, Rule] = {
    "unparsable": DOTENV_UNPARSABLE,
    "no-value": DOTENV_NO_VALUE,
    "bad-name": DOTENV_BAD_NAME,
    "duplicate": DOTENV_DUPLICATE,
    "undefined-reference": DOTENV_UNDEFINED,
    "too-large": DOTENV_TOO_LARGE,
}

_RECREATE = "encrypt the .env again (this action's dotenv input or `meltano-onboard encrypt`)"


class Entry(Struct):
    name: str | None
    index: int
    size: int | None = None  # decoded ciphertext bytes, when the ciphertext is valid


class Inspected(Struct):
    """One secrets file as read: its entries and what is wrong with its shape."""

    path: Path
    source: SourceFile | None
    entries: list[Entry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: bool = False  # by this run

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries if e.name is not None]

    def entry_location(self, name: str) -> Location | None:
        for entry in self.entries:
            if entry.name == name and self.source is not None:
                return self.source.location(("env", entry.index, "name"))
        return None


@per_run
def inspected(context: Context) -> list[Inspected]:
    within = (context.project.root, context.settings.workspace)
    return [_inspect(path, written=path == _written(context), within=within)
            for path in _secrets_files(context)]


def _written(context: Context) -> Path | None:
    secrets = context.secrets
    return secrets.written.resolve() if secrets and secrets.written else None


def _secrets_files(context: Context) -> list[Path]:
    """The project's secrets.yml, and the file this run wrote when it is elsewhere."""
    paths = []
    project_file = context.project.root / FILE_NAME
    if project_file.exists():
        # A link out of the workspace keeps its own name: `_inspect` refuses it unread.
        leaves = leaves_through_link(project_file, context.project.root, context.settings.workspace)
        paths.append(project_file if leaves else project_file.resolve())
    written = _written(context)
    if written and written not in paths:
        paths.append(written)
    return paths


def _inspect(path: Path, *, written: bool, within: tuple[Path, ...] = ()) -> Inspected:
    problems: list[LoadProblem] = []
    source = read_yaml_file(path, problems, within=within)
    result = Inspected(path, source, written=written)
    if problems:
        result.findings.append(FILE_INVALID.finding(
            problems[0].location, f"{FILE_NAME} cannot be read: {_load_problem(problems[0])}",
            f"fix the file, or {_RECREATE}"))
        return result
    data = source.data
    if not isinstance(data, YMap):
        return result  # read_yaml_file reported it
    key_id = data.get("kms_key_id")
    if key_id is not None and not isinstance(key_id, str):
        result.findings.append(FILE_INVALID.finding(
            source.location(("kms_key_id",)), "`kms_key_id` must be text (the key's ARN or ID)",
            "write the key's ARN or ID, or remove `kms_key_id`"))
    env = data.get("env")
    if not isinstance(env, YList):
        what = "has no `env:` list" if "env" not in data else "has `env:`, but not as a list"
        result.findings.append(FILE_INVALID.finding(
            source.location(("env",), key=True) if "env" in data else source.location(),
            f"{FILE_NAME} {what} of encrypted variables", f"{_RECREATE}"))
        return result
    for index, item in enumerate(env):
        entry = _inspect_entry(source, index, item, result.findings)
        result.entries.append(entry)
    _check_names(result)
    return result


def _inspect_entry(source: SourceFile, index: int, item: object, findings: list[Finding]) -> Entry:
    where = ("env", index)
    if not isinstance(item, YMap):
        findings.append(ENTRY_MALFORMED.finding(
            source.location(where), f"item {index + 1} of `env:` is not a mapping with `name` and `value`",
            _RECREATE))
        return Entry(None, index)
    name = item.get("name")
    if not isinstance(name, str) or not name:
        findings.append(ENTRY_MALFORMED.finding(
            source.location(where), f"item {index + 1} of `env:` has no `name`", _RECREATE))
        name = None
    label = f"`{name[:80]}`" if name else f"item {index + 1}"
    entry = Entry(name, index)
    value = item.get("value")
    if "value" not in item or value is None:
        findings.append(ENTRY_MALFORMED.finding(
            source.location(where), f"{label} has no `value`", _RECREATE))
        return entry
    if not isinstance(value, (YMap, YList)):
        findings.append(PLAIN_TEXT.finding(
            source.location((*where, "value")),
            f"{label} is written in plain text in {FILE_NAME}, which is committed to the repository",
            "remove the value, rotate the secret (it is in the git history), and encrypt the new one"))
        return entry
    if not isinstance(value, YMap):
        findings.append(ENTRY_MALFORMED.finding(
            source.location((*where, "value")), f"the `value` of {label} is a list, not a mapping "
            "with `ciphertext` and `scheme`", _RECREATE))
        return entry
    scheme = value.get("scheme")
    if scheme != SCHEME:
        problem = ("has no `scheme`" if scheme is None
                   else "has a `scheme` that is not text" if not isinstance(scheme, str)
                   else f"has scheme {scheme[:40]!r}")
        findings.append(SCHEME_UNSUPPORTED.finding(
            source.location((*where, "value", "scheme") if "scheme" in value else (*where, "value")),
            f"{label} {problem}; Meltano decrypts {SCHEME} only",
            f"{_RECREATE}; it writes `scheme: {SCHEME}`"))
    ciphertext = value.get("ciphertext")
    if not isinstance(ciphertext, str) or not ciphertext:
        findings.append(ENTRY_MALFORMED.finding(
            source.location((*where, "value")), f"{label} has no `ciphertext` text", _RECREATE))
        return entry
    entry.size = _ciphertext_size(ciphertext)
    if entry.size is None or entry.size not in MODULUS_BYTES:
        what = ("is not standard base64 on one line" if entry.size is None
                else f"decodes to {entry.size} bytes, not the 256, 384 or 512 of an RSA key")
        findings.append(CIPHERTEXT_INVALID.finding(
            source.location((*where, "value", "ciphertext")), f"the ciphertext of {label} {what}",
            f"it was damaged (cut, wrapped or edited): {_RECREATE}"))
        entry.size = None
    return entry


def _ciphertext_size(text: str) -> int | None:
    try:
        return len(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return None


def _check_names(result: Inspected) -> None:
    source = result.source
    assert source is not None
    first: dict[str, Entry] = {}
    for entry in result.entries:
        if entry.name is None:
            continue
        location = source.location(("env", entry.index, "name"))
        if not NAME.match(entry.name):
            result.findings.append(NAME_INVALID.finding(
                location, f"{entry.name[:80]!r} is not a valid environment variable name",
                "use letters, digits and `_`, not starting with a digit: rename it in the .env "
                "and encrypt again"))
        if entry.name in first:
            earlier = source.location(("env", first[entry.name].index, "name"))
            result.findings.append(NAME_DUPLICATE.finding(
                location, f"`{entry.name}` is already defined at line {earlier.line}; the run gets "
                          "only one of the two values",
                "keep one entry per name: fix the .env and encrypt again", related=[earlier]))
        else:
            first[entry.name] = entry


_TYPE_NAMES = {"YList": "list", "str": "string", "int": "number", "float": "number", "bool": "boolean"}


def _load_problem(problem: LoadProblem) -> str:
    detail = problem.detail
    return {
        "empty": "it is empty",
        "not-a-mapping": f"it holds a {_TYPE_NAMES.get(detail.get('type'), 'value')} at the top, "
                         "not a mapping with `env:`",
        "not-utf8": "it is not UTF-8 text",
        "too-large": "it is far too large for a secrets file",
        "unreadable": f"it cannot be opened ({detail.get('reason', 'unreadable')})",
        "link-outside": "it is a symbolic link that leads out of the workspace (or in a loop), "
                        "and was not read",
    }.get(problem.kind, f"YAML error: {detail.get('message', problem.kind)}")


@check(FILE_INVALID, ENTRY_MALFORMED, PLAIN_TEXT, SCHEME_UNSUPPORTED,
       CIPHERTEXT_INVALID, KEY_SIZE_MISMATCH, NAME_INVALID, NAME_DUPLICATE)
def secrets_files(context: Context) -> Iterator[Finding]:
    key = context.secrets.key if context.secrets else None
    for result in inspected(context):
        yield from result.findings
        yield from _sizes(result, key.modulus_bytes if key else None, key.bits if key else None)


def _sizes(result: Inspected, expected: int | None, bits: int | None) -> Iterator[Finding]:
    sized = [e for e in result.entries if e.size is not None]
    if not sized or result.source is None:
        return
    counts = Counter(e.size for e in sized)
    target = expected or counts.most_common(1)[0][0]
    reference = next((e for e in sized if e.size == target), None)
    for entry in sized:
        if entry.size == target:
            continue
        label = f"`{entry.name}`" if entry.name else f"item {entry.index + 1}"
        location = result.source.location(("env", entry.index, "value", "ciphertext"))
        if expected:
            message = (f"the ciphertext of {label} was made with an RSA-{entry.size * 8} key, not "
                       f"with the RSA-{bits} public key given to this check")
        else:
            message = (f"the ciphertext of {label} was made with an RSA-{entry.size * 8} key, the "
                       f"other entries with an RSA-{target * 8} key")
        related = ([result.source.location(("env", reference.index, "value", "ciphertext"))]
                   if reference else [])
        yield KEY_SIZE_MISMATCH.finding(
            location, message, "encrypt the whole .env again with the organization's public key",
            related=related)


@check(MISSING_VARIABLES, UNUSED_ENTRY)
def coverage(context: Context) -> Iterator[Finding]:
    """Needed variables missing from each secrets file, and entries nothing uses."""
    if not context.project.loaded:
        return
    results = [result for result in inspected(context)
               if result.source is not None and isinstance(result.source.data, YMap)
               and isinstance(result.source.data.get("env"), YList)]
    if not results:
        return  # most runs: no secrets file, so nothing to compare the project with
    referenced = {r.name for r in context.variables.references}
    prefixes = _plugin_prefixes(context)
    for result in results:
        lacking = missing_for_onboarding(context, set(result.names))
        missing = [reference.name for reference in lacking]
        if missing:
            shown = ", ".join(missing[:20]) + (f" and {len(missing) - 20} more" if len(missing) > 20 else "")
            yield MISSING_VARIABLES.finding(
                result.source.location(("env",), key=True),
                f"{len(missing)} variable{'s' if len(missing) != 1 else ''} that onboarding runs use "
                f"{'are' if len(missing) != 1 else 'is'} not in {FILE_NAME}: {shown}",
                "add them to the .env and encrypt it again, or set non-secret ones in an `env:` block",
                related=[reference.location for reference in lacking])
        seen: set[str] = set()
        for entry in result.entries:
            name = entry.name
            if name is None or name in seen or name in referenced or _used_by_convention(name, prefixes):
                continue
            seen.add(name)
            yield UNUSED_ENTRY.finding(
                result.source.location(("env", entry.index, "name")),
                f"`{name}` is in {FILE_NAME}, but nothing in the project references it",
                "remove it from the .env and encrypt again, or fix the name; ignore this notice when "
                "a tool reads the variable by itself")


# Meltano Cloud reads this one itself, for `pip_url: git+ssh://...`.
RESERVED = frozenset({"GIT_SSH_PRIVATE_KEY"})


def _plugin_prefixes(context: Context) -> tuple[str, ...]:
    """`TAP_GITHUB_` for `tap-github`: Meltano reads `<PLUGIN>_<SETTING>` variables by itself."""
    prefixes = set()
    for _, plugin in context.project.plugins():
        for key in ("name", "namespace", "inherit_from"):
            value = plugin.get(key)
            if isinstance(value, str) and value:
                prefixes.add(variables.env_word(value) + "_")
    return tuple(sorted(prefixes))


def _used_by_convention(name: str, prefixes: tuple[str, ...]) -> bool:
    return (name in RESERVED or name.startswith("MELTANO_") or variables.is_injected(name)
            or name.startswith(prefixes))


@check(KEY_WEAK, *DOTENV_RULES.values())
def key_and_dotenv(context: Context) -> Iterator[Finding]:
    secrets = context.secrets
    if secrets is None:
        return
    written = next((r for r in inspected(context) if r.written), None)
    fallback = (Location(written.path) if written else
                context.project.meltano_file.location() if context.project.meltano_file
                else Location(context.project.root / "meltano.yml"))
    key = secrets.key
    if key and key.bits < 4096:
        yield KEY_WEAK.finding(
            Location(key.path) if key.path else fallback,
            f"{key.origin} is an RSA-{key.bits} key; Meltano's organization keys are RSA-4096 "
            f"(SHA-256 fingerprint {key.fingerprint})",
            "compare the fingerprint with the one Meltano gave you and use the organization's key")
    for problem in secrets.dotenv_problems:
        if secrets.dotenv_file:
            location = Location(secrets.dotenv_file, problem.line)
            message = problem.message
        else:
            entry = written.entry_location(problem.name) if written and problem.name else None
            location = entry or fallback
            message = f"{secrets.dotenv_label}: {problem.message}"
        yield DOTENV_RULES[problem.kind].finding(location, message, _DOTENV_HINTS[problem.kind])


@check(DOTENV_MISSING)
def dotenv_covers_the_project(context: Context) -> Iterator[Finding]:
    secrets = context.secrets
    if secrets is None or secrets.dotenv_file is None or not context.project.loaded:
        return
    for reference in missing_for_onboarding(context, set(secrets.dotenv_names)):
        name = reference.name
        yield DOTENV_MISSING.finding(
            reference.location,
            f"{name} is used here, but {secrets.dotenv_label} does not provide it; it would be "
            "empty on Meltano Cloud",
            f"add {name}=... to {secrets.dotenv_label}, or set it in an `env:` block if it is not secret")


def missing_for_onboarding(context: Context, given: Collection[str]) -> list[variables.Reference]:
    """The variables an onboarding run needs that `given` lacks, each at its first use by such a run.

    What the onboarding environment and the plugins its schedules run read (model/scope.py): the one
    answer for secrets.yml (K011), the .env checked (K036) and `meltano-onboard encrypt`'s refusal.
    """
    needed = first_needed(context, context.variables.references, onboarding_scope(context))
    return [reference for name, reference in needed.items() if name not in given]


_DOTENV_HINTS = {
    "unparsable": "close the quote or write the line as NAME=value",
    "no-value": "write NAME= for an empty value, quote a multi-line value, or remove the line",
    "bad-name": "use letters, digits and `_`, not starting with a digit",
    "duplicate": "keep one definition of the name",
    "undefined-reference": "define the name earlier in the .env or give a default: ${NAME:-value}",
    "too-large": "shorten the value or keep large material (certificates, key files) out of the .env",
}
