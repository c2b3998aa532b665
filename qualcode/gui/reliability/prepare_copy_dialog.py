"""File → Prepare a copy for a second coder: who, which documents, and where to save it.

The sample's size per stratum is shown before anything is written, so the
researcher can see that a 20% sample stratified by role group holds about
a fifth of every group.  The copy is written in a worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.project import PROJECT_SUFFIX, Project
from qualcode.core.reliability.second_coder_copy import (
    SampleSpec,
    SplitError,
    SplitReport,
    prepare_copy,
    preview_sample,
)
from qualcode.gui import tones
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.workers import run_in_background


class PrepareCopyDialog(QDialog):
    """``prepared(SplitReport)`` once the copy is written."""

    prepared = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None, pool: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepare-copy-dialog")
        self.setWindowTitle("Prepare a copy for a second coder")
        self.project = project
        self.report: SplitReport | None = None
        self._pool = pool
        layout = QVBoxLayout(self)
        intro = QLabel("The second coder gets the documents with their line numbers and the codebook — "
                       "no codings, no notes — and codes blind. Bring their work back with "
                       "Reliability → Merge a second coder's project.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.coder = QLineEdit(self)
        self.coder.setObjectName("coder")
        self.coder.setPlaceholderText("e.g. Sam")
        form.addRow("Second coder", self.coder)
        self.all_documents = QRadioButton("All documents", self)
        self.sample = QRadioButton("A sample of", self)
        group = QButtonGroup(self)
        group.addButton(self.all_documents)
        group.addButton(self.sample)
        self.share = QDoubleSpinBox(self)
        self.share.setObjectName("share")
        self.share.setRange(1, 100)
        self.share.setValue(20)
        self.share.setDecimals(0)
        self.share.setSuffix(" % of documents")
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample)
        sample_row.addWidget(self.share)
        sample_row.addStretch(1)
        form.addRow("Documents", self.all_documents)
        form.addRow("", sample_row)
        self.stratify = QComboBox(self)
        self.stratify.setObjectName("stratify")
        self.stratify.addItem("No strata (simple random sample)", None)
        if len(project.documents.questions()) > 1:
            self.stratify.addItem("Question", "question")
        for name in project.participants.attribute_types():
            self.stratify.addItem(f"Attribute: {name}", name)
        form.addRow("Stratify by", self.stratify)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 10**6)
        self.seed.setValue(1)
        self.seed.setToolTip("The same seed draws the same sample again")
        form.addRow("Seed", self.seed)
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        base = Path(project.location)
        self.path.setText(str(base.with_name(f"{base.stem} - second coder{PROJECT_SUFFIX}")))
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form.addRow("Save as", path_row)
        layout.addLayout(form)
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(tones.panel_style(6))  # from the palette: reads light or dark
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.prepare_button = self.buttons.addButton("Prepare copy", QDialogButtonBox.ButtonRole.AcceptRole)
        self.prepare_button.setObjectName("prepare")
        self.buttons.accepted.connect(self.prepare)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.sample.setChecked(True)
        for signal in (self.all_documents.toggled, self.share.valueChanged, self.stratify.currentIndexChanged,
                       self.seed.valueChanged):
            signal.connect(self.update_preview)
        self.update_preview()
        self.resize(560, 420)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the copy as", self.path.text(),
                                              f"qualcode projects (*{PROJECT_SUFFIX})")
        if path:
            self.path.setText(path if path.endswith(PROJECT_SUFFIX) else path + PROJECT_SUFFIX)

    def spec(self) -> SampleSpec:
        if self.all_documents.isChecked():
            return SampleSpec(None, self.seed.value(), None)
        return SampleSpec(self.share.value() / 100, self.seed.value(), self.stratify.currentData())

    def update_preview(self) -> None:
        """How many documents the sample takes, per stratum (nothing is written yet)."""
        self.share.setEnabled(self.sample.isChecked())
        self.stratify.setEnabled(self.sample.isChecked())
        spec = self.spec()
        try:
            strata = preview_sample(self.project, spec)
        except SplitError as exc:
            self.preview.setText(str(exc))
            return
        taken = sum(t for t, _ in strata.values())
        total = sum(n for _, n in strata.values())
        lines = [f"The copy will hold {taken:,} of {total:,} documents."]
        if spec.stratify:
            lines += [f"  {name}: {t:,} of {n:,}" for name, (t, n) in strata.items()]
        self.preview.setText("\n".join(lines))

    def prepare(self) -> None:
        coder = self.coder.text().strip() or None
        path = self.path.text().strip()
        if not path:
            self.preview.setText("Choose where to save the copy.")
            return
        if Path(path).exists():
            self.preview.setText(f"{path}: a file already exists there; choose another name.")
            return
        self.prepare_button.setEnabled(False)
        self.preview.setText("Writing the copy…")
        run_in_background(prepare_copy, self.project, path, coder, self.spec(), pool=self._pool,
                          on_finished=self._done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.prepare_button.setEnabled(True)
        self.preview.setText(f"The copy was not made: {describe_failure(error, self)}")

    def _done(self, report: SplitReport) -> None:
        self.report = report
        self.preview.setText(report.summary() + "\n\nSend this file to the second coder.")
        self.prepare_button.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self.prepared.emit(report)
