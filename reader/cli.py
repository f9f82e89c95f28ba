"""The ``bilingual-reader`` command: the GUI and the subcommands tests and scripts use.

The command names, options and JSON keys are a contract; extend, never rename.
Errors a user can cause print one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reader.core.errors import ReaderError

GUI_COMMAND = "gui"


def _command_modules() -> list:
    """Each module adds its subcommands; imported here so the core stays Qt-free."""
    from reader.commands import (
        align,
        annotations,
        article,
        check,
        export,
        library,
        original,
        proofread,
    )

    return [align, annotations, article, check, export, library, original, proofread]


def build_parser() -> argparse.ArgumentParser:
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
    for module in _command_modules():
        module.register(sub, common)
    return parser


class _VersionAction(argparse.Action):
    """Like action="version", but looks the version up only when asked (fast start)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        import reader

        print(f"{parser.prog} {reader.__version__}")
        parser.exit()


def _with_default_command(argv: list[str], commands: set[str]) -> list[str]:
    """``bilingual-reader [FILE]`` means the GUI: insert its command name."""
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
            return argv
        if arg.startswith("-"):
            i += 1
            continue
        return argv if arg in commands else [*argv[:i], GUI_COMMAND, *argv[i:]]
    return [*argv, GUI_COMMAND]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr,arg-type]
    args = parser.parse_args(_with_default_command(args_list, commands))
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
