"""The ``qualcode`` command: a thin layer over the services.

Each subcommand lives in its own module and registers itself with
:func:`register`.  Errors are caught in one place, :func:`main`: a refusal
(:class:`~qualcode.core.errors.QualcodeError`) prints its one-line reason on
stderr — the file, the problem, what to do — and exits with its status (2;
130 when cancelled).  Anything else is a bug: one line on stderr naming the
log file that holds the traceback, and exit status 70.  Subcommands raise;
they do not catch and re-word each other's errors.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from qualcode import __version__
from qualcode.app.logging import log_bug, setup_logging
from qualcode.app.paths import log_file
from qualcode.cli import backups, basic, coding, export, gui, importing, journal, non_answers, reliability, suggest
from qualcode.core.errors import QualcodeError

_MODULES = [basic, importing, export, non_answers, suggest, reliability, coding, backups, journal, gui]


#: The exit status when the reader of our output went away (128 + SIGPIPE, as a shell reports it).
PIPE_CLOSED_STATUS = 141

#: The exit status of a bug (``EX_SOFTWARE`` in sysexits.h): not 1 (help shown) nor 2 (a refusal).
BUG_STATUS = 70


class CliError(QualcodeError):
    """A problem with the command line itself (a missing option), reported on one line; exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistyped choice is one line with the closest choice, not the whole usage."""

    def error(self, message: str) -> NoReturn:
        import difflib
        import re

        found = re.match(r"argument (.+?): invalid choice: '?(.*?)'? \(choose from (.*)\)$", message)
        if found is None:
            super().error(message)
        what, typed, choices = found.groups()
        what = what.split("/")[0]
        close = difflib.get_close_matches(typed, [c.strip(" '") for c in choices.split(",")], n=1, cutoff=0.6)
        if not close:  # nothing near: argparse's own line, with every choice
            self.exit(2, f"{self.prog}: error: {message}\n")
        what = f"{what} value" if what.startswith("-") else what.lower()
        self.exit(2, f"{self.prog}: ‘{typed}’ is not a {what} (did you mean ‘{close[0]}’?)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    setup_logging()
    try:
        return int(args.run(args) or 0)
    except QualcodeError as exc:
        print(f"qualcode: {exc.message}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("qualcode: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `qualcode info P | head -2`: the reader went away; that is not a bug.
        _silence_stdout()
        return PIPE_CLOSED_STATUS
    except OSError as exc:
        line = environment_line(exc)
        if line is None:
            command = " ".join(["qualcode", *(sys.argv[1:] if argv is None else argv)])
            print(bug_line(exc, log_bug(exc, during=command)), file=sys.stderr)
            return BUG_STATUS
        print(line, file=sys.stderr)
        return 2
    except Exception as exc:
        command = " ".join(["qualcode", *(sys.argv[1:] if argv is None else argv)])
        print(bug_line(exc, log_bug(exc, during=command)), file=sys.stderr)
        return BUG_STATUS


#: What the machine refuses, whatever the file: full or read-only disk, no permission, I/O failure.
_MACHINE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EDQUOT}


def environment_line(exc: OSError) -> str | None:
    """One line for an error of the machine rather than of qualcode, or None when it looks like a bug.

    A full disk, a read-only folder or a missing file named on the command line is
    something the researcher can put right; an OSError with neither a file name nor
    one of those causes is treated as a bug and logged.
    """
    reason = exc.strerror or str(exc)
    if exc.filename:
        return f"qualcode: {exc.filename}: {reason.lower() if reason[:1].isupper() else reason}; nothing was changed"
    if exc.errno in _MACHINE_ERRNOS:
        return f"qualcode: {reason}; nothing was changed"
    return None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def bug_line(exc: BaseException, log: Path | None) -> str:
    """The one line a bug gets on the terminal: what kind of error, and where its traceback is."""
    where = f"the details are in {log}" if log else f"no log could be written at {log_file()}"
    return f"qualcode: unexpected error ({type(exc).__name__}) — this is a bug; {where}"
