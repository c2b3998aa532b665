"""The export dialogs: choose options, see the preview, export, open the file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import reference_master, sample_fixture

pytestmark = pytest.mark.gui


interviews = sample_fixture("interviews")
survey = sample_fixture("survey")


def test_master_table_dialog_exports_the_chosen_options(qtbot, interviews, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(interviews, "master", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    assert "Master table of group experiential themes" in dialog.preview.toPlainText()
    form = dialog.form
    form.selection.setCurrentIndex(form.selection.findData("balanced"))
    form.max_quotes.setValue(2)
    form.notes.setChecked(True)
    dialog.refresh_preview()
    assert "a balanced selection of quotes (at most 2 per sub-theme)" in dialog.preview.toPlainText()
    out = tmp_path / "appendix.docx"
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert dialog.status.text().startswith("Wrote appendix.docx")
    assert dialog.open_button.isEnabled() and dialog.progress.value() == dialog.progress.maximum()
    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Experiential statement", "Quote", "Exploratory notes"]
    quotes = [r for r in table.rows[1:] if len(r._tr.tc_lst) == 3]
    assert len(quotes) == 11 * 2  # two quotes for each of the 11 sub-themes
    opened = []
    monkeypatch.setattr("qualcode.gui.export.dialog.QDesktopServices.openUrl", lambda url: opened.append(url))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].toLocalFile() == str(out)


def test_prevalence_dialog_switches_format_and_writes_the_chart(qtbot, survey, tmp_path: Path) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(survey, "prevalence", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.form.by.setCurrentIndex(dialog.form.by.findData("role_group"))
    dialog.form.question.setCurrentText("q2_support")
    dialog.path.setText(str(tmp_path / "prevalence.docx"))
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.path.text().endswith("prevalence.xlsx")
    dialog.export()
    assert {p.name for p in dialog.result.files} == {"prevalence.xlsx", "prevalence.png", "prevalence.svg"}
    assert all(p.exists() for p in dialog.result.files)
    dialog.refresh_preview()
    assert "Manager" in dialog.preview.toPlainText() and "who answered q2_support" in dialog.preview.toPlainText()


def test_the_file_name_follows_the_format(qtbot, survey, tmp_path: Path) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(survey, "code-sheet", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(tmp_path / "codes.pdf"))
    dialog.export()
    assert dialog.path.text() == str(tmp_path / "codes.csv") and (tmp_path / "codes.csv").exists()


def test_a_refused_export_says_why(qtbot, interviews, tmp_path: Path) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(interviews, "master", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.form.participant.setEditText("Zed")
    dialog.path.setText(str(tmp_path / "m.docx"))
    dialog.export()
    assert dialog.status.text() == "Not exported: the project has no participant or respondent ‘Zed’"
    assert not (tmp_path / "m.docx").exists() and dialog.export_button.isEnabled()
    dialog.refresh_preview()
    assert "Cannot show this report" in dialog.preview.toPlainText()


def test_recurrence_preview_shows_the_warnings(qtbot, interviews) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(interviews, "recurrence", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    assert "Supervision as surveillance" in dialog.status.text()
    dialog.form.threshold.setValue(30)
    dialog.refresh_preview()
    assert dialog.preview_warnings == []


def test_the_export_menu_opens_a_dialog_per_report(qtbot, interviews) -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QMainWindow

    from qualcode.gui.export import build_export_menu
    from qualcode.gui.export.dialog import ExportDialog

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = build_export_menu(window)
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["export-master", "export-themes", "export-recurrence", "export-personal-themes",
                     "export-coded-transcript",
                     "export-prevalence", "export-quotes", "export-code-sheet", "export-attributes",
                     "export-codebook", "export-audit-trail"]
    from qualcode.reports.registry import REPORTS

    assert {f"export-{r}" for r in REPORTS} == set(names), "every registered report is in the Export menu"
    next(a for a in menu.actions() if a.objectName() == "export-master").trigger()
    assert not hasattr(window, "_export_dialog")  # no project yet: nothing opens
    window.project = interviews
    next(a for a in menu.actions() if a.objectName() == "export-recurrence").trigger()
    dialog = window._export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.spec.name == "recurrence"
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: "Recurrence" in dialog.preview.toPlainText(), timeout=10_000)
    dialog.close()
    assert len(reference_master()) == 107


def test_export_asks_before_replacing_a_report_or_its_charts(qtbot, survey, tmp_path: Path, monkeypatch) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    asked: list[list[str]] = []
    answer = [False]

    def confirm(parent, files):
        asked.append([f.name for f in files])
        return answer[0]

    monkeypatch.setattr("qualcode.gui.export.dialog.confirm_replace", confirm)
    dialog = ExportDialog(survey, "prevalence", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.form.question.setCurrentText("q2_support")
    dialog.refresh_preview()
    out = tmp_path / "prevalence.docx"
    (tmp_path / "prevalence.svg").write_text("a chart someone drew", encoding="utf-8")
    dialog.path.setText(str(out))
    dialog.export()
    assert asked == [["prevalence.svg"]] and dialog.result is None
    assert dialog.status.text() == "Not exported: prevalence.svg was kept as it is."
    assert (tmp_path / "prevalence.svg").read_text(encoding="utf-8") == "a chart someone drew"
    assert not out.exists()
    answer[0] = True
    dialog.export()
    assert asked[-1] == ["prevalence.svg"] and out.exists()
    assert (tmp_path / "prevalence.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    dialog.export()
    assert asked[-1] == ["prevalence.docx", "prevalence.png", "prevalence.svg"]


def test_export_never_writes_over_the_project(qtbot, survey, monkeypatch) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    monkeypatch.setattr("qualcode.gui.export.dialog.confirm_replace", lambda *a: pytest.fail("asked"))
    dialog = ExportDialog(survey, "codebook", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    location = Path(survey.location)
    before = location.read_bytes()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(location.with_suffix(".csv")))
    location.with_suffix(".csv").hardlink_to(location)
    dialog.export()
    assert dialog.status.text().startswith(f"Not exported: {location.with_suffix('.csv')}: is a qualcode project")
    assert location.read_bytes() == before and dialog.result is None


def test_coded_transcript_dialog_offers_landscape_and_writes_portrait_by_default(qtbot, interviews,
                                                                                 tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(interviews, "coded-transcript", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    assert dialog.form.landscape is not None and not dialog.form.landscape.isChecked()
    for name, landscape in (("portrait.docx", False), ("landscape.docx", True)):
        dialog.form.landscape.setChecked(landscape)
        out = tmp_path / name
        dialog.path.setText(str(out))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        section = Document(str(out)).sections[0]
        assert (section.page_width > section.page_height) is landscape


def test_the_personal_themes_dialog_offers_each_participant(qtbot, tmp_path: Path) -> None:
    from level_projects import two_level_project
    from PySide6.QtCore import Qt

    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.export.options_form import NOBODY
    from qualcode.gui.workers import ImmediatePool

    project = two_level_project(tmp_path / "two.qualcode")
    try:
        dialog = ExportDialog(project, "personal-themes", pool=ImmediatePool())
        qtbot.addWidget(dialog)
        choice = dialog.form.participant
        assert [choice.itemText(i) for i in range(choice.count())] == [NOBODY, "Ann", "Ben", "Cat", "Dan"]
        assert "Personal experiential themes" in dialog.preview.toPlainText()
        choice.setCurrentIndex(choice.findText("Ben"))
        dialog.refresh_preview()
        assert "Out of my depth" in dialog.preview.toPlainText() and "Under water" not in dialog.preview.toPlainText()
        out = tmp_path / "ben.docx"
        dialog.path.setText(str(out))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
        assert "(Ben, 2)" in text and "(Ann" not in text
    finally:
        project.close()
