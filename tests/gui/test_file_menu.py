"""The File menu reads in the order a researcher works: start or open, bring files in, then close and quit."""

from __future__ import annotations

from qualcode.gui.main_window import MainWindow


def _entries(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menu("File").actions() if not a.isSeparator()]


def test_quit_is_the_last_entry_and_import_comes_before_close(qtbot, settings) -> None:
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    entries = _entries(window)
    assert entries[-1] == "Quit"
    for name in ("Import files…", "Pseudonymise names…", "Export pseudonymisation record…",
                 "Import REFI-QDA project (.qdpx)…"):
        assert entries.index("Open recent") < entries.index(name) < entries.index("Close project"), entries
    assert entries.index("Import files…") < entries.index("Restore from backup…")
