"""One error contract for every refusal qualcode makes.

A :class:`QualcodeError` is something a researcher caused and can put right:
a file that cannot be read, a name that does not exist, a project that is
locked.  Its message is one line written for people — the file, the problem,
and what to do — and it carries the exit status the command line returns.
The CLI and the GUI each catch it in exactly one place and show the message
as it is.  Any other exception is a bug: the CLI prints one line and the
path of the log holding the traceback, the GUI shows a report to copy.

:class:`Cancelled` is the one way to say "the researcher pressed Stop".
"""

from __future__ import annotations


class QualcodeError(Exception):
    """A refusal worded for the researcher: ``str(error)`` is the whole message."""

    #: What ``qualcode`` exits with when this error ends a command.
    exit_status: int = 2

    def __init__(self, message: str = "", *, exit_status: int | None = None) -> None:
        super().__init__(message)
        if exit_status is not None:
            self.exit_status = exit_status

    @property
    def message(self) -> str:
        """The one line to show (never a traceback, never a class name)."""
        text = str(self.args[0]) if self.args else ""
        return text.strip().splitlines()[0] if text.strip() else type(self).__name__


class NotFound(QualcodeError, KeyError):
    """A name or number the project does not hold: a code, document, note, participant, question.

    It is also a :class:`KeyError`, so a caller that looks something up and
    handles a miss (``except KeyError``) keeps working.
    """

    def __str__(self) -> str:
        # KeyError would show the message in quotes; a refusal is shown as written.
        return Exception.__str__(self)


class InvalidValue(QualcodeError, ValueError):
    """A value the researcher chose that qualcode cannot use: a file type, a choice, a name clash.

    It is also a :class:`ValueError`, for callers that validate with ``except ValueError``.
    """


class Cancelled(QualcodeError):
    """The researcher stopped a long task; nothing it was doing was kept."""

    exit_status = 130

    def __init__(self, message: str = "cancelled", *, exit_status: int | None = None) -> None:
        super().__init__(message, exit_status=exit_status)


def user_message(error: BaseException) -> str:
    """The line to show a researcher for ``error`` (a refusal's own message)."""
    if isinstance(error, QualcodeError):
        return error.message
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
