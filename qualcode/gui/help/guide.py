"""Help → User guide: docs/guide.md shown in the app, with its screenshots and a list of its sections.

The guide is one Markdown file written for the GitHub page and for this
viewer alike.  :func:`guide_file` finds it wherever qualcode was installed:
inside a PyInstaller folder, in a source checkout (also an editable install,
which is how ``make run`` installs), or in ``share/qualcode/docs`` where a
wheel puts it (``[tool.setuptools.data-files]`` in pyproject.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImageReader, QResizeEvent, QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QSplitter, QTextBrowser, QVBoxLayout, QWidget

import qualcode
from qualcode.gui.screen_fit import fit_to_screen

GUIDE = Path("docs") / "guide.md"


def guide_places() -> list[Path]:
    """Where the guide may be, most specific first."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build
    if bundle:
        places.append(Path(bundle) / GUIDE)
    places.append(Path(qualcode.__file__).resolve().parents[1] / GUIDE)  # a checkout or editable install
    places.append(Path(sys.prefix) / "share" / "qualcode" / GUIDE)  # a wheel's data files
    return places


def guide_file() -> Path | None:
    """The user guide, or None when this copy of qualcode was installed without it."""
    return next((p for p in guide_places() if p.is_file()), None)


class GuideBrowser(QTextBrowser):
    """The guide's text; screenshots shrink to the width of the pane (never wider than they are)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)  # nothing is fetched: a link elsewhere is shown, not followed
        self._natural: dict[str, int] = {}
        self.folder = Path.cwd()  # where the guide's relative image paths start

    def fit_images(self) -> None:
        room = max(200, self.viewport().width() - 40)
        document = self.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    natural = self._natural_width(image)
                    if natural:
                        width = min(natural, room)
                        if abs(image.width() - width) > 1:
                            image.setWidth(width)
                            image.setHeight(0)
                            cursor = QTextCursor(document)
                            cursor.setPosition(fragment.position())
                            cursor.setPosition(fragment.position() + fragment.length(),
                                               QTextCursor.MoveMode.KeepAnchor)
                            cursor.setCharFormat(image)
                it += 1
            block = block.next()

    def _natural_width(self, image: QTextImageFormat) -> int:
        name = image.name()
        if name not in self._natural:
            url = QUrl(name)
            path = Path(url.toLocalFile()) if url.isLocalFile() else self.folder / name
            self._natural[name] = QImageReader(str(path)).size().width() if path.is_file() else 0
        return self._natural[name]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_images()


class GuideDialog(QDialog):
    """The user guide beside its sections; click a section to go there."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("qualcode — User guide")
        self.setObjectName("user-guide")
        self.path = path or guide_file()
        self.sections = QListWidget(self)
        self.sections.setObjectName("guide-sections")
        self.sections.setToolTip("The guide's sections: click one to go there")
        self.browser = GuideBrowser(self)
        self.browser.setObjectName("guide-text")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sections)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1180, 900)
        self._blocks: list[int] = []
        self.load()
        self.sections.currentRowChanged.connect(self.go_to_section)

    def load(self) -> None:
        if self.path is None:
            places = "\n".join(f"- {p}" for p in guide_places())
            self.browser.setMarkdown("# The user guide is not installed\n\nThis copy of qualcode was installed "
                                     f"without docs/guide.md. It was looked for in:\n\n{places}\n")
            return
        self.browser.folder = self.path.parent
        self.browser.setSearchPaths([str(self.path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(self.path)), QTextDocument.ResourceType.MarkdownResource)
        self.sections.clear()
        self._blocks = []
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (1, 2, 3) and block.text().strip():
                self.sections.addItem(("" if level <= 2 else "    ") + block.text().strip())
                self._blocks.append(block.position())
            block = block.next()
        self.browser.fit_images()

    def section_titles(self) -> list[str]:
        return [self.sections.item(i).text().strip() for i in range(self.sections.count())]

    def go_to_section(self, row: int) -> None:
        if not 0 <= row < len(self._blocks):
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self._blocks[row])
        self.browser.setTextCursor(cursor)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back up: the heading lands at the top, not the bottom
        self.browser.ensureCursorVisible()
