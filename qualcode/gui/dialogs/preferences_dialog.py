"""Edit → Preferences… (Ctrl+,): the settings a researcher chooses, in one dialog.

Each field is an option declared once in :mod:`qualcode.app.settings.options`
(typed, with its default); the dialog only shows and writes them.  OK and
Apply write the settings file at once and make each change take effect in the
open window: the coder is switched, the open project's new transcripts get the
new line width, the next suggestion and export start from the new defaults,
and the colours change.  Cancel leaves everything as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qualcode.analysis.embeddings.registry import available_backends
from qualcode.app.settings.options import APPEARANCE, EMBEDDING_BACKEND, EXPORT_FOLDER, EXPORT_FORMAT, LINE_WIDTH
from qualcode.gui.appearance import APPEARANCE_NAMES, apply_appearance
from qualcode.gui.screen_fit import fit_to_screen, scrolling
from qualcode.gui.settings import GuiSettings

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

EXPORT_FORMATS = (("", "Each report's usual format"), ("docx", "Word (.docx)"), ("xlsx", "Excel (.xlsx)"),
                  ("csv", "CSV (.csv)"), ("html", "Web page (.html)"))
AUTO_BACKEND = ("auto", "Automatic — MiniLM; the fast static tier above 5,000 items")


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setEnabled(False)  # drawn greyed: an explanation, not a field
    return label


class PreferencesDialog(QDialog):
    """Coder, line width, similarity backend, export defaults and appearance."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.settings = window.settings
        self.setWindowTitle("Preferences")
        self.setObjectName("preferences-dialog")
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self._coding_box(body))
        column.addWidget(self._analysis_box(body))
        column.addWidget(self._export_box(body))
        column.addWidget(self._appearance_box(body))
        column.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body, self), 1)  # on a short screen the fields scroll; the buttons stay
        layout.addWidget(self.buttons)
        fit_to_screen(self, 700, 600)

    # -- the fields --------------------------------------------------------------------------
    def _coding_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Coding", parent)
        form = QFormLayout(box)
        session = self.window_.session
        self.coder = QLineEdit(self.settings.coder_name or (session.project.coder_name if session else ""), box)
        self.coder.setPlaceholderText("Your name or initials")
        self.coder.setToolTip("Recorded with every code you apply; a second coder uses their own name")
        form.addRow("Coder name", self.coder)
        self.line_width = QSpinBox(box)
        self.line_width.setRange(40, 200)
        self.line_width.setSuffix(" characters")
        self.line_width.setValue(self.settings.value(LINE_WIDTH))
        form.addRow("Line width for new transcripts", self.line_width)
        form.addRow(_note("Transcripts imported from now on (into the open project and new ones) are cut into "
                          "numbered lines of this length. Transcripts already imported keep their lines, so "
                          "their line numbers never change.", box))
        return box

    def _analysis_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Suggestions", parent)
        form = QFormLayout(box)
        self.backend = QComboBox(box)
        self.backend.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.backend.setMinimumContentsLength(24)  # long reasons ("needs … (pip install …)") must not widen it
        self.backend.addItem(AUTO_BACKEND[1], AUTO_BACKEND[0])
        items = self.backend.model()
        for info in available_backends():
            self.backend.addItem(info.label if info.available else f"{info.label} — {info.reason}", info.name)
            item = items.item(self.backend.count() - 1)  # type: ignore[attr-defined]
            item.setEnabled(info.available)
            item.setToolTip(info.reason or info.label)
        chosen = self.backend.findData(self.settings.value(EMBEDDING_BACKEND))
        self.backend.setCurrentIndex(max(chosen, 0))
        form.addRow("Compare passages with", self.backend)
        form.addRow(_note("Used by Analysis → Suggest themes… and Suggest codes for the selection…. Everything "
                          "runs on this computer; nothing is sent anywhere.", box))
        return box

    def _export_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Export", parent)
        form = QFormLayout(box)
        self.export_format = QComboBox(box)
        for value, label in EXPORT_FORMATS:
            self.export_format.addItem(label, value)
        self.export_format.setCurrentIndex(max(self.export_format.findData(self.settings.value(EXPORT_FORMAT)), 0))
        self.export_format.setToolTip("Chosen first in the Export dialog when the report can be saved in it")
        form.addRow("Preferred format", self.export_format)
        self.export_folder = QLineEdit(self.settings.value(EXPORT_FOLDER), box)
        self.export_folder.setPlaceholderText("Beside the project file")
        choose = QPushButton("Choose…", box)
        choose.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.export_folder, 1)
        row.addWidget(choose)
        form.addRow("Save reports in", row)
        return box

    def _appearance_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Appearance", parent)
        row = QHBoxLayout(box)
        self.appearance = QButtonGroup(box)
        current = self.settings.value(APPEARANCE)
        for value, label in APPEARANCE_NAMES.items():
            button = QRadioButton(label, box)
            button.setObjectName(f"appearance-{value}")
            button.setChecked(value == current)
            self.appearance.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        return box

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save reports in", self.export_folder.text())
        if folder:
            self.export_folder.setText(folder)

    def chosen_appearance(self) -> str:
        button = self.appearance.checkedButton()
        return button.objectName().removeprefix("appearance-") if button else "system"

    # -- taking effect -------------------------------------------------------------------------
    def apply(self) -> None:
        """Write every field to the settings file and make it take effect in the open window."""
        window, settings = self.window_, self.settings
        name = self.coder.text().strip()
        if name and name != (settings.coder_name or ""):
            if window.session is not None and window.session.project.read_only is None:
                window.set_coder(name)
            else:
                settings.coder_name = name
        width = self.line_width.value()
        settings.set_value(LINE_WIDTH, width)
        project = window.session.project if window.session is not None else None
        if project is not None and project.read_only is None and project.line_width != width:
            project.set_meta("line_width", str(width))  # the open project's next imports
        settings.set_value(EMBEDDING_BACKEND, str(self.backend.currentData()))
        settings.set_value(EXPORT_FORMAT, str(self.export_format.currentData()))
        settings.set_value(EXPORT_FOLDER, self.export_folder.text().strip())
        appearance = self.chosen_appearance()
        settings.set_value(APPEARANCE, appearance)
        apply_appearance(appearance)
        window.statusBar().showMessage("Preferences saved", 4000)

    def accept(self) -> None:
        self.apply()
        super().accept()


def preferred_export(formats: tuple[str, ...] | list[str], settings: GuiSettings | None = None) -> tuple[str, str]:
    """The format a report's Export dialog starts with (the preferred one when offered) and the folder."""
    settings = settings or GuiSettings()
    wanted = settings.value(EXPORT_FORMAT)
    return (wanted if wanted in formats else formats[0]), settings.value(EXPORT_FOLDER)


def open_preferences(window: MainWindow) -> PreferencesDialog:
    """Edit → Preferences…: the dialog, open (not blocking) so tests can fill it in."""
    from PySide6.QtCore import Qt

    dialog = PreferencesDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.preferences_dialog = dialog
    dialog.open()
    return dialog
