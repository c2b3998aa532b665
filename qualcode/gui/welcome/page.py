"""The page the window shows when nothing is open, and in a project before a document is chosen.

With no project: open a sample project (the researcher's own copy, made on
first use), start a new project, start one from files, open a project, or
click one of the recent projects.  In a project with nothing shown yet: how
to import files and how to code, with an Import button.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qualcode.gui.welcome.samples import SAMPLES, sample_copy, sample_sources

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

IMPORT_HINT = ("<p>File → Import files… (Ctrl+Shift+I) brings in transcripts (.txt, .docx, .odt, .rtf, .pdf, "
               ".vtt, .srt) and survey tables (.csv, .xlsx); you can also drop the files onto this window.</p>")
CODING_HINT = ("<p>Then choose a document on the left. Select text and press Ctrl+K to code it, Ctrl+I for an "
               "in-vivo code, Ctrl+E for an emergent theme, Ctrl+1/2/3 for a descriptive, linguistic or conceptual "
               "note. Help → User guide (F1) walks through an IPA study and a survey analysis.</p>")
PRIVACY = "Everything stays on this computer: qualcode never sends your data anywhere."


def _button(text: str, tip: str, parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setMinimumHeight(38)
    return button


class WelcomePage(QScrollArea):
    """First-run welcome and the empty project's page (``window.welcome``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("welcome-page")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.window_ = window
        self._building: str | None = None
        body = QWidget(self)
        outer = QHBoxLayout(body)
        column = QVBoxLayout()
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.title = QLabel("<h1>Welcome to qualcode</h1>", body)
        self.intro = QLabel(body)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        self.start = QWidget(body)
        column.addWidget(self.start)
        self._start_buttons(self.start)
        self.import_button = _button("Import files…", "Transcripts and survey tables into this project", body,
                                     "welcome-import")
        self.import_button.clicked.connect(self.import_files)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        column.addLayout(row)
        self.recent_title = QLabel("<h3>Recent projects</h3>", body)
        self.recent = QListWidget(body)
        self.recent.setObjectName("welcome-recent")
        self.recent.setToolTip("Click a project to open it")
        self.recent.itemActivated.connect(self._open_recent)
        self.recent.itemClicked.connect(self._open_recent)
        self.recent.setMaximumHeight(220)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent)
        self.status = QLabel("", body)
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        column.addStretch(2)
        self.setWidget(body)
        self.show_project(None)

    def _start_buttons(self, parent: QWidget) -> None:
        grid = QGridLayout(parent)
        grid.setContentsMargins(0, 8, 0, 8)
        self.sample_buttons: dict[str, QPushButton] = {}
        installed = sample_sources() is not None
        for column, (key, (title, about)) in enumerate(SAMPLES.items()):
            button = _button(f"Open the {title}", about if installed else
                             "The sample projects are not installed with this copy of qualcode", parent,
                             f"welcome-sample-{key}")
            button.setEnabled(installed)
            button.clicked.connect(lambda _=False, k=key: self.open_sample(k))
            grid.addWidget(button, 0, column)
            self.sample_buttons[key] = button
        from qualcode.gui.menus.file_menu import new_project, open_project

        self.new_button = _button("New project…", "An empty project: you choose where its file goes", parent,
                                  "welcome-new")
        self.new_button.clicked.connect(lambda: new_project(self.window_))
        self.from_files = _button("New project from files…", "A new project, then choose the transcripts or "
                                  "survey tables to import into it", parent, "welcome-from-files")
        self.from_files.clicked.connect(self.new_project_from_files)
        self.open_button = _button("Open project…", "A .qualcode project file", parent, "welcome-open")
        self.open_button.clicked.connect(lambda: open_project(self.window_))
        grid.addWidget(self.new_button, 1, 0)
        grid.addWidget(self.from_files, 1, 1)
        grid.addWidget(self.open_button, 2, 0)

    # -- what is shown ----------------------------------------------------------------------------
    def show_project(self, name: str | None) -> None:
        """The welcome (``name`` None) or the page of the open project ``name`` before a document is chosen."""
        welcome = name is None
        self.title.setText("<h1>Welcome to qualcode</h1>" if welcome else f"<h2>{_escape(name or '')}</h2>")
        self.intro.setText(
            f"<p>Code interviews for interpretative phenomenological analysis (IPA) and open survey answers. "
            f"{PRIVACY}</p><p>New here? Open a sample project and press F1 for the user guide.</p>"
            if welcome else IMPORT_HINT + CODING_HINT)
        self.start.setVisible(welcome)
        self.import_button.setVisible(not welcome)
        self.recent_title.setVisible(welcome)
        self.recent.setVisible(welcome)
        self.status.clear()
        self.fill_recent()

    def text(self) -> str:
        """What the page says, as plain text (what a screen reader reads; tests too)."""
        from PySide6.QtGui import QTextDocument

        shown = [w.text() for w in (self.title, self.intro) if not w.isHidden()]
        buttons = [b.text() for b in self.findChildren(QPushButton) if not b.isHidden() and b.isVisibleTo(self)]
        document = QTextDocument()
        document.setHtml("".join(shown))
        return "\n".join([document.toPlainText(), *buttons])

    def fill_recent(self) -> None:
        self.recent.clear()
        for path in self.window_.settings.recent_projects:
            item = QListWidgetItem(f"{Path(path).stem}    —    {path}", self.recent)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path if Path(path).exists() else f"{path} (not found)")
        if not self.window_.settings.recent_projects:
            item = QListWidgetItem("None yet: projects you open are listed here.", self.recent)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.window_.session is None:
            self.fill_recent()  # a project opened and closed meanwhile

    # -- doing -------------------------------------------------------------------------------------
    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path and self.window_.session is None:  # a click and its double-click open it once
            from qualcode.gui.app import open_initial_view
            from qualcode.gui.menus.file_menu import open_project

            project = open_project(self.window_, path)
            if project is not None:
                open_initial_view(self.window_, project)  # where the researcher left off

    def _import_action(self) -> QAction | None:
        return next((a for a in self.window_.findChildren(QAction) if a.objectName() == "action-import"), None)

    def import_files(self) -> None:
        action = self._import_action()
        if action is not None:
            action.trigger()

    def new_project_from_files(self) -> None:
        from qualcode.gui.menus.file_menu import new_project

        if new_project(self.window_) is not None:
            self.import_files()

    def open_sample(self, key: str, pool=None) -> None:
        """Open the researcher's own copy of a sample project (made in a worker the first time)."""
        if self._building is not None:
            return
        from qualcode.gui.workers import run_in_background

        self._building = key
        for button in self.sample_buttons.values():
            button.setEnabled(False)
        self.status.setText(f"Preparing your copy of the {SAMPLES[key][0]}… (the first time takes a few "
                            "seconds)")
        run_in_background(sample_copy, key, pool=pool, on_finished=self._sample_ready, on_error=self._sample_failed)

    def _sample_ready(self, path: object) -> None:
        self._done()
        from qualcode.gui.app import open_initial_view
        from qualcode.gui.menus.file_menu import open_project

        project = open_project(self.window_, str(path))
        if project is not None:
            open_initial_view(self.window_, project)

    def _sample_failed(self, error: BaseException) -> None:
        self._done()
        message = getattr(error, "message", None) or str(error)
        self.status.setText(f"The sample project could not be opened: {message}")

    def _done(self) -> None:
        self._building = None
        installed = sample_sources() is not None
        for button in self.sample_buttons.values():
            button.setEnabled(installed)


def _escape(text: str) -> str:
    import html

    return html.escape(text)
