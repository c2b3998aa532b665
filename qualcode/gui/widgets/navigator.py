"""The navigator panel: participants' transcripts and survey questions, with counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QMenu, QTreeView, QVBoxLayout, QWidget

from qualcode.gui.models.document_tree_model import (
    DOCUMENT_ID_ROLE,
    PARTICIPANT_ROLE,
    QUESTION_ID_ROLE,
    DocumentTreeModel,
)
from qualcode.gui.session import Session

MIN_WIDTH = 150


class DocumentNavigator(QWidget):
    """``documentChosen(id)``, ``questionChosen(id)``, ``participantSegmentsRequested(pseudonym)``."""

    documentChosen = Signal(int)
    questionChosen = Signal(int)
    participantSegmentsRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setMinimumWidth(MIN_WIDTH)  # a narrow saved layout never hides the documents' names
        self.model: DocumentTreeModel | None = None
        self.session: Session | None = None
        self.tree = QTreeView(self)
        self.tree.setObjectName("document-tree")
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(self._choose)
        self.tree.clicked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)

    def bind(self, session: Session) -> None:
        self.session = session
        self.model = DocumentTreeModel(session, self)
        self.tree.setModel(self.model)
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Moving with the arrow keys opens the document or question, as a click does.
        self.tree.selectionModel().currentChanged.connect(lambda current, _previous: self._choose(current))
        session.documentsChanged.connect(self._reload)
        session.countsStale.connect(self.model.refresh_counts)
        session.coderFilterChanged.connect(self.model.refresh_counts)

    def unbind(self) -> None:
        self.tree.setModel(None)
        self.model = None
        self.session = None

    def _reload(self) -> None:
        if self.model is not None:
            self.model.reload()
            self.tree.expandAll()

    def _choose(self, index: QModelIndex) -> None:
        first = index.siblingAtColumn(0)
        doc_id, question_id = first.data(DOCUMENT_ID_ROLE), first.data(QUESTION_ID_ROLE)
        if isinstance(doc_id, int):
            self.documentChosen.emit(doc_id)
        elif isinstance(question_id, int):
            self.questionChosen.emit(question_id)

    def mark_document(self, document_id: int) -> None:
        item = self.model.find_document(document_id) if self.model else None
        if item is not None:
            self.tree.setCurrentIndex(item.index())

    def mark_question(self, question_id: int) -> None:
        item = self.model.find_question(question_id) if self.model else None
        if item is not None:
            self.tree.setCurrentIndex(item.index())

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos).siblingAtColumn(0)
        menu = self.context_menu(index)
        if menu is None:
            return
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu of a row: a participant's segments; for a transcript or a question, "Coded through"."""
        if not index.isValid():
            return None
        menu = QMenu(self)
        who = index.data(PARTICIPANT_ROLE)
        if who:
            menu.addAction(f"Show every segment of {who}", lambda: self.participantSegmentsRequested.emit(who))
        documents = self._documents_of(index)
        if documents and self.session is not None:
            from qualcode.core.reliability.coverage import coded_documents

            project = self.session.project
            coder = project.coder_name
            done = set(documents) <= coded_documents(project, [coder])[coder]
            action = menu.addAction(f"Coded through by {coder}")
            action.setCheckable(True)
            action.setChecked(done)
            action.setToolTip("Agreement compares coders only on what each of them coded through: "
                              "an answer read and left uncoded counts as absent, not missing")
            action.toggled.connect(lambda on: self.set_coded_through(documents, on))
        return menu if menu.actions() else None

    def _documents_of(self, index: QModelIndex) -> list[int]:
        doc_id, question_id = index.data(DOCUMENT_ID_ROLE), index.data(QUESTION_ID_ROLE)
        if isinstance(doc_id, int):
            return [doc_id]
        if isinstance(question_id, int) and self.session is not None:
            return [d.id for d in self.session.project.documents.list() if d.question_id == question_id]
        return []

    def set_coded_through(self, documents: list[int], done: bool) -> None:
        """Mark (or unmark) documents as coded through by the current coder; what was inferred is kept."""
        if self.session is None:
            return
        from qualcode.core.reliability.coverage import mark_coded, unmark_coded

        project = self.session.project
        if done:
            mark_coded(project, project.coder_name, documents, keep_inferred=True)
        else:
            unmark_coded(project, project.coder_name, documents)
