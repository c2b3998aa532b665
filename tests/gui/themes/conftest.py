"""A window on the small hand-built IPA project (tests/core/themes/two_levels.py), at a chosen stage."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _two_levels():
    """The builder the core tests use, loaded by path (test folders are not packages)."""
    if "two_levels" not in sys.modules:
        path = Path(__file__).resolve().parents[2] / "core" / "themes" / "two_levels.py"
        spec = importlib.util.spec_from_file_location("two_levels", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["two_levels"] = module
        spec.loader.exec_module(module)
    return sys.modules["two_levels"]


@pytest.fixture
def two_levels():
    return _two_levels()


@pytest.fixture
def ipa_window(qtbot, project, settings):
    """Call with a builder (``lambda p: ...``) to get the main window on the project it built."""
    from qualcode.gui.main_window import MainWindow

    made = []

    def open_on(build) -> MainWindow:
        build(project)
        win = MainWindow(project, settings)
        qtbot.addWidget(win)
        win.resize(1400, 860)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield open_on
    for win in made:
        if win.session is not None:
            win.close_project()
