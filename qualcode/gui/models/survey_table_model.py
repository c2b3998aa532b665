"""One survey question as a table: respondent, attributes, answer, codes.

Rows are fetched a page at a time as the table scrolls (``canFetchMore`` /
``fetchMore``), so a question with 50,000 answers opens as fast as one with
fifty.  After a keystroke codes an answer, only that row is re-read.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from qualcode.core.surveys.answers import AnswerRow, answer_code_ids, answer_count, answers_page, attribute_names
from qualcode.gui.session import Session

PAGE_SIZE = 200
CODE_IDS_ROLE = Qt.ItemDataRole.UserRole + 1
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class SurveyTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self.question_id: int | None = None
        self._total = 0
        self._rows: list[AnswerRow] = []
        self._row_of: dict[int, int] = {}
        self._attributes: list[str] = []
        self._order: list[int] | None = None  # document ids, e.g. least sure first; None: the survey's order

    # -- the question -------------------------------------------------------------------
    def set_question(self, question_id: int | None) -> None:
        self.beginResetModel()
        self.question_id = question_id
        self._rows, self._row_of, self._order = [], {}, None
        p = self._session.project
        self._total = answer_count(p, question_id) if question_id is not None else 0
        self._attributes = attribute_names(p, question_id) if question_id is not None else []
        self.endResetModel()
        if self._total:
            self.fetchMore(QModelIndex())

    def set_order(self, document_ids: list[int] | None) -> None:
        """Show the answers in this order (every answer's document id), or in the survey's own (None)."""
        self.beginResetModel()
        self._order = list(document_ids) if document_ids is not None else None
        self._rows, self._row_of = [], {}
        p = self._session.project
        self._total = answer_count(p, self.question_id) if self.question_id is not None else 0
        self.endResetModel()
        if self._total:
            self.fetchMore(QModelIndex())

    @property
    def order(self) -> list[int] | None:
        return self._order

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded(self) -> int:
        return len(self._rows)

    @property
    def columns(self) -> list[str]:
        return ["Respondent", *self._attributes, "Answer", "Codes"]

    @property
    def answer_column(self) -> int:
        return len(self._attributes) + 1

    @property
    def codes_column(self) -> int:
        return len(self._attributes) + 2

    def answer(self, row: int) -> AnswerRow:
        return self._rows[row]

    def row_of(self, document_id: int) -> int | None:
        return self._row_of.get(document_id)

    def ensure_loaded(self, row: int) -> bool:
        """Fetch pages until ``row`` exists (for "next answer" past the loaded ones)."""
        if row >= len(self._rows) and self.canFetchMore(QModelIndex()):
            missing = row + 1 - len(self._rows)
            self._fetch(-(-missing // PAGE_SIZE) * PAGE_SIZE)  # whole pages, in one query
        return row < len(self._rows)

    # -- lazy fetching ----------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid():
            self._fetch(PAGE_SIZE)

    def _fetch(self, count: int) -> None:
        if self.question_id is None:
            return
        page = answers_page(self._session.project, self.question_id, len(self._rows), count,
                            self._session.coder_filter, self._order)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for i, answer in enumerate(page):
            self._row_of[answer.document_id] = first + i
        self._rows.extend(page)
        self.endInsertRows()

    # -- keeping codes current ---------------------------------------------------------
    def refresh_codes(self, document_ids: list[int] | None = None) -> None:
        """Re-read the codes of some answers (all loaded ones when ``None``)."""
        ids = [d for d in (document_ids if document_ids is not None else list(self._row_of)) if d in self._row_of]
        if not ids:
            return
        codes = answer_code_ids(self._session.project, ids, self._session.coder_filter)
        col = self.codes_column
        for doc_id in ids:
            row = self._row_of[doc_id]
            old = self._rows[row]
            new_codes = tuple(codes.get(doc_id, ()))
            if new_codes != old.code_ids:
                self._rows[row] = AnswerRow(old.document_id, old.respondent_id, old.respondent, old.text,
                                            old.attributes, new_codes)
                index = self.index(row, col)
                self.dataChanged.emit(index, index)

    def code_names_changed(self) -> None:
        if self._rows:
            col = self.codes_column
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        answer = self._rows[index.row()]
        col = index.column()
        if role == DOCUMENT_ID_ROLE:
            return answer.document_id
        if col == self.codes_column:
            if role == CODE_IDS_ROLE:
                return list(answer.code_ids)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                names = [self._session.code(c) for c in answer.code_ids]
                return "; ".join(c.name for c in names if c is not None)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return answer.respondent
            if col == self.answer_column:
                return " ".join(answer.text.split())
            value = answer.attributes.get(self._attributes[col - 1])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.answer_column:
            return answer.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None
