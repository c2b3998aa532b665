"""The "Journal & memos" window (View → Journal & memos, Ctrl+Shift+J).

A window of its own rather than another dock: the journal is written at
length, beside the transcript, and a 1280×720 screen has no room for a
fourth panel.  It follows the project through the core's events (journal,
memos, codebook and documents) and sends "Go to it" back to the main
window, which opens the lines or selects the code.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from qualcode.core import events
from qualcode.core.errors import QualcodeError
from qualcode.core.journal.entries import JOURNAL_CHANGED
from qualcode.core.journal.links import Link, place_of
from qualcode.core.journal.memos import MemoOn
from qualcode.gui.event_bridge import ProjectEvents
from qualcode.gui.journal.journal_page import JournalPage
from qualcode.gui.journal.memo_page import MemoPage
from qualcode.gui.screen_fit import fit_to_screen
from qualcode.gui.session import Session


class JournalWindow(QWidget):
    """The journal and the memos of the open project, in two tabs."""

    def __init__(self, session: Session, link_here: Callable[[], Link | None],
                 go_to_code: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("journal-window")
        self.setWindowTitle(f"Journal & memos — {session.project.name}")
        self.session = session
        self._go_to_code = go_to_code
        self.tabs = QTabWidget(self)
        self.journal = JournalPage(session, link_here, self)
        self.memos = MemoPage(session, self)
        self.tabs.addTab(self.journal, "Journal")
        self.tabs.addTab(self.memos, "Memos")
        export = QPushButton("Export audit trail…", self, objectName="journal-export")
        export.setToolTip("The journal, the memos and the themes' history, for a supervisor or an examiner "
                          "(Word, HTML, Excel or CSV)")
        export.clicked.connect(self._export)
        self.tabs.setCornerWidget(export, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        fit_to_screen(self, 1040, 660)
        self._bridge = ProjectEvents(session.project, self)
        self._bridge.changed.connect(self._on_event)
        session.refreshed.connect(self._refresh_all)
        self.journal.goToRequested.connect(self.go_to_link)
        self.memos.goToRequested.connect(self._go_to_memo)

    def new_entry(self, link: Link | None) -> None:
        """Show the window with a new entry about ``link`` ready to write."""
        self.tabs.setCurrentWidget(self.journal)
        self.show()
        self.raise_()
        self.activateWindow()
        self.journal.start_entry(link)

    def _on_event(self, kind: str, _ids: tuple, _document: object) -> None:
        if kind == JOURNAL_CHANGED:
            self.journal.journal_changed()
        elif kind == events.MEMOS_CHANGED:
            self.memos.memos_changed()
        elif kind in (events.CODES_CHANGED, events.DOCUMENTS_CHANGED):
            self.memos.save_if_changed()
            self.memos.fill_targets()
            self.memos.reload()

    def _refresh_all(self) -> None:
        self.journal.journal_changed()
        self.memos.fill_targets()
        self.memos.memos_changed()

    def go_to_link(self, link: Link) -> None:
        """Open the lines or document in the main window, or select the code in the code tree."""
        try:
            place = place_of(self.session.project, link)
        except QualcodeError as exc:
            self.session.message.emit(exc.message)
            return
        if place.code_id is not None:
            self._go_to_code(place.code_id)
        elif place.document_id is not None:
            self.session.request_jump(place.document_id, place.start, place.end)
        self.session.message.emit(f"Showing {link.describe()}")

    def _go_to_memo(self, on: MemoOn) -> None:
        if on.code_id is not None:
            self._go_to_code(on.code_id)
        elif on.document_id is not None:
            self.session.request_jump(on.document_id, 0, 0)

    def _export(self) -> None:
        """The Export dialog of the audit trail, after saving what is being written (so it is in the file)."""
        from qualcode.gui.export import open_export_dialog

        self.save_all()
        open_export_dialog(self, "audit-trail")

    def save_all(self) -> None:
        """Save whatever is being written (on hiding or closing: nothing typed is lost)."""
        self.journal.save_if_changed()
        self.memos.save_if_changed()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_all()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_all()
        super().closeEvent(event)

    def detach(self) -> None:
        """The project is closing: save, stop listening, go."""
        self.save_all()
        self._bridge.detach()
        self.close()
        self.deleteLater()
