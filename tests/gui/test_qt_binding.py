"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 on Python 3.11 released ``None`` once per call to a Qt method
returning nothing; after a few thousand calls the interpreter aborted
("none_dealloc: deallocating None").  pyproject.toml keeps that release out;
this test fails if a broken binding comes back.  It runs in a subprocess
because the failure is an abort, not an exception.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    w = QWidget()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        w.setToolTip("x")  # a Qt method that returns nothing
    print(sys.getrefcount(None) - before)
    """
)


def test_twenty_thousand_void_qt_calls_leave_none_alone() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip())) < 1000
