"""The second analyst's journey through the interface: copy, code blind, merge, compute, review, resolve."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_reliability_projects import code_answers, survey_project

from qualcode.core.coding.workbench import document_codings
from qualcode.core.project import Project
from qualcode.core.reliability.blind import is_blind
from qualcode.core.reliability.review import decisions
from qualcode.gui.main_window import MainWindow
from qualcode.gui.reliability import build_reliability_menu
from qualcode.gui.reliability.coder_filter import CoderFilterMenu
from qualcode.gui.settings import GuiSettings
from qualcode.gui.workers import ImmediatePool

pytestmark = pytest.mark.gui

ANN = {"R1": ["Caseload"], "R2": ["Pay"], "R3": ["Supervision"], "R4": ["Pay", "Caseload"], "R5": ["Flexible working"],
       "R6": ["Supervision"], "R7": ["Supervision"], "R8": ["Staffing"], "R9": ["Training"], "R10": ["Pay"]}


def open_window(qtbot, project: Project, coder: str) -> MainWindow:
    settings = GuiSettings()
    settings.coder_name = coder
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    build_reliability_menu(win, pool=ImmediatePool())
    return win


@pytest.fixture
def researcher(qtbot, tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", ANN)
    win = open_window(qtbot, project, "Ann")
    yield win
    if win.session is not None:
        win.close_project()


def test_the_whole_second_analyst_journey(qtbot, researcher: MainWindow, tmp_path: Path) -> None:
    project = researcher.session.project
    # 1. Prepare a copy: half the answers, stratified by role group, for Sam.
    prepare = researcher.reliability.open_prepare_copy()
    prepare.coder.setText("Sam")
    prepare.share.setValue(50)
    prepare.stratify.setCurrentIndex(prepare.stratify.findData("role_group"))
    copy_path = tmp_path / "for Sam.qualcode"
    prepare.path.setText(str(copy_path))
    assert "5 of 10 documents" in prepare.preview.text() and "manager: 1 of 2" in prepare.preview.text()
    with qtbot.waitSignal(prepare.prepared):
        prepare.prepare()
    assert "It opens for Sam, in blind coding" in prepare.preview.text()
    prepare.close()

    # 2. Sam codes blind in the copy, from the keyboard, in the survey view.
    copy = Project.open(copy_path)
    sam = open_window(qtbot, copy, "Sam")
    assert is_blind(copy) and copy.coder_name == "Sam"
    sam.reliability.refresh()
    assert sam.reliability.blind.isChecked()
    (question, _n), = copy.documents.questions()
    sam.open_question(question.id)
    view = sam.survey_view
    view.table.setFocus()
    pins = {copy.codes.get(c).name: k for k, c in view.session.pins.items()}
    for _ in range(5):  # every answer in the copy gets Pay; the first also Caseload
        qtbot.keyClick(view.table, Qt.Key(Qt.Key.Key_0 + pins["Pay"]))
        if view.current_document_id() == copy.documents.list()[0].id:
            qtbot.keyClick(view.table, Qt.Key(Qt.Key.Key_0 + pins["Caseload"]))
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    sam_codings = copy.queries.counts()["codings"]
    assert sam_codings == 6
    sam.close_project()

    # 3. Merge Sam's copy back.
    merge = researcher.reliability.open_merge()
    merge.path.setText(str(copy_path))
    with qtbot.waitSignal(merge.merged):
        merge.merge()
    assert f"{sam_codings} codings added ({sam_codings} by Sam)" in merge.output.toPlainText()
    merge.close()

    # 4. Compute agreement.
    agreement = researcher.reliability.open_agreement()
    agreement.set_coders(["Ann", "Sam"])
    with qtbot.waitSignal(agreement.computed):
        agreement.compute()
    result = agreement.result
    assert result.report.documents == 5
    assert "on 5 of 10 survey answers (50%)" in agreement.sentence.text()
    codes = [agreement.model.row_of(i).code for i in range(agreement.model.rowCount())]
    assert codes[:2] == ["Caseload", "Staffing"] and "Workload" not in codes  # themes nobody applied start unticked
    assert agreement.review_button.isEnabled()

    # 5. Review: Sam's extra Pay codings are disagreements; take sides with a comment.
    review = agreement.open_review()
    total = sum(len(u) for u in review.found.values())
    assert total > 0 and "0 resolved" in review.header.text()
    review.show_code("Pay")
    unit = review.current
    assert unit.side("Sam").applied is True and unit.side("Ann").applied is False
    assert review.sides[1].header.text() == "Sam — applied ‘Pay’"
    assert "Pay" in review.definition.text() and "Better pay would keep me here." in review.definition.text()
    review.comment.setText("Pay is named; Sam is right")
    before = review.figures.text()
    assert review.decide(("Sam",))
    (decision,) = decisions(project).values()
    assert decision.taken == ("Sam",) and decision.comment == "Pay is named; Sam is right"
    assert "1 resolved" in review.header.text()
    assert review.figures.text() != before  # recomputed after the decision
    assert agreement.consensus_label.text() == review.figures.text()
    assert researcher.actions.undo.text() == "&Undo Resolve ‘Pay’: take Sam"

    # Undo in the main window: the review follows.
    researcher.session.undo_last()
    assert decisions(project) == {}
    qtbot.waitUntil(lambda: "0 resolved" in review.header.text())

    # 6. The report, with the consensus figures.
    out = agreement.export(tmp_path / "reliability.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Agreement between coders Ann and Sam was assessed on 5 of 10 survey answers (50%)" in text
    assert "Each coder against the consensus" in text
    review.close()
    agreement.close()


def test_review_from_the_menu_computes_first(qtbot, researcher: MainWindow) -> None:
    project = researcher.session.project
    code_answers(project, "Sam", {"R1": ["Caseload"], "R2": ["Pay", "Training"]})
    dialog = researcher.reliability.open_review()
    assert dialog.result is not None and dialog.review is not None
    assert list(dialog.review.found) == ["Caseload", "Staffing", "Pay", "Training", "Supervision",
                                         "Flexible working"]
    dialog.review.close()
    dialog.close()


def test_blind_coding_and_the_coder_filter_drive_every_view(qtbot, researcher: MainWindow) -> None:
    session = researcher.session
    project = session.project
    code_answers(project, "Sam", {"R1": ["Pay"]})
    r1 = project.documents.by_title("R1").id
    menu = CoderFilterMenu(researcher)
    menu.refill()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[0] == "All coders" and labels[1].startswith("Ann") and labels[2].startswith("Sam")
    next(a for a in menu.actions() if a.text().startswith("Sam")).setChecked(True)
    assert session.coder_filter == ["Sam"]
    assert {c.coder_id for c in document_codings(project, r1, session.coder_filter)} == \
        {c.coder_id for c in project.coding.for_document(r1, ["Sam"])}
    researcher.reliability.blind.setChecked(True)  # blind: only Ann's codings, whatever was chosen
    assert is_blind(project) and session.coder_filter == ["Ann"]
    menu.refill()
    assert [a.text() for a in menu.actions()] == ["Blind coding: only Ann's codings are shown"]
    researcher.reliability.blind.setChecked(False)
    assert not is_blind(project) and session.coder_filter is None  # everyone again


def test_merge_refusal_is_shown_not_raised(qtbot, researcher: MainWindow, tmp_path: Path) -> None:
    merge = researcher.reliability.open_merge()
    merge.path.setText(str(tmp_path / "nowhere.qualcode"))
    merge.merge()
    assert merge.output.toPlainText().startswith("Nothing was merged:") and "no such file" in \
        merge.output.toPlainText()
    assert merge.merge_button.isEnabled()


def test_the_file_menu_carries_the_second_coder_entries(researcher: MainWindow) -> None:
    texts = [a.text() for a in researcher.menu("File").actions()]
    prepare, merge, close = (texts.index("Prepare a copy for a second coder…"),
                             texts.index("Merge a second coder's project…"), texts.index("&Close project"))
    assert prepare < merge < close
    assert [a.text() for a in researcher.menu("Reliability").actions() if a.text()][:2] == \
        ["Coders &shown", "&Blind coding (show only my codings)"]


def test_the_agreement_dialog_ticks_only_codes_used_in_the_compared_material(qtbot, tmp_path: Path) -> None:
    """As the CLI: Training, used by Ann only in R9 which Sam never covered, is not pooled by default."""
    from qualcode.core.reliability.coverage import mark_coded

    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"], "R9": ["Training"]})
    code_answers(project, "Sam", {"R1": ["Caseload"], "R2": ["Pay"]})
    mark_coded(project, "Sam", [project.documents.by_title(t).id for t in ("R1", "R2", "R3", "R4", "R5")])
    win = open_window(qtbot, project, "Ann")
    dialog = win.reliability.open_agreement()
    dialog.set_coders(["Ann", "Sam"])
    ticked = {project.codes.get(i).name for i in dialog.chosen_codes()}
    assert ticked == {"Caseload", "Pay"}
    assert dialog.request().code_ids is None  # the core's rule, and its wording in the methods text
    dialog.apply_preset("all")
    assert len(dialog.request().code_ids or ()) == len(project.codes.list())
    win.close_project()
