"""Where qualcode writes what went wrong: one rotating log file in the user's data folder.

A refusal (:class:`~qualcode.core.errors.QualcodeError`) is shown to the
researcher and needs no log.  Anything else is a bug: the command line and
the window each show one line (or a short report) with the path of the log,
and the traceback goes into the log, where a researcher can find it and send it.

Use it like this, once at start-up and once per bug::

    from qualcode.app.logging import log_bug, setup_logging

    setup_logging()                  # the CLI's main and the GUI's start both call it
    ...
    except Exception as exc:         # not a QualcodeError: a bug
        where = log_bug(exc)         # the traceback is in the file at ``where``

Only the ``qualcode`` logger is configured (modules log with
``logging.getLogger(__name__)``), so a host program's or pytest's own
logging set-up is left alone.  If the log folder cannot be written,
logging goes nowhere rather than to the terminal, and nothing here raises.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from qualcode.app.paths import log_file

LOGGER_NAME = "qualcode"
#: Rotate at about a megabyte and keep three old files: enough for a bug report, never a disk filler.
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# The handlers setup_logging added, so calling it again (each CLI run in one
# test process, a second window) replaces them instead of writing every line twice.
_handlers: list[logging.Handler] = []
_path: Path | None = None


def setup_logging(verbose: bool = False) -> Path:
    """Send the ``qualcode`` logger to the rotating log file; return that file's path.

    ``verbose`` logs debug lines as well and echoes every line to stderr.
    Safe to call more than once: the handlers of an earlier call are
    replaced (and the file re-chosen, e.g. when ``QUALCODE_SETTINGS_DIR``
    changed).  When the file cannot be opened, the ``qualcode`` logger gets
    a :class:`logging.NullHandler`, the path is still returned (to name in a
    message) and :func:`log_path` returns ``None``.
    """
    global _path
    shutdown_logging()
    logger = logging.getLogger(LOGGER_NAME)
    level = logging.DEBUG if verbose else logging.INFO
    logger.setLevel(level)
    path = log_file()
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.setLevel(level)
        _path = path
    except OSError:
        # A read-only home or a full disk must not stop qualcode, nor spill log lines into the terminal.
        handler = logging.NullHandler()
        _path = None
    logger.addHandler(handler)
    _handlers.append(handler)
    if verbose:
        echo = logging.StreamHandler()
        echo.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(echo)
        _handlers.append(echo)
    return path


def shutdown_logging() -> None:
    """Close the log file and take qualcode's handlers off the logger (at exit, or between tests)."""
    global _path
    logger = logging.getLogger(LOGGER_NAME)
    for handler in _handlers:
        logger.removeHandler(handler)
        handler.close()
    _handlers.clear()
    _path = None


def log_path() -> Path | None:
    """The file the log is being written to, or ``None`` if none could be opened (or set-up never ran)."""
    return _path


def log_bug(exc: BaseException, during: str = "") -> Path | None:
    """Write ``exc`` and its traceback to the log; return the log file, or ``None`` if it cannot be written.

    ``during`` says what was being done (the command line, the dialog's task),
    so the report reads on its own.  Sets logging up first if nobody has, so
    a bug is never lost for want of a call to :func:`setup_logging`.
    """
    if not _handlers:
        setup_logging()
    logger = logging.getLogger(LOGGER_NAME)
    try:
        logger.error("unexpected error (%s)%s — a bug", type(exc).__name__, f" during {during}" if during else "",
                     exc_info=exc)
        for handler in _handlers:
            handler.flush()
    except Exception:  # the log is the last resort; failing to write it must not hide the bug's own report
        return None
    return _path
