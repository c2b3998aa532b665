"""Review proposed pseudonyms, then replace the names everywhere in the project.

The search for names and the replacement both run in a background worker
with progress and Cancel.  Nothing changes until the researcher presses
Replace; then every accepted name is replaced in one transaction, and the
codings, notes, speaker turns and line numbers move with the text.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.model import MappingEntry
from qualcode.core.transcripts.name_proposals import Proposal, count_occurrences, propose_mapping
from qualcode.core.transcripts.pseudonymise import PseudonymisationReport, apply_mapping
from qualcode.gui import tones
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.importing.progress_dialog import WorkProgressDialog
from qualcode.gui.importing.pseudonym_table import (
    EXAMPLE,
    KIND,
    HtmlDelegate,
    KindDelegate,
    PseudonymTableModel,
)
from qualcode.gui.screen_fit import fit_to_screen
from qualcode.gui.workers import run_in_background

if TYPE_CHECKING:
    from qualcode.analysis.entities import NameFinder
    from qualcode.gui.session import Session

def confirm_apply(parent: QWidget, names: int, occurrences: int) -> bool:
    """Ask before replacing (tests replace this function)."""
    answer = QMessageBox.question(
        parent, "Replace names",
        f"Replace {names} name{'s' * (names != 1)} ({occurrences} occurrences) in every document, note and "
        "memo of this project?\n\nCodings, notes and line numbers stay in place. This cannot be undone: "
        "export the mapping first if your ethics record needs it.")
    return answer == QMessageBox.StandardButton.Yes


def choose_csv(parent: QWidget, title: str, save: bool) -> str | None:
    """Ask for a mapping file (tests replace this function)."""
    filters = "CSV files (*.csv);;All files (*)"
    if save:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / "pseudonym-mapping.csv"), filters)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)
    return path or None


class PseudonymiseDialog(QDialog):
    """The table of proposed replacements with accept/edit/reject, and Replace."""

    def __init__(self, session: Session, parent: QWidget | None = None, finder: NameFinder | None = None,
                 pool: object = None) -> None:
        super().__init__(parent)
        self.setObjectName("pseudonymise-dialog")
        self.setWindowTitle("Pseudonymise names")
        fit_to_screen(self, 1100, 640)
        self.session, self.finder, self.pool = session, finder, pool
        self.proposal: Proposal | None = None
        self.report: PseudonymisationReport | None = None
        self.progress: WorkProgressDialog | None = None
        self._cancel = threading.Event()
        layout = QVBoxLayout(self)

        intro = QLabel("Names of people, places and organisations found in every document. Each accepted name "
                       "is replaced by the same replacement everywhere; edit a replacement or its kind by "
                       "double-clicking, untick a name to leave it. Participants' pseudonyms are left as they "
                       "are.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.finder_label = QLabel("Looking for names…", self)
        self.finder_label.setObjectName("finder")
        self.finder_label.setWordWrap(True)
        layout.addWidget(self.finder_label)
        self.speakers = QCheckBox("Also replace speaker labels that are not participants' pseudonyms "
                                  "(e.g. an interviewer called by name)", self)
        self.speakers.setObjectName("include-speakers")
        self.speakers.toggled.connect(lambda _on: self.find_names())
        layout.addWidget(self.speakers)

        self.model = PseudonymTableModel([], self)
        self.model.dataChanged.connect(self._update_buttons)
        self.view = QTableView(self)
        self.view.setObjectName("pseudonyms")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(EXAMPLE, HtmlDelegate(self.view))
        self.view.setItemDelegateForColumn(KIND, KindDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXAMPLE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        row = QHBoxLayout()
        self.accept_all = self._button("Accept all", "accept-all", lambda: self.model.set_all_accepted(True), row)
        self.reject_all = self._button("Reject all", "reject-all", lambda: self.model.set_all_accepted(False), row)
        self.add_name = self._button("Add a name…", "add-name", self._ask_name, row)
        self.load = self._button("Load mapping…", "load-mapping", self._load_mapping, row)
        self.export = self._button("Export mapping…", "export-mapping", self.export_mapping, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.keep_originals = QCheckBox("Keep the real names in the project's mapping table (otherwise only the "
                                        "replacements, kinds and counts are kept; export the mapping for your "
                                        "ethics record)", self)
        self.keep_originals.setObjectName("keep-originals")
        layout.addWidget(self.keep_originals)
        self.warning = QLabel(self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.result = QLabel(self)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = self._button("Close", "close", self.reject, buttons)
        self.apply_button = self._button("Replace names", "apply", self.apply, buttons)
        self.apply_button.setDefault(True)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, text: str, name: str, slot, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # -- finding names -------------------------------------------------------------------------
    def find_names(self) -> None:
        """Search every document in the background; the table fills when it is done."""
        include = self.speakers.isChecked()
        self._start("Finding names", "Reading every document for names of people, places and organisations…",
                    propose_mapping, self.session.project, self.finder, include,
                    on_finished=self._show_proposal)

    def _show_proposal(self, proposal: Proposal) -> None:
        self._stop_progress()
        self.proposal = proposal
        self.model.set_entries(proposal.entries)
        if proposal.basic_finder:
            self.finder_label.setStyleSheet(tones.notice_style())  # amber, light or dark
            self.finder_label.setText(
                f"<b>Names found by the {proposal.finder}.</b> No spaCy English model could be loaded, so "
                "capitalised words were proposed: some names may be missed and some proposals are not names. "
                "Read the documents too.")
        else:
            self.finder_label.setStyleSheet("")
            self.finder_label.setText(f"{len(proposal.entries)} names found in {proposal.documents} documents by "
                                      f"{proposal.finder}. Check them: an automatic finder can miss a name.")
        if proposal.left_out:
            self.finder_label.setText(self.finder_label.text() + "<br>Left as they are (participants' pseudonyms"
                                      " or speaker labels): " + ", ".join(proposal.left_out[:20]))
        self._update_buttons()

    def _ask_name(self) -> None:
        name, ok = QInputDialog.getText(self, "Add a name", "A name the finder missed (exactly as written):")
        if ok and name.strip():
            self.add_entry(MappingEntry(name.strip(), f"[Name {len(self.model.entries) + 1}]", "other"))

    def add_entry(self, entry: MappingEntry) -> None:
        """Add a name by hand; its count and example are looked up at once."""
        count_occurrences(self.session.project, [entry], self.speakers.isChecked())
        self.model.add(entry)
        self._update_buttons()

    def _load_mapping(self) -> None:
        from qualcode.io.base import ImportRefused
        from qualcode.io.exchange.pseudonym_csv import read_mapping_csv

        path = choose_csv(self, "Load a mapping", save=False)
        if not path:
            return
        try:
            entries = read_mapping_csv(path)
        except ImportRefused as exc:
            QMessageBox.warning(self, "Load mapping", str(exc))
            return
        count_occurrences(self.session.project, entries, self.speakers.isChecked())
        self.model.set_entries(entries)
        self.finder_label.setStyleSheet("")
        self.finder_label.setText(f"{len(entries)} names from {Path(path).name}.")
        self._update_buttons()

    def export_mapping(self) -> None:
        """The accepted mapping (real names included) as CSV, for the ethics record."""
        from qualcode.io.exchange.pseudonym_csv import write_mapping_csv

        path = choose_csv(self, "Export the mapping (it holds the real names: store it securely)", save=True)
        if path:
            write_mapping_csv(path, self.report_entries())
            self.result.setText(f"Mapping written to {path}. It holds the real names: keep it apart from the "
                                "project, as your ethics approval requires.")

    def report_entries(self) -> list[MappingEntry]:
        """After Replace: the names with the counts replaced; before: the accepted rows."""
        if self.report is not None:
            return self.report.applied
        return [e for e in self.model.entries if e.accepted]

    # -- replacing ---------------------------------------------------------------------------------
    def apply(self) -> None:
        chosen = [e for e in self.model.entries if e.accepted]
        if not chosen or not confirm_apply(self, len(chosen), sum(e.count for e in chosen)):
            return
        self._start("Replacing names", "Replacing names and moving codings, notes and turns with the text…",
                    apply_mapping, self.session.project, [MappingEntry(**vars(e)) for e in chosen],
                    self.keep_originals.isChecked(), self.speakers.isChecked(), on_finished=self._applied)

    def _applied(self, report: PseudonymisationReport) -> None:
        self._stop_progress()
        self.report = report
        self.model.read_only = True
        self.session.undo.clear()  # earlier undo steps hold offsets of the old text
        self.result.setText(f"<b>Done.</b> {report.summary()}.")
        self._update_buttons()
        _refresh_open_views(self.parent())

    # -- background work ------------------------------------------------------------------------------
    def _start(self, title: str, text: str, fn, *args, on_finished) -> None:
        self._cancel.clear()
        self.progress = WorkProgressDialog(title, text, self._cancel.set, self)
        self.progress.show()
        self._update_buttons()
        # ``fn`` takes ``progress`` (the worker passes its own) and raises Cancelled when stopped.
        run_in_background(fn, *args, pool=self.pool, is_cancelled=self._cancel.is_set,
                          on_progress=self._show_progress, on_finished=on_finished, on_error=self._failed,
                          on_cancelled=self._cancelled)

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.set_progress(done, total)

    def _stop_progress(self) -> None:
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def _failed(self, error: BaseException) -> None:
        self._stop_progress()
        self.result.setText(f"<span style='color:#a33'>Stopped: {describe_failure(error, self)}</span>")
        self._update_buttons()

    def _cancelled(self) -> None:
        self._stop_progress()
        self.result.setText("Cancelled; nothing was changed.")
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        done = self.report is not None
        busy = self.progress is not None
        accepted = [e for e in self.model.entries if e.accepted]
        for button in (self.accept_all, self.reject_all, self.add_name, self.load):
            button.setEnabled(not done and not busy)
        self.speakers.setEnabled(not done and not busy)
        self.keep_originals.setEnabled(not done)
        self.apply_button.setEnabled(bool(accepted) and not done and not busy)
        self.export.setEnabled(bool(self.report_entries()) and not busy)
        self.apply_button.setText(f"Replace {len(accepted)} name{'s' * (len(accepted) != 1)}" if not done
                                  else "Replaced")
        self.close_button.setText("Close" if done else "Cancel")
        self.warning.setText("" if done else shared_replacements_warning(accepted))


def shared_replacements_warning(entries: list[MappingEntry]) -> str:
    """A replacement given to two different names merges two people (fine for "Helen" and "Helen Smith")."""
    names: dict[str, list[str]] = {}
    for e in entries:
        names.setdefault(e.replacement, []).append(e.original)
    shared = [(r, ns) for r, ns in names.items() if len(ns) > 1]
    if not shared:
        return ""
    listed = "; ".join(f"{r} for {', '.join(ns)}" for r, ns in shared[:4])
    return (f"<span style='color:#8a5a00'>Check: the same replacement stands for more than one name ({listed}). "
            "That is right only if they are one person or place.</span>")


def _refresh_open_views(window: object) -> None:
    """Show the new text in whatever the window has open (its offsets all changed)."""
    page = getattr(window, "document_page", None)
    doc_id = getattr(page, "document_id", None)
    if page is not None and doc_id is not None:
        page.open_document(doc_id)
    survey = getattr(window, "survey_view", None)
    model = getattr(survey, "model", None)
    if survey is not None and model is not None and getattr(model, "question_id", None) is not None:
        survey.show_question(model.question_id)
