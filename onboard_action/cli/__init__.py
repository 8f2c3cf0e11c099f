"""The `meltano-onboard` command line: the argparse front; each subcommand is a module beside this one."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from onboard_action import __version__
from onboard_action.engine import collector_paused
from onboard_action.errors import InternalError, UsageError
from onboard_action.settings import OptionNames

# Each command, a module of this package with NAME, configure(parser) and run(args), and its
# one-line help: a run imports and configures only the command it runs.
COMMANDS = {
    "check": "check a Meltano project for Meltano Cloud onboarding",
    "encrypt": "encrypt a .env into the secrets.yml Meltano Cloud decrypts (kms-ext compatible)",
    "init": "write a starter onboarding file (onboarding.yml) filled from the repository",
    "packet": "write the onboarding packet (Step 1 of the onboarding guide) as Markdown or JSON",
    "rules": "list every rule with its code, severity and title, or explain one (rules S003)",
}
# Options are keyed by the action's input names in settings; the folder argument is `project-dir` there.
SETTING_OF_DEST = {"path": "project-dir"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for every usage error
        # main() prints the program's name once; the line ends with where to read more.
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with `only`, of that one (the others listed, not configured)."""
    parser = _Parser(prog="meltano-onboard",
                     description="Check that a Meltano project is ready to onboard to Meltano Cloud.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, help_text in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        if only is not None and name != only:
            continue  # named in --help; a run of another command never parses its options
        module = importlib.import_module(f"{__name__}.{name}")
        module.configure(command)
        command.set_defaults(handler=module.run, names=option_names(command))
    return parser


def add_project_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", metavar="PATH",
                        help="folder of meltano.yml (default: .)")


def add_project_folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="*", metavar="PATH",
                        help="folders of meltano.yml (default: every project the onboarding file lists, "
                             "else .)")


def project_values(paths: list[str]) -> tuple[str, tuple[str, ...]]:
    """The `project-dir` value and the further folders, from the folders given (none: `auto`)."""
    if not paths:
        return "auto", ()
    return paths[0], tuple(paths[1:])


def option_names(parser: argparse.ArgumentParser) -> OptionNames:
    """How messages name this command's options: `--environment`, `PATH`; never the action's inputs."""
    labels: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for action in parser._actions:  # argparse has no public list of a parser's arguments
        key = SETTING_OF_DEST.get(action.dest, action.dest.replace("_", "-"))
        if action.option_strings:
            labels[key] = max(action.option_strings, key=len)
            phrases[key] = f"`{labels[key]}`"
        else:
            labels[key] = phrases[key] = str(action.metavar or action.dest.upper())
    return OptionNames(labels, phrases)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 reaches messages as lone surrogates: print them escaped.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    try:
        parser = build_parser(only=argv[0] if argv and argv[0] in COMMANDS else None)
        if not argv:  # what the tool does and which commands it has, rather than a one-line error
            parser.print_help(sys.stderr)
            return UsageError.exit_code
        args, extra = parser.parse_known_args(argv)
        if extra:  # said by the command's own parser, which knows its options
            raise UsageError(f"unrecognized arguments: {' '.join(extra)} "
                             f"(see `{parser.prog} {args.command} --help`)")
        # Paused until the command's report is written and dropped (see engine.collector_paused).
        with collector_paused():
            return args.handler(args)
    except UsageError as exc:
        sys.stderr.write(f"meltano-onboard: error: {exc}\n")
        return exc.exit_code
    except InternalError as exc:
        sys.stderr.write(f"meltano-onboard: internal error: {exc}. This is a bug in meltano-onboard; "
                         "please report it.\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `meltano-onboard rules | head`: the reader has what it wanted
        # Python would complain again when it flushes stdout at exit; point it at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a pipeline's writer that the reader left
    except Exception as exc:  # never a traceback: a bug, said plainly, as the action says it
        sys.stderr.write(f"meltano-onboard: internal error ({type(exc).__name__}): {exc}. This is a bug "
                         "in meltano-onboard; please report it.\n")
        return 3
