"""File → Import REFI-QDA project…: the menu entry, the import and its report in the dialog."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QAction

from qualcode.gui.importing.refi_dialog import RefiImportDialog
from qualcode.gui.workers import ImmediatePool

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from test_refi_import import C1, _selection, make_qdpx


def test_the_file_menu_offers_it(window) -> None:
    action = window.findChild(QAction, "action-import-refi")
    assert action is not None and "REFI-QDA" in action.text()


def test_the_import_report_is_shown_and_the_codes_arrive(qtbot, window, tmp_path) -> None:
    project = window.session.project
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea", _selection(1, 0, 5, C1))
    dialog = RefiImportDialog(project, window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.run(str(qdpx))
    assert "1 codings" in dialog.output.toPlainText()
    assert dialog.save.isEnabled()
    assert project.codes.find("Breakfast/Coffee") is not None


def test_the_import_shows_its_progress_and_stop_keeps_nothing(qtbot, window, tmp_path, monkeypatch) -> None:
    """A big project from another tool reads for a while: the dialog counts the sources and can stop."""
    from qualcode.core.transcripts import refi_import

    project = window.session.project
    before = ([d.id for d in project.documents.list()], [c.id for c in project.codes.list()])
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea", _selection(1, 0, 5, C1))
    seen: list[tuple[int, int, bool]] = []
    dialog = RefiImportDialog(project, window, pool=ImmediatePool())
    qtbot.addWidget(dialog)

    def watched(project, path, flat_names, progress=None, is_cancelled=None):
        def counting(done: int, total: int) -> None:
            progress(done, total)
            seen.append((dialog.progress.value(), dialog.progress.maximum(), dialog.stop.isVisible()))
        return refi_import.import_refi_project(project, path, flat_names, counting, lambda: bool(seen))

    monkeypatch.setattr("qualcode.gui.importing.refi_dialog.import_refi_project", watched)
    dialog.show()
    dialog.run(str(qdpx))  # counts the first source, then is told to stop
    assert seen == [(0, 1, True)]
    assert dialog.output.toPlainText().startswith("Import stopped: nothing of it was kept")
    assert not dialog.stop.isVisible() and not dialog.progress.isVisible() and dialog.choose.isEnabled()
    assert ([d.id for d in project.documents.list()], [c.id for c in project.codes.list()]) == before


def test_a_refused_file_says_why(qtbot, window, tmp_path) -> None:
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip")
    dialog = RefiImportDialog(window.session.project, window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.run(str(bad))
    assert dialog.output.toPlainText().startswith("Nothing was imported:")


def test_the_report_fits_a_small_screen_and_is_saved_as_text_or_a_web_page(qtbot, window, tmp_path) -> None:
    from qualcode.gui.screen_fit import available_geometry

    project = window.session.project
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea", _selection(1, 0, 5, C1)
                     + _selection(2, 0, 5, C1, name="something else"))
    dialog = RefiImportDialog(project, window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.run(str(qdpx))
    room = available_geometry(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    text = dialog.save_report(str(tmp_path / "report.txt"))
    assert text is not None and "does not match its recorded text" in text.read_text(encoding="utf-8")
    page = dialog.save_report(str(tmp_path / "report"), as_html=True)
    assert page is not None and page.suffix == ".html"
    content = page.read_text(encoding="utf-8")
    assert content.startswith("<!DOCTYPE html>") and "<li>selection in ‘Interview one’ at characters 0–5 does not match" in content
    assert dialog.save_report(project.location) is None  # never over the project
    assert "Report not saved" in dialog.kept.text()


def test_the_report_is_kept_in_the_projects_history(qtbot, window, tmp_path) -> None:
    import json

    from sqlalchemy import select

    from qualcode.store.schema import AuditRow

    project = window.session.project
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea", _selection(1, 0, 5, C1))
    dialog = RefiImportDialog(project, window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.run(str(qdpx))
    with project.read() as s:
        kept = [json.loads(row.detail) for row in
                s.scalars(select(AuditRow).where(AuditRow.action == "import REFI-QDA project"))]
    assert len(kept) == 1 and kept[0]["report"] == dialog.output.toPlainText()
