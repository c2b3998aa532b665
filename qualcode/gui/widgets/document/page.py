"""The reading and coding page: emergent themes | transcript | exploratory notes.

It keeps the document view in step with the project: a coding applied
anywhere re-reads this document's codings (a light query) and re-paints only
the lines that changed; notes and code colours are followed the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from qualcode.core.coding.workbench import document_codings, document_notes, document_spans, document_turns
from qualcode.gui import tones
from qualcode.gui.session import Session, SpanTarget
from qualcode.gui.widgets.document.find_bar import FindBar
from qualcode.gui.widgets.document.margins import EmergentThemeMargin, NotesMargin
from qualcode.gui.widgets.document.view import DocumentView
from qualcode.gui.widgets.recent_codes_bar import RecentCodesBar


class DocumentPage(QWidget):
    """One document with its IPA margins, recent codes and find bar."""

    documentShown = Signal(int)
    showAllCodesRequested = Signal()  # the header's "show all codes" link

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document-page")
        self.session: Session | None = None
        self.view = DocumentView(self)
        self.view.setObjectName("document-view")
        self.header = QLabel(self)
        self.header.setObjectName("document-header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(8, 4, 8, 2)
        # A long title never widens the window; the "show all codes" link undoes a code filter.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.header.setWordWrap(True)  # on a laptop a filter's notice takes a second line, never cut at the link
        self.header.linkActivated.connect(lambda _link: self.showAllCodesRequested.emit())
        self.recent = RecentCodesBar(self)
        self.find_bar = FindBar(self.view, self)
        self.emergent_margin = EmergentThemeMargin(self.view, self._code_role, self._code_name, self)
        self.notes_margin = NotesMargin(self.view, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("ipa-columns")
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setHandleWidth(3)
        for widget in (self.emergent_margin, self.view, self.notes_margin):
            self.splitter.addWidget(widget)
        # The transcript keeps the width of its fixed lines; the margins take what the window gives.
        for column, stretch in enumerate((2, 0, 3)):
            self.splitter.setStretchFactor(column, stretch)
        self._columns_set = False  # True once the researcher has placed the dividers
        self.splitter.splitterMoved.connect(self._user_moved_divider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.recent)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.splitter, 1)
        self.view.spansChanged.connect(self.emergent_margin.refresh)
        self.view.spansChanged.connect(self._unfold_emergent_margin)

    MIN_TEXT_WIDTH = 320  # below this the transcript cannot be read: a saved layout is ignored

    def restore_columns(self, state: QByteArray) -> None:
        restored = self.splitter.restoreState(state)
        # A layout saved from a tiny window would squeeze the transcript to nothing.
        self._columns_set = restored and self.splitter.sizes()[1] >= self.MIN_TEXT_WIDTH

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._columns_set or self.splitter.sizes()[1] < min(self.MIN_TEXT_WIDTH, self.width() // 2):
            self.fit_columns()

    def fit_columns(self) -> None:
        """Give the transcript the width of its longest fixed line; the margins share the rest.

        Done until the researcher moves a divider (then their layout is kept and remembered).
        """
        if self.width() < 400:
            return
        # Measured at the chosen text size: the view may draw a little smaller to fit, never the reverse.
        text = max(self.view.wanted_width(), self.view.fontMetrics().horizontalAdvance("x" * 72))
        spare = max(self.width() - text, 200)  # the text comes first; the margins share what is left
        left = min(max(int(spare * 0.4), 90), 240)
        if not self.emergent_margin.items() and self.width() < text + 2 * 240:
            left = 0  # no emergent themes yet and a narrow window: their empty margin folds away
        right = max(spare - left, 110)
        self.splitter.setSizes([left, max(self.width() - left - right, 300), right])

    def _unfold_emergent_margin(self) -> None:
        """The first emergent theme in a narrow window opens the margin that was folded while it was empty."""
        if not self._columns_set and self.splitter.sizes()[0] == 0 and self.emergent_margin.items():
            self.fit_columns()

    def _user_moved_divider(self, *_: object) -> None:
        self._columns_set = True

    @property
    def columns_placed(self) -> bool:
        """True once the researcher has placed the dividers (their layout is then kept)."""
        return self._columns_set

    # -- binding to a project -------------------------------------------------------
    def bind(self, session: Session, menu_builder: Callable[[QMenu, int | None], None] | None = None) -> None:
        self.session = session
        self.view.code_lookup = session.code
        names = {}

        def coder_name(coder_id: int) -> str:
            if coder_id not in names:
                from qualcode.core.coding.workbench import coder_names_by_id

                names.update(coder_names_by_id(session.project))
            return names.get(coder_id, "")

        self.view.coder_lookup = coder_name
        self.view.menu_builder = menu_builder
        session.codingsChanged.connect(self._on_codings_changed)
        session.notesChanged.connect(self._on_notes_changed)
        session.codesChanged.connect(self._on_codes_changed)
        session.recentCodesChanged.connect(self._show_recent)
        self._show_recent()

    def unbind(self) -> None:
        self.session = None
        self.view.clear_document()
        self.header.clear()
        self.notes_margin.set_items([])
        self.emergent_margin.set_items([])

    @property
    def document_id(self) -> int | None:
        return self.view.document_id

    def selection(self) -> SpanTarget | None:
        span = self.view.selected_span()
        if span is None or self.view.document_id is None:
            return None
        return SpanTarget(self.view.document_id, *span, seen=self.view.text)

    # -- showing a document ---------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        assert self.session is not None
        p = self.session.project
        codings = document_codings(p, document_id, self.session.coder_filter)
        self.view.show_document(document_id, p.documents.text(document_id), p.documents.line_index(document_id),
                                document_turns(p, document_id), codings, document_notes(p, document_id))
        self.notes_margin.refresh()
        self._update_header()
        if not self._columns_set:
            self.fit_columns()
        self.documentShown.emit(document_id)

    def _update_header(self, reread: bool = True) -> None:
        """Who and what is shown, with counts (the names are read once per document)."""
        if self.session is None or self.view.document_id is None:
            self.header.clear()
            return
        if reread or not getattr(self, "_title", ""):
            p, doc_id = self.session.project, self.view.document_id
            doc = p.documents.get(doc_id)
            who = p.documents.participant_label(doc_id)
            title = who
            if doc.title.casefold() != who.casefold():
                title += f" <span style='color:{tones.css(tones.muted_text())}'>· {doc.title}</span>"
            self._title = title
        lines = self.view.index.count if self.view.index else 0
        spans = len(self.view.all_spans()) if self.view.visible_codes is None else len(self.view.spans())
        shown = ""
        if self.view.visible_codes is not None:  # said plainly, with the way back, never a silent filter
            # A notice's tone derived from the palette: it reads in a light window and a dark one.
            notice, ink = tones.css(tones.shade("warning")), tones.css(tones.text())
            shown = (f" · <span style='background:{notice}; color:{ink}'>&nbsp;showing one code only: "
                     f"{escape(self._filter_name())} · <a href='show-all' style='color:{ink}'>show all codes</a>"
                     " (Esc)&nbsp;</span>")
        self.header.setText(f"<b>{self._title}</b> <span style='color:{tones.css(tones.muted_text())}'>· "
                            f"{lines} lines · {spans} coded segments{shown}</span>")

    def changeEvent(self, event: QEvent) -> None:
        # Light ↔ dark (Edit → Preferences → Appearance): children hear it as a palette change.
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._update_header(reread=True)
        super().changeEvent(event)

    def set_visible_codes(self, code_ids: set[int] | None) -> None:
        changed = code_ids != self.view.visible_codes
        self.view.set_visible_codes(code_ids)
        self._update_header(reread=False)
        if changed and code_ids is not None and self.session is not None:
            self.session.message.emit(f"The text shows only {self._filter_name()} — Esc or View → Show all "
                                      "codes shows every code again")

    def _filter_name(self) -> str:
        """The code the text is filtered to (the top of the shown codes), in quotes."""
        shown = self.view.visible_codes or set()
        codes = [self.session.code(c) for c in shown] if self.session else []
        top = [c for c in codes if c is not None and c.parent_id not in shown]
        return f"“{top[0].name}”" + (" and the codes below it" if len(shown) > 1 else "") if top else "one code"

    def _show_recent(self) -> None:
        if self.session is not None:
            codes = [self.session.code(c) for c in self.session.recent_codes]
            self.recent.set_codes([c for c in codes if c is not None])

    # -- following the project -----------------------------------------------------
    def reload_codings(self) -> None:
        if self.session is None or self.view.document_id is None:
            return
        self.view.set_coding_rows(document_spans(self.session.project, self.view.document_id,
                                                 self.session.coder_filter))
        self._update_header(reread=False)

    def _on_codings_changed(self, document_id: object) -> None:
        if document_id is None or document_id == self.view.document_id:
            self.reload_codings()

    def _on_notes_changed(self, document_id: object) -> None:
        if self.session is None or self.view.document_id is None:
            return
        if document_id is None or document_id == self.view.document_id:
            self.view.set_notes(document_notes(self.session.project, self.view.document_id))
            self.notes_margin.refresh()

    def _on_codes_changed(self) -> None:
        if self.view.document_id is not None:
            self.view.refresh_colours()
        self._show_recent()

    def _code_role(self, code_id: int):
        code = self.session.code(code_id) if self.session else None
        return code.role if code else None

    def _code_name(self, code_id: int) -> str:
        code = self.session.code(code_id) if self.session else None
        return code.name if code else "?"
