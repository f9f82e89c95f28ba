"""The ``bilingual-reader`` command: the GUI and the subcommands tests and scripts use.

The command names, options and JSON keys are a contract; extend, never rename.
Errors a user can cause print one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reader.core.errors import ReaderError

GUI_COMMAND = "gui"


# Each subcommand and the module that adds it (with its options). A run builds only its own
# command's parser: importing every command module and building ~20 parsers cost ~45 ms of
# every start of the window. The full parser (help, an unknown command) still has them all.
COMMAND_MODULES = {
    "gui": "article", "open": "article", "inspect": "article",
    "align": "align",
    "annotate": "annotations", "annotations": "annotations",
    "check": "check",
    "export": "export", "import": "export",
    "library": "library", "search": "library",
    "extract": "original", "fetch": "original",
    "blocks": "proofread", "edit": "proofread", "review": "proofread", "diff": "proofread",
}


def _command_modules(command: str | None = None) -> list:  # type: ignore[type-arg]
    """The modules that add ``command`` (every command: None); imported here so the core
    stays Qt-free."""
    names = sorted(set(COMMAND_MODULES.values())) if command is None else [COMMAND_MODULES[command]]
    return [importlib.import_module(f"reader.commands.{name}") for name in names]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: with ``command``, only that command's module is added."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the app keeps its data (default: $BILINGUAL_READER_HOME or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="bilingual-reader",
        description="Read a Chinese translation beside its English original.",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules(command):
        module.register(sub, common)
    return parser


class _VersionAction(argparse.Action):
    """Like action="version", but looks the version up only when asked (fast start)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        import reader

        print(f"{parser.prog} {reader.__version__}")
        parser.exit()


def _command_line(argv: list[str]) -> tuple[list[str], str | None]:
    """``argv`` with the GUI's command name inserted where none is given (``bilingual-reader
    [FILE]`` means the window), and the command it runs: None for the program's own
    ``--help`` and ``--version``, which need the whole parser."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data-dir":
            i += 2
            continue
        if arg.startswith("--data-dir="):
            i += 1
            continue
        if arg in ("-h", "--help", "--version"):
            return argv, None
        if arg.startswith("-"):
            i += 1
            continue
        if arg in COMMAND_MODULES:
            return argv, arg
        return [*argv[:i], GUI_COMMAND, *argv[i:]], GUI_COMMAND
    return [*argv, GUI_COMMAND], GUI_COMMAND


def main(argv: Sequence[str] | None = None) -> int:
    args_list, command = _command_line(list(sys.argv[1:] if argv is None else argv))
    args = build_parser(command).parse_args(args_list)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    try:
        return int(args.func(args) or 0)
    except ReaderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line unless debugging
        if os.environ.get("BILINGUAL_READER_DEBUG"):
            traceback.print_exc()
        print(f"error: internal error ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())


def run() -> NoReturn:
    """The program's entry point: ``main``, then a quick exit.

    Everything is saved and closed by then; ``gc.freeze`` spares Python's last full
    collection over every Qt wrapper, signature and enum still alive (~30 ms at each exit).
    """
    code = main()
    gc.freeze()
    sys.exit(code)
