"""Importing a batch from File → Import… or by dropping files: good files kept, bad ones named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from qualcode.core.import_plans import TranscriptFiles, run_plans
from qualcode.gui.importing import build_import_actions, import_controller, install_drop_support
from qualcode.gui.importing import controller as controller_module
from qualcode.gui.workers import ImmediatePool

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")

INTERVIEWS = sorted((Path(__file__).resolve().parents[2] / "sample_projects" / "interviews").glob("*.txt"))


@pytest.fixture
def win(qtbot, project, settings):
    from qualcode.gui.main_window import MainWindow

    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    actions = build_import_actions(window)
    window.menu("File").addActions(actions)
    install_drop_support(window)
    import_controller(window).pool = ImmediatePool()
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.session is not None:
        window.close_project()


def test_a_batch_with_one_bad_file_keeps_the_good_ones(qtbot, win, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "interview7.docx"
    broken.write_bytes(b"this is not a Word document")
    files = [str(INTERVIEWS[0]), str(broken), str(INTERVIEWS[1])]
    monkeypatch.setattr(controller_module, "choose_files", lambda _parent: files)
    action = next(a for a in win.menu("File").actions() if a.objectName() == "action-import")
    controller = import_controller(win)
    with qtbot.waitSignal(controller.importFinished) as finished:
        action.trigger()
    results = {r.name: r for r in finished.args[0]}
    assert results[INTERVIEWS[0].name].imported and results[INTERVIEWS[1].name].imported
    bad = results["interview7.docx"]
    assert not bad.imported and bad.message.startswith("interview7.docx: ")
    assert [d.title for d in win.session.project.documents.list()] == [INTERVIEWS[0].stem, INTERVIEWS[1].stem]
    report = controller.report_dialog
    assert report.isVisible()
    assert report.summary.text().startswith("2 of 3 files imported; 1 refused")
    assert report.outcome("interview7.docx") == "Refused"
    assert report.table.item(0, 0).text() == "interview7.docx"  # problems come first
    assert "2 of 3 files imported" in win.statusBar().currentMessage()
    # The navigator shows the new documents.
    assert win.session.project.queries.counts()["participants"] == 2


def test_dropping_files_on_the_window_imports_them(qtbot, win) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(INTERVIEWS[2]))])
    # Qt delivers a drop only to a widget that accepted the drag entering it.
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    controller = import_controller(win)
    with qtbot.waitSignal(controller.importFinished):
        QApplication.sendEvent(win, drop)
    assert drop.isAccepted()
    assert [d.title for d in win.session.project.documents.list()] == [INTERVIEWS[2].stem]


def test_progress_and_cancel_keep_the_files_already_done(project) -> None:
    seen: list[tuple[int, int]] = []
    stop_after_two = iter([False, False, False, True, True, True])
    results = run_plans(project, [TranscriptFiles(tuple(map(str, INTERVIEWS[:4])))],
                        progress=lambda d, t: seen.append((d, t)), is_cancelled=lambda: next(stop_after_two))
    assert [r.imported for r in results] == [True, True, False, False]
    assert all(r.cancelled for r in results[2:]) and "cancelled" in results[2].message
    assert len(project.documents.list()) == 2
    assert seen[-1][1] == 4000 and seen == sorted(seen)


def test_without_a_project_the_import_asks_for_one(qtbot, settings, monkeypatch) -> None:
    from qualcode.gui.main_window import MainWindow

    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(controller_module.QMessageBox, "information", lambda _p, _t, text: told.append(text))
    import_controller(window).import_paths([str(INTERVIEWS[0])])
    assert told and "Open or create a project first" in told[0]
