"""The ``qualcode`` command: a thin layer over the services.

Each subcommand lives in its own module and registers itself with
:func:`register`.  A refused input exits with status 2 and a one-line reason
on stderr that names the file and the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from qualcode import __version__
from qualcode.cli import basic, export, gui, importing, reliability, suggest

_MODULES = [basic, importing, export, suggest, reliability, gui]


class CliError(Exception):
    """A problem to report on one line, then exit with status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qualcode",
        description="Private, fast qualitative thematic coding. Nothing leaves this machine.",
    )
    parser.add_argument("--version", action="version", version=f"qualcode {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 1
    from qualcode.core.coding.codings import CodingError
    from qualcode.core.project import ProjectError
    from qualcode.core.themes.codes import CodeError
    from qualcode.io.base import ImportRefused

    try:
        return int(args.run(args) or 0)
    except (CliError, ProjectError, ImportRefused, CodeError, CodingError) as exc:
        print(f"qualcode: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qualcode: interrupted", file=sys.stderr)
        return 130
