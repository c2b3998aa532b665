"""Long work off the GUI thread: a QThreadPool worker with progress and cancel.

The function a worker runs is plain Python (the analysis and import
functions take ``progress(done, total)`` and ``is_cancelled()``); the worker
passes those callbacks in when the function accepts them, and reports back
through Qt signals that arrive on the GUI thread.  Workers never touch
widgets.

    worker = run_in_background(import_transcripts, project, paths,
                               on_progress=show_progress, on_finished=show_report,
                               on_error=show_error)
    cancel_button.clicked.connect(worker.cancel)

Tests may pass ``pool=ImmediatePool()`` to run the work synchronously.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_running: set[Worker] = set()  # keeps workers alive until their last signal is delivered
_lock = threading.Lock()


class Cancelled(Exception):
    """Raise it inside the work to stop at once; the worker then reports ``cancelled``."""


class WorkerSignals(QObject):
    """What a worker reports; connected slots run on the GUI thread."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the function's result
    error = Signal(str)  # a message for the researcher (the traceback goes to the log)
    cancelled = Signal()


class Worker(QRunnable):
    """Runs ``fn(*args, **kwargs)`` once, in a pool thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._cancel = threading.Event()
        try:
            params = inspect.signature(fn).parameters
        except (TypeError, ValueError):
            params = {}
        if "progress" in params and "progress" not in kwargs:
            self._kwargs["progress"] = self._progress
        if "is_cancelled" in params and "is_cancelled" not in kwargs:
            self._kwargs["is_cancelled"] = self.is_cancelled

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next ``is_cancelled()`` check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            log.exception("background work failed")
            self.signals.error.emit(str(exc) or type(exc).__name__)
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


class _Relay(QObject):
    """Lives on the caller's thread, so plain Python callables run there, not in the pool thread."""

    def __init__(self, worker: Worker, on_finished, on_error, on_progress, on_cancelled) -> None:
        super().__init__()
        self._worker = worker
        self._finished, self._error, self._progress, self._cancelled = on_finished, on_error, on_progress, on_cancelled

    def _release(self) -> None:
        # The worker (and this relay) may go only once its last signal has been delivered here.
        with _lock:
            _running.discard(self._worker)

    @Slot(object)
    def finished(self, result: object) -> None:
        self._release()
        if self._finished:
            self._finished(result)

    @Slot(str)
    def error(self, message: str) -> None:
        self._release()
        if self._error:
            self._error(message)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self._progress:
            self._progress(done, total)

    @Slot()
    def cancelled(self) -> None:
        self._release()
        if self._cancelled:
            self._cancelled()


class ImmediatePool:
    """A stand-in for QThreadPool that runs work at once, on the calling thread."""

    def start(self, worker: QRunnable) -> None:
        worker.run()


def run_in_background(fn: Callable[..., Any], *args: Any, pool: QThreadPool | ImmediatePool | None = None,
                      on_finished: Callable[[Any], None] | None = None,
                      on_error: Callable[[str], None] | None = None,
                      on_progress: Callable[[int, int], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None, **kwargs: Any) -> Worker:
    """Start ``fn`` in the pool (the global one by default) and return its worker.

    Pass the slots here rather than connecting afterwards: a quick job can
    finish before the caller gets the worker back, and its signal would be lost.
    """
    worker = Worker(fn, *args, **kwargs)
    relay = worker.relay = _Relay(worker, on_finished, on_error, on_progress, on_cancelled)
    worker.signals.finished.connect(relay.finished)
    worker.signals.error.connect(relay.error)
    worker.signals.progress.connect(relay.progress)
    worker.signals.cancelled.connect(relay.cancelled)
    with _lock:
        _running.add(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker
