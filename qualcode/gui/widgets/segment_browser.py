"""Every segment of a code (with the codes below it) or of a participant.

The extracts are read in a worker thread (a big code may hold thousands of
segments across every transcript) and shown when they arrive; a newer
request makes an older, slower answer obsolete.  Double-click jumps to the
place in the document.

The panel is narrow (about 300 px on a laptop), so the extract — what the
researcher reads — takes the width left over and wraps onto two lines; the
Code and Coder columns show only when they tell rows apart (a code with
sub-codes, a participant's segments, two coders), the Code column only when
the panel is wide enough to leave the extract room (else the code is named in
each row's tooltip), and a code name is cut short rather than pushing the
extract out of sight.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from qualcode.core.queries import Extract
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.models.segment_table_model import SegmentTableModel
from qualcode.gui.session import Session
from qualcode.gui.widgets.text_fit import WrappedTextDelegate
from qualcode.gui.workers import ImmediatePool, run_in_background

EMPTY_TITLE = "Select a code to see its segments."
PARTICIPANT, LINES, CODE, CODER, EXTRACT = range(5)
CODE_WIDTH = 130  # at most (and a quarter of the panel): a long name is cut short, its tooltip has it whole
EXTRACT_LINES = 2
WIDE_ENOUGH_FOR_CODES = 420  # px of table: below it the Code column would leave the extract a few words


class SegmentBrowser(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segment-browser")
        self.session: Session | None = None
        self.pool: QThreadPool | ImmediatePool | None = None  # None: the global pool
        self._source: tuple[str, object] | None = None
        self._generation = 0
        self.title = QLabel(EMPTY_TITLE, self)
        self.title.setWordWrap(True)
        self.model = SegmentTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("segment-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the extract wraps instead
        self.table.setItemDelegateForColumn(EXTRACT, WrappedTextDelegate(self.table))
        lines = QFontMetrics(self.table.font()).lineSpacing()
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(lines * EXTRACT_LINES + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        for col in (PARTICIPANT, LINES, CODER):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EXTRACT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._jump)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def bind(self, session: Session) -> None:
        self.session = session
        session.countsStale.connect(self.reload)
        session.coderFilterChanged.connect(self.reload)

    def unbind(self) -> None:
        """Forget the closed project's segments: its title, its rows and any answer still on its way."""
        self.session, self._source = None, None
        self._generation += 1
        self.model.set_extracts([])
        self.title.setText(EMPTY_TITLE)

    # -- what to show -----------------------------------------------------------------
    def show_code(self, code_id: int) -> None:
        self._source = ("code", code_id)
        self.reload()

    def show_participant(self, pseudonym: str) -> None:
        self._source = ("participant", pseudonym)
        self.reload()

    def reload(self) -> None:
        if self.session is None or self._source is None:
            return
        kind, key = self._source
        queries, coders = self.session.project.queries, self.session.coder_filter
        if kind == "code":
            code = self.session.code(int(key))  # type: ignore[arg-type]
            if code is None:
                self._source = None
                self.title.setText("That code no longer exists.")
                self.model.set_extracts([])
                return
            label, fn, args = f"“{code.name}”", queries.codings_of_code, (int(key), True, coders)  # type: ignore[arg-type]
        else:
            label, fn, args = str(key), queries.codings_of_participant, (str(key), coders)
        self._generation += 1
        generation = self._generation
        self.title.setText(f"{label}: reading segments…")
        run_in_background(fn, *args, pool=self.pool,
                          on_finished=lambda rows, g=generation, lb=label: self._show(g, lb, rows),
                          on_error=lambda e: self.title.setText(
                              f"Could not read the segments: {describe_failure(e, self)}"))

    def _show(self, generation: int, label: str, extracts: list[Extract]) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.model.set_extracts(extracts)
        self._show_columns(extracts)
        people = {e.participant or e.document_title for e in extracts}
        self.title.setText(f"<b>{label}</b> — {len(extracts)} segment{'s' * (len(extracts) != 1)} "
                           f"from {len(people)} participant{'s' * (len(people) != 1)}")

    def _show_columns(self, extracts: list[Extract]) -> None:
        """Code and Coder only when they differ between rows; a code name never crowds out the extract."""
        wide = self.table.viewport().width() >= WIDE_ENOUGH_FOR_CODES
        self.table.setColumnHidden(CODE, not wide or len({e.code_name for e in extracts}) <= 1)
        self.table.setColumnHidden(CODER, len({e.coder for e in extracts}) <= 1)
        if not self.table.isColumnHidden(CODE):
            width = min(self.table.sizeHintForColumn(CODE), CODE_WIDTH, self.table.viewport().width() // 4)
            self.table.horizontalHeader().resizeSection(CODE, max(width, 48))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_columns(self.model.extracts())  # a panel widened (or narrowed) shows (or hides) the codes

    def _jump(self, index: QModelIndex) -> None:
        if self.session is not None and index.isValid():
            e = self.model.extract(index.row())
            self.session.request_jump(e.document_id, e.start, e.end)
