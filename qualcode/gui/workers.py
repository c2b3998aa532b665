"""Long work off the GUI thread: a QThreadPool worker with progress and cancel.

The function a worker runs is plain Python (the analysis and import
functions take ``progress(done, total)`` and ``is_cancelled()``, see
:mod:`qualcode.core.progress`); the worker passes those callbacks in when the
function accepts them, and reports back through Qt signals that arrive on the
GUI thread.  Workers never touch widgets.

    worker = run_in_background(import_transcripts, project, paths,
                               on_progress=show_progress, on_finished=show_report,
                               on_error=show_error)
    cancel_button.clicked.connect(worker.cancel)

A failure arrives as the exception object itself, so the dialog can tell a
refusal (a :class:`~qualcode.core.errors.QualcodeError`: show its message)
from a bug (anything else: :func:`qualcode.gui.error_dialog.describe_failure`
opens the bug report).  :class:`~qualcode.core.errors.Cancelled` is neither:
it arrives as ``cancelled``.

Every started worker is known here until it has finished, so closing a
project can cancel the work still running and wait for it
(:func:`stop_running_work`): no worker writes into a closed project.

Tests may pass ``pool=ImmediatePool()`` to run the work synchronously.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal, Slot

from qualcode.core.errors import Cancelled, QualcodeError
from qualcode.core.progress import Progress

log = logging.getLogger(__name__)

_running: set[Worker] = set()  # keeps workers alive until their last signal is delivered
_active: set[Worker] = set()  # started and not yet returned from run(): what closing waits for
_lock = threading.Lock()

#: How long closing a project waits for cancelled work to stop.
STOP_TIMEOUT_S = 10.0

OnError = Callable[[BaseException], None]


class WorkerSignals(QObject):
    """What a worker reports; connected slots run on the GUI thread."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the function's result
    error = Signal(object)  # the exception (its traceback goes to the log when it is a bug)
    cancelled = Signal()


class Worker(QRunnable):
    """Runs ``fn(*args, **kwargs)`` once, in a pool thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._cancel = threading.Event()
        self._done = threading.Event()
        try:
            params = inspect.signature(fn).parameters
        except (TypeError, ValueError):
            params = {}  # type: ignore[assignment]
        if "progress" in params and "progress" not in kwargs:
            self._kwargs["progress"] = self._progress
        given = kwargs.get("is_cancelled")
        if callable(given):  # the caller's own Stop button, and closing the project, both stop it
            self._kwargs["is_cancelled"] = lambda: self._cancel.is_set() or bool(given())
        elif "is_cancelled" in params and "is_cancelled" not in kwargs:
            self._kwargs["is_cancelled"] = self.is_cancelled

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next ``is_cancelled()`` check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        """True once ``run`` has returned (its last signal may still be on its way)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until ``run`` has returned; False if ``timeout`` seconds passed first."""
        return self._done.wait(timeout)

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            if self._cancel.is_set():  # cancelled while it waited in the pool's queue
                self.signals.cancelled.emit()
                return
            try:
                result = self._fn(*self._args, **self._kwargs)
            except Cancelled:
                self.signals.cancelled.emit()
            except QualcodeError as exc:
                log.info("background work refused: %s", exc.message)
                self.signals.error.emit(exc)
            except Exception as exc:
                from qualcode.gui.error_dialog import log_once

                log_once(exc)  # a bug: its traceback is in the log before anyone sees it
                self.signals.error.emit(exc)
            else:
                if self._cancel.is_set():
                    self.signals.cancelled.emit()
                else:
                    self.signals.finished.emit(result)
        finally:
            with _lock:
                _active.discard(self)
            self._done.set()


class _Relay(QObject):
    """Lives on the caller's thread, so plain Python callables run there, not in the pool thread."""

    def __init__(self, worker: Worker, on_finished: Callable[[Any], None] | None, on_error: OnError | None,
                 on_progress: Progress | None, on_cancelled: Callable[[], None] | None) -> None:
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

    @Slot(object)
    def error(self, error: BaseException) -> None:
        self._release()
        if self._error:
            self._error(error)
        else:
            from qualcode.gui.error_dialog import describe_failure

            describe_failure(error)  # nobody asked: a bug still gets its report

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self._progress:
            self._progress(done, total)

    @Slot()
    def cancelled(self) -> None:
        self._release()
        if self._cancelled:
            self._cancelled()
        elif self._error:
            self._error(Cancelled())  # a dialog without its own Stop text says "Stopped; nothing was changed"


class ImmediatePool:
    """A stand-in for QThreadPool that runs work at once, on the calling thread."""

    def start(self, worker: QRunnable) -> None:
        worker.run()


def start_worker(worker: Worker, pool: QThreadPool | ImmediatePool | None = None) -> Worker:
    """Start a worker whose signals are already connected, in ``pool`` (the global one by default).

    Every worker goes through here, so :func:`stop_running_work` knows it.
    """
    with _lock:
        _active.add(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def run_in_background(fn: Callable[..., Any], *args: Any, pool: QThreadPool | ImmediatePool | None = None,
                      on_finished: Callable[[Any], None] | None = None,
                      on_error: OnError | None = None,
                      on_progress: Progress | None = None,
                      on_cancelled: Callable[[], None] | None = None, **kwargs: Any) -> Worker:
    """Start ``fn`` in the pool (the global one by default) and return its worker.

    Pass the slots here rather than connecting afterwards: a quick job can
    finish before the caller gets the worker back, and its signal would be lost.
    ``on_error`` receives the exception; without ``on_cancelled`` a
    cancellation reaches ``on_error`` as :class:`~qualcode.core.errors.Cancelled`.
    """
    worker = Worker(fn, *args, **kwargs)
    relay = worker.relay = _Relay(worker, on_finished, on_error, on_progress, on_cancelled)  # type: ignore[attr-defined]
    worker.signals.finished.connect(relay.finished)
    worker.signals.error.connect(relay.error)
    worker.signals.progress.connect(relay.progress)
    worker.signals.cancelled.connect(relay.cancelled)
    with _lock:
        _running.add(worker)
    return start_worker(worker, pool)


def running_workers() -> list[Worker]:
    """Workers started and not yet finished."""
    with _lock:
        return list(_active)


def stop_running_work(timeout: float = STOP_TIMEOUT_S) -> bool:
    """Cancel every running worker and wait for all to return, at most ``timeout`` seconds.

    The GUI keeps painting meanwhile (user input waits).  True when all
    stopped; False when some were still running at the deadline (they are
    logged).
    """
    workers = running_workers()
    for worker in workers:
        worker.cancel()
    deadline = time.monotonic() + timeout
    app = QCoreApplication.instance()
    for worker in workers:
        while not worker.wait(0.02):
            if time.monotonic() >= deadline:
                left = [w for w in workers if not w.is_done()]
                log.warning("%d background task(s) did not stop within %.0f s", len(left), timeout)
                return False
            if app is not None:
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 20)
    return True
