"""Screenshots of the theme board at both IPA levels (and the placement of a later participant's PETs).

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/gui/theme_board_shots.py P OUT_DIR

Works on ``P`` (a copy of the sample interviews with unplaced statements —
``build_samples.py --analysis emergent``) as a researcher would in the GUI:
the first two participants' statements → their PETs (the board of the second
is ``theme-board-personal.png``), every PET → GETs (``theme-board-group.png``),
then a third participant's PETs placed under the GETs (``theme-placement.png``).
Each board is sized to the screen it opens on; the script says whether
Accept and Discard are in sight.  Changes ``P``: use a copy.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _backend(dialog) -> None:
    """The default (the full model, or TF-IDF where it is not installed): what a researcher would get."""
    model = dialog.backend.model()
    if not model.item(dialog.backend.currentIndex()).isEnabled():
        dialog.backend.setCurrentIndex(dialog.backend.findData("tfidf"))


def _shot(app, widget, path: Path, buttons) -> None:
    from PySide6.QtCore import QPoint, QRect

    widget.show()
    widget.raise_()
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(path))
    inside = QRect(QPoint(0, 0), widget.size())
    seen = all(inside.contains(QRect(b.mapTo(widget, QPoint(0, 0)), b.size())) and b.isVisible() for b in buttons)
    print(f"{path}: {widget.width()}x{widget.height()} · buttons in sight: {seen}")


def _journal_and_export(app, win, out: Path) -> None:
    """View → Journal & memos with two entries (journal.png), and Export → Personal experiential themes (personal-themes-export.png)."""
    from qualcode.core.journal.commands import AddJournalEntry
    from qualcode.core.journal.links import code_link
    from qualcode.core.themes import levels
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.journal.menu import journal_window
    from qualcode.gui.workers import ImmediatePool

    session = win.session
    get = levels.group_themes(session.project)[0]
    session.run(AddJournalEntry("Maya's fear of being found out echoes my own first year: bracket it when naming "
                                "her personal themes."))
    session.run(AddJournalEntry("Is this group theme still Ruth's too, or only the numbers talk?",
                                code_link(session.project, get.id)))
    journal = journal_window(win)
    journal.resize(1100, 640)
    _shot(app, journal, out / "journal.png", [])
    journal.close()
    dialog = ExportDialog(session.project, "personal-themes", win, pool=ImmediatePool())
    dialog.resize(1180, 700)
    dialog.refresh_preview()
    _shot(app, dialog, out / "personal-themes-export.png", [])
    dialog.close()


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from qualcode.core.project import Project
    from qualcode.gui.menus.analysis_menu import open_suggest_themes
    from qualcode.gui.settings import GuiSettings
    from qualcode.gui.workers import ImmediatePool

    project_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from qualcode.gui.main_window import MainWindow

    project = Project.open(project_path)
    settings = GuiSettings()
    settings.coder_name = "Researcher"
    win = MainWindow(project, settings)
    win.resize(app.primaryScreen().availableGeometry().size())
    win.show()
    app.processEvents()
    people = sorted(p.pseudonym for p in project.participants.list())

    def suggest(scope: str, name: str | None = None):
        dialog = open_suggest_themes(win, pool=ImmediatePool())
        dialog.set_scope(scope, name)
        _backend(dialog)
        dialog.start()
        app.processEvents()

    for i, who in enumerate(people[:2]):
        suggest("participant", who)
        board = win.theme_board
        if i == 1:
            _shot(app, board, out / "theme-board-personal.png", [board.accept_button, board.close_button])
        assert board.apply(), board.status.text()
    suggest("personal-themes")
    board = win.theme_board
    _shot(app, board, out / "theme-board-group.png", [board.accept_button, board.close_button])
    assert board.apply(), board.status.text()
    suggest("participant", people[2])
    assert win.theme_board.apply()
    suggest("place")
    placing = win.placement_dialog
    first = next(iter(placing.buttons.values()), None)
    if first is not None:
        first.click()  # one click links the first PET to its nearest place
    _shot(app, placing, out / "theme-placement.png", list(placing.findChildren(type(first)))[-1:] if first else [])
    placing.close()
    _journal_and_export(app, win, out)
    win.close_project()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
