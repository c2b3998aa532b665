"""One progress and cancel contract for every long task, with no Qt in it.

Long work — importing, clustering, pseudonymising, merging, computing
agreement, writing reports — takes a :data:`Progress` callback
``progress(done, total)`` and, where it can stop part-way, a
:data:`IsCancelled` callback.  The GUI's workers pass callbacks that post to
the main thread; the CLI passes none, or a :class:`Task` that prints.

:class:`Task` bundles both for code that wants one object: ``task.report``
is the progress callback and ``task.check()`` raises
:class:`~qualcode.core.errors.Cancelled` once :meth:`Task.cancel` was called.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeAlias

from qualcode.core.errors import Cancelled

#: ``progress(done, total)``: ``done`` of ``total`` steps are finished.
Progress: TypeAlias = Callable[[int, int], None]
#: ``is_cancelled()``: True once the researcher asked the task to stop.
IsCancelled: TypeAlias = Callable[[], bool]


def no_progress(_done: int, _total: int) -> None:
    """A progress callback that reports nowhere."""


def never_cancelled() -> bool:
    """An ``is_cancelled`` callback for work nobody can stop."""
    return False


class Task:
    """Progress and cancellation of one long task, safe to share between threads."""

    def __init__(self, progress: Progress | None = None) -> None:
        self._progress = progress or no_progress
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0

    def report(self, done: int, total: int) -> None:
        """Record and pass on progress; the :data:`Progress` callback of this task."""
        self.done, self.total = done, total
        self._progress(done, total)

    def cancel(self) -> None:
        """Ask the task to stop at its next check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the task was asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()
