"""Export → REFI-QDA project (.qdpx) / codebook (.qdc): hand the work to NVivo, ATLAS.ti, MAXQDA or QualCoder.

The file is written in a worker (a large project has many documents to
zip) with a progress bar and a Stop button; it is never written over the
project, and an existing file is replaced only when the researcher says so.
What the other tool will not see as qualcode does (a control character
written as �, a span outside its text) is listed under the result.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.errors import Cancelled
from qualcode.core.exchange.outgoing import export_qdc, export_qdpx
from qualcode.core.project import Project
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.export.dialog import confirm_replace
from qualcode.gui.screen_fit import fit_to_screen
from qualcode.gui.workers import Worker, run_in_background
from qualcode.io.output import OutputRefused, check_outputs

KINDS = {
    "qdpx": ("REFI-QDA project (.qdpx)", "the whole project: documents, codebook, codings with their coders, "
             "exploratory notes and memos, participants with their attributes, and the IPA levels"),
    "qdc": ("REFI-QDA codebook (.qdc)", "the codebook only: codes, themes and sub-themes with their nesting, "
            "colours and definitions"),
}


def default_refi_path(project: Project, kind: str) -> Path:
    """Beside the project, named after it (``study.qdpx``, ``study-codebook.qdc``)."""
    base = Path(project.location).parent if "://" not in project.location else Path.home()
    slug = re.sub(r"[^\w\-]+", "-", project.name).strip("-").lower() or "project"
    return base / (f"{slug}.qdpx" if kind == "qdpx" else f"{slug}-codebook.qdc")


class RefiExportDialog(QDialog):
    """Choose project or codebook and where, then write it off the GUI thread."""

    def __init__(self, project: Project, kind: str = "qdpx", parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.setObjectName("refi-export-dialog")
        self.setWindowTitle("Export for another QDA tool (REFI-QDA)")
        self.project, self._pool = project, pool
        self.worker: Worker | None = None
        self.written: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("NVivo, ATLAS.ti, MAXQDA, QualCoder and other tools open REFI-QDA files.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.kinds = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, (title, what) in KINDS.items():
            button = QRadioButton(title)
            button.setObjectName(f"refi-export-{key}")
            self.kinds.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
            detail = QLabel(what[:1].upper() + what[1:] + ".")
            detail.setWordWrap(True)
            detail.setIndent(24)  # under the button's text, not its circle
            layout.addWidget(detail)
            button.toggled.connect(lambda on, k=key: on and self._kind_changed(k))
        row = QHBoxLayout()
        self.path = QLineEdit(str(default_refi_path(project, kind)))
        self.path.setObjectName("refi-export-path")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_path)
        row.addWidget(QLabel("Write to:"))
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("refi-export-status")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        box.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        self.stop_button.clicked.connect(self.stop)
        layout.addWidget(box)
        self.buttons[kind if kind in KINDS else "qdpx"].setChecked(True)
        fit_to_screen(self, 720, 360)

    @property
    def kind(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def _kind_changed(self, kind: str) -> None:
        current = Path(self.path.text()).expanduser()
        if current == default_refi_path(self.project, "qdpx" if kind == "qdc" else "qdc"):
            self.path.setText(str(default_refi_path(self.project, kind)))
        elif current.suffix.lower() != f".{kind}":
            self.path.setText(str(current.with_suffix(f".{kind}")))

    def choose_path(self) -> None:
        title, _ = KINDS[self.kind]
        chosen, _ = QFileDialog.getSaveFileName(self, f"Export {title}", self.path.text(),
                                                f"{title} (*.{self.kind})")
        if chosen:
            self.path.setText(chosen if Path(chosen).suffix else f"{chosen}.{self.kind}")

    def _may_write(self, path: Path) -> bool:
        try:
            check_outputs([path], reads=(self.project.location,))
        except OutputRefused as exc:
            self.status.setText(f"Not exported: {exc.message}")
            return False
        if path.exists() and not confirm_replace(self, [path]):
            self.status.setText(f"Not exported: {path.name} was kept as it is.")
            return False
        return True

    def export(self) -> None:
        """Write the file in a worker; progress, the outcome and any warnings come back as signals."""
        kind = self.kind
        if not self.path.text().strip():
            self.status.setText("Choose a file to write.")
            return
        path = Path(self.path.text()).expanduser()
        if path.suffix.lower() != f".{kind}":  # the file's name says what it holds; other tools go by it
            path = path.with_suffix(f".{kind}")
            self.path.setText(str(path))
        if not self._may_write(path):
            return
        self.export_button.setEnabled(False)
        self.stop_button.setEnabled(kind == "qdpx")
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status.setText(f"Writing {path.name}…")
        self._target = path
        if kind == "qdpx":
            self.worker = run_in_background(export_qdpx, self.project, path, pool=self._pool,
                                            on_progress=self._progressed, on_finished=self._done,
                                            on_error=self._failed, on_cancelled=lambda: self._failed(Cancelled()))
        else:
            self.worker = run_in_background(export_qdc, self.project, path, pool=self._pool,
                                            on_finished=self._done, on_error=self._failed,
                                            on_cancelled=lambda: self._failed(Cancelled()))

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _done(self, warnings: list[str]) -> None:
        self.written = self._target
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.export_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.status.setText(f"Wrote {self._target}" + "".join(f"\n⚠ {w}" for w in warnings))

    def _failed(self, error: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.export_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if isinstance(error, Cancelled):
            self.status.setText("Stopped: nothing was written.")
        else:
            self.status.setText(f"Not exported: {describe_failure(error, self)}")


def open_refi_export(window: QMainWindow, kind: str = "qdpx") -> RefiExportDialog | None:
    """Export → REFI-QDA …: the dialog on the open project (a word to open one first otherwise)."""
    session = getattr(window, "session", None)
    if session is None:
        QMessageBox.information(window, "Export for another QDA tool", "Open or create a project first.")
        return None
    dialog = RefiExportDialog(session.project, kind, window)
    dialog.setModal(False)
    dialog.show()
    window._refi_export_dialog = dialog  # type: ignore[attr-defined]  # kept alive while it is open
    return dialog
