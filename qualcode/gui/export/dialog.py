"""One export dialog for every report: options, a live preview, export off the GUI thread.

The options form is built from the report's entry in the registry; every
change rebuilds the preview (after a short pause, in a worker); Export
writes the file in a worker with a progress bar and then offers to open it.
Warnings the report raises (a participant dominating a theme, themes below
the recurrence threshold) are shown before and after exporting.  Export
never writes over the project (or a file it reads) and asks before
replacing an existing report or the charts saved beside it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.errors import Cancelled
from qualcode.core.project import Project
from qualcode.gui.dialogs.preferences_dialog import preferred_export
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.export.options_form import ReportOptionsForm
from qualcode.gui.export.preview import preview_html, show
from qualcode.gui.screen_fit import fit_to_screen, scrolling
from qualcode.gui.workers import ImmediatePool, Worker, start_worker
from qualcode.io.output import OutputRefused, check_outputs
from qualcode.reports.document import ReportDocument
from qualcode.reports.export import ExportResult, export_report
from qualcode.reports.registry import report
from qualcode.reports.writers import chart_paths

FORMAT_NAMES = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "csv": "CSV (.csv)", "html": "Web page (.html)",
                "json": "qualcode codebook (.json)"}
PREVIEW_DELAY_MS = 350


def default_path(project: Project, name: str, fmt: str, folder: str = "") -> Path:
    """In ``folder`` (the preference; '' beside the project file), named after the project and the report."""
    base = Path(project.location).parent if "://" not in project.location else Path.home()
    if folder and Path(folder).expanduser().is_dir():
        base = Path(folder).expanduser()
    slug = re.sub(r"[^\w\-]+", "-", project.name).strip("-").lower() or "project"
    return base / f"{slug}-{name}.{fmt}"


def confirm_replace(parent: QWidget, files: list[Path]) -> bool:
    """Ask before replacing files that exist (tests replace this function)."""
    names = "\n".join(f"  {f.name}" for f in files)
    answer = QMessageBox.question(
        parent, "Replace existing files?",
        f"{'These files exist' if len(files) > 1 else 'This file exists'} in {files[0].parent}:\n\n{names}\n\n"
        "Replace with the new export?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class ExportDialog(QDialog):
    """Export one report: choose options, see the preview, write the file, open it."""

    def __init__(self, project: Project, name: str, parent: QWidget | None = None,
                 pool: QThreadPool | ImmediatePool | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.spec = report(name)
        self.pool = pool
        self.result: ExportResult | None = None
        self._generation = 0
        self._workers: set[Worker] = set()
        self._preview_worker: Worker | None = None
        self.preview_warnings: list[str] = []
        self._previewed: ReportDocument | None = None  # the last preview's report: which charts it has
        self._confirmed: Path | None = None  # a file the file chooser already asked about replacing
        self.setWindowTitle(f"Export — {self.spec.title}")
        self.setObjectName(f"export-{name}")
        fit_to_screen(self, 1180, 760)

        self.form = ReportOptionsForm(project, self.spec, self)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.zoomOut(2)  # closer to the printed size of a table
        about = QLabel(self.spec.description, self)
        about.setWordWrap(True)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(about)
        column.addWidget(self.form)
        column.addStretch(1)
        splitter = QSplitter(self)
        options = scrolling(left, self)  # on a short screen the options scroll; the buttons stay
        # Never narrower than its widgets: the options would be cut at the right with no way to scroll to them.
        options.setMinimumWidth(left.minimumSizeHint().width() + options.verticalScrollBar().sizeHint().width())
        splitter.addWidget(options)
        splitter.addWidget(self.preview)
        splitter.setSizes([380, 800])

        self.format = QComboBox(self)
        for fmt in self.spec.formats:
            self.format.addItem(FORMAT_NAMES.get(fmt, fmt), fmt)
        fmt, folder = preferred_export(self.spec.formats, getattr(parent, "settings", None))  # Edit → Preferences…
        self.format.setCurrentIndex(self.spec.formats.index(fmt))
        self.path = QLineEdit(str(default_path(project, name, fmt, folder)), self)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self.choose_path)
        where = QHBoxLayout()
        where.addWidget(QLabel("Format", self))
        where.addWidget(self.format)
        where.addWidget(QLabel("File", self))
        where.addWidget(self.path, 1)
        where.addWidget(browse)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 2)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(180)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton("Open the file", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_file)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(where)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.form.changed.connect(self._timer.start)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.refresh_preview()

    # -- workers -------------------------------------------------------------------
    def _start(self, worker: Worker) -> Worker:
        """Start a worker whose signals are already connected (so an immediate pool loses nothing)."""
        self._workers.add(worker)
        for signal in (worker.signals.finished, worker.signals.error, worker.signals.cancelled):
            signal.connect(lambda *_, w=worker: self._workers.discard(w))
        return start_worker(worker, self.pool)

    # -- preview -----------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Rebuild the preview in a worker; a slower, older build never overwrites a newer one."""
        self._generation += 1
        generation = self._generation
        options = self.form.options()
        spec, project = self.spec, self.project

        def build() -> tuple[int, str, list[tuple[str, bytes]], list[str], ReportDocument]:
            doc = spec.build(project, options)
            html, images = preview_html(doc)
            return generation, html, images, doc.warnings, doc

        worker = Worker(build)
        worker.signals.finished.connect(self._show_preview)
        worker.signals.error.connect(self._preview_failed)
        self._preview_worker = worker
        self._start(worker)

    def _show_preview(self, out: tuple) -> None:
        generation, html, images, warnings, doc = out
        if generation != self._generation:
            return
        self._previewed = doc
        show(self.preview, html, images)
        self.preview_warnings = list(warnings)
        if self.result is None:
            self.status.setText("\n".join(f"⚠ {w}" for w in warnings))

    def _preview_failed(self, error: BaseException) -> None:
        if self.sender() is self._preview_worker.signals:
            message = describe_failure(error, self)
            self.preview.setHtml(f"<p style='color:#9c4a00'>Cannot show this report: {html.escape(message)}</p>")

    # -- file ----------------------------------------------------------------------
    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.path.setText(str(Path(self.path.text()).with_suffix(f".{fmt}")))

    def choose_path(self) -> None:
        fmt = self.format.currentData()
        chosen, _ = QFileDialog.getSaveFileName(self, f"Export {self.spec.title.lower()}", self.path.text(),
                                                f"{FORMAT_NAMES.get(fmt, fmt)} (*.{fmt})")
        if chosen:
            self.path.setText(chosen if Path(chosen).suffix else f"{chosen}.{fmt}")
            # The file chooser asked about replacing this name (not the charts beside it).
            self._confirmed = Path(chosen).expanduser() if Path(chosen).suffix else None

    def export(self) -> None:
        """Write the file in a worker; progress and the outcome come back as signals."""
        if not self.path.text().strip():
            self.status.setText("Choose a file to write.")
            return
        fmt = self.format.currentData()
        path = Path(self.path.text()).expanduser()
        if path.suffix.lower() != f".{fmt}":  # the file's name should say what it holds
            path = path.with_suffix(f".{fmt}")
            self.path.setText(str(path))
        if not self._may_write(path):
            return
        self.export_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status.setText(f"Writing {path.name}…")
        worker = Worker(export_report, self.project, self.spec.name, path, fmt, self.form.options())
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(self._exported)
        worker.signals.error.connect(self._failed)
        worker.signals.cancelled.connect(lambda: self._failed(Cancelled()))  # the project is closing
        self._start(worker)

    def _may_write(self, path: Path) -> bool:
        """Never over the project; ask before replacing the report or its charts if they exist."""
        doc = self._previewed
        files = [path, *(f for pair in (chart_paths(doc, path) if doc and doc.charts else []) for f in pair)]
        try:
            check_outputs(files, reads=(self.project.location,))
        except OutputRefused as exc:
            self.status.setText(f"Not exported: {exc.message}")
            return False
        existing = [f for f in files if f.exists() and f != self._confirmed]
        if existing and not confirm_replace(self, existing):
            self.status.setText(f"Not exported: {existing[0].name} was kept as it is.")
            return False
        return True

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, result: ExportResult) -> None:
        self.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        names = ", ".join(p.name for p in result.files)
        self.status.setText(f"Wrote {names}" + "".join(f"\n⚠ {w}" for w in result.warnings))

    def _failed(self, error: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.export_button.setEnabled(True)
        self.status.setText(f"Not exported: {describe_failure(error, self)}")
        self.result = None

    def open_file(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.files[0])))
