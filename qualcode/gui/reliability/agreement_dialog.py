"""Reliability → Agreement between coders: choose coders, unit and codes; read the table.

The computation runs in a worker (it reads every compared coding); the table
shows percent agreement, kappa and alpha per code with a plain-words
reading, and the methods-section sentence sits under it ready to copy.
From here the table is exported (Word, Excel, CSV) and the disagreements
reviewed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.model import CodeRole, DocumentKind
from qualcode.core.progress import Progress
from qualcode.core.project import Project
from qualcode.core.reliability.agreement import (
    AgreementResult,
    ConsensusAgreement,
    compute_agreement,
    consensus_agreement,
)
from qualcode.core.reliability.blind import CONSENSUS, coder_summaries
from qualcode.core.reliability.comparison import AgreementRequest, compared_documents, default_codes
from qualcode.gui import tones
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.models.agreement_table_model import AgreementTableModel
from qualcode.gui.screen_fit import fit_to_screen
from qualcode.gui.workers import run_in_background
from qualcode.reports.reliability_table import write_report

UNIT_CHOICES = (
    ("answer", "Survey answer — code present or absent"),
    ("line", "Transcript line (fixed line numbers)"),
    ("sentence", "Sentence"),
    ("character", "Character (as some commercial tools count)"),
    ("overlap", "Coded segment, matched by overlap"),
)
CODE_ID = Qt.ItemDataRole.UserRole
CODE_PRESETS = (
    ("applied", "Codes someone applied"),
    ("themes", "Superordinate themes (their codes counted)"),
    ("subthemes", "Sub-themes (their codes counted)"),
    ("all", "Every code"),
    ("custom", "The codes ticked below"),
)


def consensus_line(figures: list[ConsensusAgreement]) -> str:
    """"Consensus against Researcher: agreement 98.3%, α 0.91 · against Sam: …"."""
    if not figures:
        return ""
    parts = [f"{f.coder}: agreement {f.agreement:.1%}, α {f.alpha:.2f}" if f.alpha is not None and
             f.agreement is not None else f"{f.coder}: —" for f in figures]
    return "Consensus against " + " · against ".join(parts)


class AgreementDialog(QDialog):
    """``computed(AgreementResult)`` after each computation."""

    computed = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None, pool: Any = None,
                 run_command: Callable[[object], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreement-dialog")
        self.setWindowTitle("Agreement between coders")
        self.project = project
        self.result: AgreementResult | None = None
        self.consensus: list[ConsensusAgreement] = []
        self.review = None
        self._pool = pool
        self._run_command = run_command
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._settings_panel())
        splitter.addWidget(self._results_panel())
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        fit_to_screen(self, 1180, 680)
        splitter.setSizes([340, 840])

    # -- settings ----------------------------------------------------------------------
    def _settings_panel(self) -> QWidget:
        panel = QWidget(self)
        form = QFormLayout(panel)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.coders = QListWidget(panel)
        self.coders.setObjectName("coders")
        self.coders.setMaximumHeight(110)
        summaries = [c for c in coder_summaries(self.project) if c.codings]
        checked = [c.name for c in summaries if c.name != CONSENSUS][:2]
        for c in summaries:
            item = QListWidgetItem(f"{c.name}  ({c.codings:,} codings, {c.documents:,} documents)", self.coders)
            item.setData(CODE_ID, c.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.name in checked else Qt.CheckState.Unchecked)
        form.addRow("Coders", self.coders)
        self.unit = QComboBox(panel)
        self.unit.setObjectName("unit")
        for key, label in UNIT_CHOICES:
            self.unit.addItem(label, key)
        kinds = {d.kind for d in self.project.documents.list()}
        self.unit.setCurrentIndex(0 if kinds == {DocumentKind.ANSWER} else 1)
        form.addRow("Unit", self.unit)
        self.share = QDoubleSpinBox(panel)
        self.share.setRange(0.05, 1.0)
        self.share.setSingleStep(0.05)
        self.share.setValue(0.9)
        self.share.setSuffix("  of the longer segment")
        form.addRow("Overlap", self.share)
        self.exclude_interviewer = QCheckBox("Leave out interviewer turns", panel)
        form.addRow("", self.exclude_interviewer)
        self.codes = QTreeWidget(panel)
        self.codes.setObjectName("codes")
        self.codes.setHeaderHidden(True)
        items: dict[int, QTreeWidgetItem] = {}
        # As in the core: codes no compared coder applied in the compared material (often themes,
        # whose codes are applied instead) start unticked; they would add only agreed absences.
        applied = self._applied()
        for code in self.project.codes.list():
            parent = items.get(code.parent_id)
            item = QTreeWidgetItem(parent if parent is not None else self.codes, [code.name])
            item.setData(0, CODE_ID, code.id)
            item.setCheckState(0, Qt.CheckState.Checked if code.id in applied else Qt.CheckState.Unchecked)
            items[code.id] = item
        self.codes.expandAll()
        self.codes.itemChanged.connect(lambda *_: self.preset.setCurrentIndex(self.preset.findData("custom")))
        self.preset = QComboBox(panel)
        self.preset.setObjectName("preset")
        for key, label in CODE_PRESETS:
            self.preset.addItem(label, key)
        self.preset.activated.connect(lambda _i: self.apply_preset(self.preset.currentData()))
        form.addRow("Compare", self.preset)
        form.addRow("Codes", self.codes)
        self.roll_up = QCheckBox("Count sub-codes' codings for the codes above them", panel)
        form.addRow("", self.roll_up)
        self._roles = {c.id: c.role for c in self.project.codes.list()}
        self.coders.itemChanged.connect(self._coders_changed)
        self.compute_button = QPushButton("Compute agreement", panel)
        self.compute_button.setObjectName("compute")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.progress = QProgressBar(panel)
        self.progress.setVisible(False)
        form.addRow(self.compute_button)
        form.addRow(self.progress)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self._unit_changed()
        return panel

    def _items(self) -> list[QTreeWidgetItem]:
        out, stack = [], [self.codes.topLevelItem(i) for i in range(self.codes.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def _applied(self) -> set[int]:
        """The codes the core compares by default: applied by a chosen coder in the compared material."""
        coders = self.chosen_coders()
        if len(coders) < 2:
            return default_codes(self.project)
        documents = compared_documents(self.project, AgreementRequest(tuple(coders)))
        return default_codes(self.project, coders=coders, documents=documents)

    def _coders_changed(self, *_args: object) -> None:
        """Other coders compare other material: the default ticks follow them."""
        if self.preset.currentData() == "applied":
            self.apply_preset("applied")

    def apply_preset(self, key: str) -> None:
        """Tick the codes a common comparison uses (themes count their codes' codings)."""
        if key == "custom":
            return
        applied = self._applied()
        self.preset.setCurrentIndex(self.preset.findData(key))
        self.codes.blockSignals(True)
        for item in self._items():
            code_id = item.data(0, CODE_ID)
            role = self._roles.get(code_id)
            on = {"applied": code_id in applied, "all": True, "themes": role == CodeRole.THEME,
                  "subthemes": role == CodeRole.SUBTHEME}[key]
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.codes.blockSignals(False)
        self.codes.viewport().update()
        self.roll_up.setChecked(key in ("themes", "subthemes"))

    def _unit_changed(self) -> None:
        self.share.setEnabled(self.unit.currentData() == "overlap")

    def chosen_coders(self) -> list[str]:
        return [self.coders.item(i).data(CODE_ID) for i in range(self.coders.count())
                if self.coders.item(i).checkState() == Qt.CheckState.Checked]

    def set_coders(self, names: list[str]) -> None:
        for i in range(self.coders.count()):
            item = self.coders.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ID) in names else Qt.CheckState.Unchecked)

    def set_unit(self, unit: str) -> None:
        self.unit.setCurrentIndex(self.unit.findData(unit))

    def chosen_codes(self) -> tuple[int, ...]:
        ids = []
        stack = [self.codes.topLevelItem(i) for i in range(self.codes.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item.checkState(0) == Qt.CheckState.Checked:
                ids.append(item.data(0, CODE_ID))
            stack.extend(item.child(i) for i in range(item.childCount()))
        return tuple(ids)

    def request(self) -> AgreementRequest:
        # The default ticks untouched: let the core choose (and word) the codes, as the CLI does.
        codes = None if self.preset.currentData() == "applied" else self.chosen_codes()
        return AgreementRequest(tuple(self.chosen_coders()), self.unit.currentData(), self.share.value(),
                                self.exclude_interviewer.isChecked(), codes, self.roll_up.isChecked(),
                                bootstrap=1000)  # alpha's 95% interval in the methods text and the table

    # -- results -----------------------------------------------------------------------
    def _results_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        self.title = QLabel("Choose the coders and the unit, then Compute agreement.", panel)
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-weight: 600; font-size: 13pt;")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.model = AgreementTableModel(self)
        self.table = QTableView(panel)
        self.table.setObjectName("agreement-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.open_review(self.model.row_of(index.row()).code))
        layout.addWidget(self.table, 1)
        self.sentence = QLabel(panel)
        self.sentence.setObjectName("methods-sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence.setStyleSheet(tones.panel_style(8))  # from the palette: reads light or dark
        layout.addWidget(self.sentence)
        self.description = QLabel(panel)
        self.description.setWordWrap(True)
        self.description.setStyleSheet(tones.muted_style())
        layout.addWidget(self.description)
        self.consensus_label = QLabel(panel)
        self.consensus_label.setObjectName("consensus")
        self.consensus_label.setWordWrap(True)
        layout.addWidget(self.consensus_label)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton("Copy sentence", panel)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.sentence.text()))
        self.export_button = QPushButton("Export table…", panel)
        self.export_button.clicked.connect(lambda: self.export())
        self.review_button = QPushButton("Review disagreements…", panel)
        self.review_button.setObjectName("review")
        self.review_button.clicked.connect(lambda: self.open_review())
        for button in (self.copy_button, self.export_button, self.review_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Close", panel)
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return panel

    def compute(self) -> None:
        request = self.request()
        if len(request.coders) < 2:
            self.title.setText("Tick at least two coders to compare.")
            return
        self.compute_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.title.setText("Computing…")

        def work(progress: Progress) -> tuple[AgreementResult, list[ConsensusAgreement]]:
            result = compute_agreement(self.project, request, progress)
            return result, consensus_agreement(self.project, result.request, CONSENSUS, result.documents)

        run_in_background(work, pool=self._pool, on_finished=self._show, on_error=self._failed,
                          on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        self.compute_button.setEnabled(True)
        self.progress.setVisible(False)
        self.title.setText(f"Agreement could not be computed: {describe_failure(error, self)}")

    def _show(self, outcome: tuple[AgreementResult, list[ConsensusAgreement]]) -> None:
        result, consensus = outcome
        self.result = result
        self.compute_button.setEnabled(True)
        self.progress.setVisible(False)
        report = result.report
        names = " and ".join(report.coders) if len(report.coders) == 2 else ", ".join(report.coders)
        self.title.setText(f"{names} · {report.kind.units} · {report.units:,} units in "
                           f"{report.documents or 0:,} documents")
        self.model.set_report(report)
        self.sentence.setText(result.methods)
        self.description.setText(report.description)
        self.show_consensus(consensus)
        for button in (self.copy_button, self.export_button, self.review_button):
            button.setEnabled(True)
        self.computed.emit(result)

    def show_consensus(self, figures: list[ConsensusAgreement]) -> None:
        self.consensus = figures
        self.consensus_label.setText(consensus_line(figures))

    def export(self, path: str | Path | None = None) -> Path | None:
        """Write the table (Word, Excel or CSV by suffix); asks where when no path is given."""
        if self.result is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the reliability table", str(Path.home() / "reliability.docx"),
                "Word (*.docx);;Excel (*.xlsx);;CSV (*.csv)")
            if not path:
                return None
        try:
            return write_report(self.result, path, self.consensus)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Export the reliability table", str(exc))
            return None

    def open_review(self, code: str | None = None):
        """Walk through the disagreements (of one code, when given)."""
        if self.result is None:
            return None
        from qualcode.gui.reliability.review_dialog import DisagreementReviewDialog

        self.review = DisagreementReviewDialog(self.project, self.result, self, pool=self._pool,
                                               run_command=self._run_command)
        self.review.consensusChanged.connect(self.show_consensus)
        if code:
            self.review.show_code(code)
        self.review.show()
        return self.review
