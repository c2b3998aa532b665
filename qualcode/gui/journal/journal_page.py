"""The Journal tab: entries listed, searched and browsed on the left, the one being written on the right.

What is typed is saved when the researcher presses Save (Ctrl+Return),
moves to another entry, or closes the window — each save one undoable
command, so Edit → Undo takes it back like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.errors import NotFound
from qualcode.core.journal.commands import AddJournalEntry, DeleteJournalEntry, EditJournalEntry
from qualcode.core.journal.entries import Journal, JournalEntry
from qualcode.core.journal.links import Link
from qualcode.gui.journal.models import JournalTableModel
from qualcode.gui.session import Session

DATES = (("Any date", None), ("Today", 0), ("Last 7 days", 6), ("Last 30 days", 29))


class JournalPage(QWidget):
    """``goToRequested(link)`` asks the window to show what an entry is about."""

    goToRequested = Signal(object)

    def __init__(self, session: Session, link_here: Callable[[], Link | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._link_here = link_here  # what "Link to selection" links to: the selected lines or code
        self._current: JournalEntry | None = None  # None: a new entry is being written
        self._link: Link | None = None
        self._loading = False
        self.search = QLineEdit(self, objectName="journal-search", placeholderText="Search the journal (any case)…",
                                clearButtonEnabled=True)
        self.dates = QComboBox(self, objectName="journal-dates")
        for label, days in DATES:
            self.dates.addItem(label, days)
        self.about = QComboBox(self, objectName="journal-about")
        self.about.setMinimumContentsLength(18)
        self.about.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.dates)
        bar.addWidget(self.about, 1)
        self.model = JournalTableModel(self)
        self.table = QTableView(self, objectName="journal-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 170)
        header.setStretchLastSection(True)
        self.count = QLabel(self, objectName="journal-count")
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)

        self.heading = QLabel(self, objectName="journal-heading")
        self.about_label = QLabel(self, objectName="journal-link")
        self.about_label.setWordWrap(True)
        self.go = QPushButton("Go to it", self, objectName="journal-go")
        self.unlink = QPushButton("No link", self, objectName="journal-unlink")
        self.link_here = QPushButton("Link to selection", self, objectName="journal-link-selection")
        self.link_here.setToolTip("Link this entry to the lines selected in the transcript, or else the code "
                                  "selected in the code tree")
        links = QHBoxLayout()
        links.addStretch(1)
        for b in (self.go, self.link_here, self.unlink):
            links.addWidget(b)
        self.text = QPlainTextEdit(self, objectName="journal-text")
        self.text.setPlaceholderText("What you noticed, felt, decided — and why. Saved with Save (Ctrl+Return), "
                                     "when you move to another entry, or when you close this window.")
        self.new = QPushButton("New entry", self, objectName="journal-new")
        self.save = QPushButton("Save", self, objectName="journal-save")
        self.delete = QPushButton("Delete", self, objectName="journal-delete")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        buttons.addWidget(self.save)
        right = QWidget(self)
        editor = QVBoxLayout(right)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addWidget(self.heading)
        editor.addWidget(self.about_label)
        editor.addLayout(links)
        editor.addWidget(self.text, 1)
        editor.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.reload)
        self.dates.currentIndexChanged.connect(self.reload)
        self.about.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _i: self._go())
        self.go.clicked.connect(self._go)
        self.unlink.clicked.connect(lambda: self._set_link(None))
        self.link_here.clicked.connect(lambda: self._set_link(self._link_here() or self._link))
        self.new.clicked.connect(lambda: self.start_entry(None))
        self.save.clicked.connect(self.save_now)
        self.delete.clicked.connect(self._delete)
        QShortcut(QKeySequence("Ctrl+Return"), self.text, self.save_now)
        self.reload()
        self.start_entry(None)

    # -- the list ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the entries again with the search, date and link filters (after any change)."""
        self._fill_about()
        days = self.dates.currentData()
        since = None if days is None else datetime.now(UTC).date() - timedelta(days=days)
        guid = self.about.currentData()
        kind, _, value = (guid or "::").partition(":")
        entries = Journal(self.session.project).entries(
            self.search.text(), since=since, until=None if since is None else date.max,
            document_guid=value if kind == "document" else None, code_guid=value if kind == "code" else None)
        if kind == "none":
            entries = [e for e in entries if e.link is None]
        keep = self._current.id if self._current else None
        self._loading = True
        self.model.set_rows(entries)
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._loading = False
        total = len(Journal(self.session.project).entries())
        self.count.setText(f"{len(entries)} of {total} entries" if len(entries) != total else
                           f"{total} entr{'y' if total == 1 else 'ies'}")

    def _fill_about(self) -> None:
        """Anything / the project only / each thing some entry is about."""
        chosen = self.about.currentData()
        seen: dict[str, str] = {}
        for e in Journal(self.session.project).entries():
            if e.link is not None:
                key = f"code:{e.link.code_guid}" if e.link.code_guid else f"document:{e.link.document_guid}"
                seen.setdefault(key, e.link.describe() if e.link.kind != "lines" else e.link.label)
        self.about.blockSignals(True)
        self.about.clear()
        self.about.addItem("About anything", None)
        self.about.addItem("About the project (no link)", "none:")
        for key, label in sorted(seen.items(), key=lambda kv: kv[1].casefold()):
            self.about.addItem(f"About {label}", key)
        index = self.about.findData(chosen)
        self.about.setCurrentIndex(max(index, 0))
        self.about.blockSignals(False)

    def _row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if self._loading or not current.isValid():
            return
        self.save_if_changed()
        self._show(self.model.entry(current.row()))

    # -- the editor ----------------------------------------------------------------------
    def start_entry(self, link: Link | None) -> None:
        """A new, empty entry (about ``link``) with the cursor in it; what was typed before is saved."""
        self.save_if_changed()
        self._current = None
        self.table.clearSelection()
        self.heading.setText("<b>New entry</b> — dated when saved")
        self.text.setPlainText("")
        self._set_link(link)
        self.delete.setEnabled(False)
        self.text.setFocus()

    def _show(self, entry: JournalEntry) -> None:
        self._current = entry
        edited = f" · edited {entry.updated_at:%Y-%m-%d %H:%M}" if entry.updated_at > entry.written_at else ""
        self.heading.setText(f"<b>Written {entry.written_at:%Y-%m-%d %H:%M} UTC</b> by {entry.coder}{edited}")
        self.text.setPlainText(entry.text)
        self._set_link(entry.link)
        self.delete.setEnabled(True)

    def _set_link(self, link: Link | None) -> None:
        self._link = link
        self.about_label.setText(f"About: <b>{link.describe()}</b>" if link else "About: the project (no link)")
        self.go.setEnabled(link is not None)
        self.unlink.setEnabled(link is not None)

    def _changed(self) -> bool:
        text = self.text.toPlainText().strip()
        if self._current is None:
            return bool(text)
        return text != self._current.text or self._link != self._current.link

    def save_if_changed(self) -> None:
        if self._changed() and self.text.toPlainText().strip():
            self.save_now()

    def save_now(self) -> None:
        text = self.text.toPlainText()
        if not text.strip() or not self._changed():
            return
        if self._current is None:
            command = AddJournalEntry(text, self._link)
            if self.session.run(command) and command.entry is not None:
                self._current = command.entry
        else:
            if self.session.run(EditJournalEntry(self._current.id, text, self._link)):
                self._current = Journal(self.session.project).get(self._current.id)
        self.reload()
        if self._current is not None:
            self._show(self._current)

    def _delete(self) -> None:
        if self._current is not None and self.session.run(DeleteJournalEntry(self._current.id)):
            self._current = None
            self.reload()
            self.start_entry(None)

    def _go(self) -> None:
        if self._link is not None:
            self.goToRequested.emit(self._link)

    def journal_changed(self) -> None:
        """Entries changed (a save, an undo, another program): list again, and show the entry as it is now."""
        shown, dirty = self._current, self._changed()
        self.reload()
        if shown is None or dirty:
            return
        try:
            now = Journal(self.session.project).get(shown.id)
        except NotFound:  # undone or deleted elsewhere: nothing of the researcher's is lost
            self._current = None
            self.text.setPlainText("")
            self.start_entry(None)
            return
        if now != shown:
            self._show(now)
