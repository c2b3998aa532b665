"""Background workers: result, progress, error and cancel arrive on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest

from qualcode.gui.workers import ImmediatePool, run_in_background

pytestmark = pytest.mark.gui


def slow_sum(n: int, progress=None, is_cancelled=None) -> int:
    total = 0
    for i in range(n):
        if is_cancelled and is_cancelled():
            return -1
        total += i
        if progress:
            progress(i + 1, n)
        time.sleep(0.001)
    return total


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    got, steps, threads = [], [], []
    main = threading.get_ident()
    run_in_background(slow_sum, 20, on_finished=lambda r: (got.append(r), threads.append(threading.get_ident())),
                      on_progress=lambda d, t: steps.append((d, t)))
    qtbot.waitUntil(lambda: got == [190], timeout=5000)
    assert threads == [main]
    assert steps[-1] == (20, 20)


def test_an_error_is_reported_as_a_message(qtbot):
    errors = []

    def broken() -> None:
        raise ValueError("the file is not a survey")

    run_in_background(broken, on_error=lambda exc: errors.append(str(exc)))
    qtbot.waitUntil(lambda: errors == ["the file is not a survey"], timeout=5000)


def test_cancel_stops_the_work(qtbot):
    cancelled, finished = [], []
    started = threading.Event()

    def wait_for_cancel(is_cancelled=None) -> None:
        started.set()
        while not is_cancelled():
            time.sleep(0.005)

    worker = run_in_background(wait_for_cancel, on_cancelled=lambda: cancelled.append(1),
                               on_finished=finished.append)
    assert started.wait(5)
    worker.cancel()
    qtbot.waitUntil(lambda: cancelled == [1], timeout=5000)
    assert finished == []


def test_the_immediate_pool_runs_synchronously():
    got = []
    run_in_background(slow_sum, 3, pool=ImmediatePool(), on_finished=got.append)
    assert got == [3]
