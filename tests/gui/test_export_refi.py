"""Export → REFI-QDA project (.qdpx) / codebook (.qdc): the menu entries, the file written off the GUI thread."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from qualcode.gui.export.refi_export import RefiExportDialog, default_refi_path
from qualcode.gui.screen_fit import available_geometry
from qualcode.gui.workers import ImmediatePool


@pytest.mark.parametrize("kind", ["qdpx", "qdc"])
def test_the_export_menu_offers_both(window, kind) -> None:
    action = window.findChild(QAction, f"export-refi-{kind}")
    assert action is not None and "REFI-QDA" in action.text() and f".{kind}" in action.text()


def _study(project):
    document = project.documents.add_transcript("Maya", "I felt lost at first.", participant="Maya")
    code = project.codes.create("Feeling lost")
    project.coding.apply(document.id, 2, 13, code.id)


def test_the_project_is_written_with_progress_and_fits_a_small_screen(qtbot, window, tmp_path) -> None:
    project = window.session.project
    _study(project)
    dialog = RefiExportDialog(project, "qdpx", window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    room = available_geometry(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    seen: list[tuple[int, int]] = []
    dialog._progressed = lambda done, total: seen.append((done, total))  # type: ignore[method-assign]
    dialog.path.setText(str(tmp_path / "study"))
    dialog.export()
    assert dialog.written == tmp_path / "study.qdpx", dialog.status.text()
    with zipfile.ZipFile(dialog.written) as archive:
        xml = archive.read("project.qde").decode()
        assert 'name="Feeling lost"' in xml and 'startPosition="2" endPosition="13"' in xml
        documents = len(project.documents.list())
        assert len([n for n in archive.namelist() if n.startswith("sources/")]) == documents
    assert seen and seen[-1] == (documents + 1, documents + 1)
    assert dialog.status.text().startswith("Wrote ")


def test_the_codebook_is_written_as_qdc(qtbot, window, tmp_path) -> None:
    project = window.session.project
    _study(project)
    dialog = RefiExportDialog(project, "qdc", window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    assert dialog.path.text() == str(default_refi_path(project, "qdc"))
    dialog.path.setText(str(tmp_path / "codes.qdc"))
    dialog.export()
    assert dialog.written == tmp_path / "codes.qdc"
    assert "urn:QDA-XML:codebook:1.0" in dialog.written.read_text(encoding="utf-8")


def test_choosing_the_codebook_changes_the_suggested_file(qtbot, window) -> None:
    project = window.session.project
    dialog = RefiExportDialog(project, "qdpx", window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.buttons["qdc"].setChecked(True)
    assert dialog.path.text() == str(default_refi_path(project, "qdc"))


def test_it_is_never_written_over_a_project(qtbot, window, tmp_path) -> None:
    project = window.session.project
    other = tmp_path / "copy-of-a-project.qdpx"  # a project database, whatever its name says
    other.write_bytes(Path(project.location).read_bytes())
    before = other.read_bytes()
    dialog = RefiExportDialog(project, "qdpx", window, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.path.setText(str(other))
    dialog.export()
    assert dialog.written is None and dialog.status.text().startswith("Not exported:"), dialog.status.text()
    assert other.read_bytes() == before
