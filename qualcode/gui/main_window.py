"""The main window: document navigator, document view, code tree."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTreeView,
    QWidget,
)

from qualcode.core import events
from qualcode.core.project import Project
from qualcode.gui.event_bridge import ProjectEvents
from qualcode.gui.models.code_tree_model import CodeTreeModel
from qualcode.gui.models.document_tree_model import DOCUMENT_ID_ROLE, DocumentTreeModel
from qualcode.gui.widgets.document_view import DocumentView


class MainWindow(QMainWindow):
    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.current_document_id: int | None = None
        self.resize(1400, 860)
        self.document_view = DocumentView(self)
        self.setCentralWidget(self.document_view)
        self.document_tree = QTreeView(self)
        self.document_tree.setHeaderHidden(False)
        self.document_tree.setUniformRowHeights(True)
        self.code_tree = QTreeView(self)
        self.code_tree.setUniformRowHeights(True)
        self._add_dock("Documents", self.document_tree, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("Codes", self.code_tree, Qt.DockWidgetArea.RightDockWidgetArea)
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)
        if project is not None:
            self.set_project(project)
        else:
            self.setWindowTitle("qualcode")

    def _add_dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def set_project(self, project: Project) -> None:
        self.project = project
        self.setWindowTitle(f"{project.name} — qualcode")
        self.bridge = ProjectEvents(project, self)
        self.bridge.changed.connect(self._on_project_changed)
        self.document_model = DocumentTreeModel(project, self)
        self.document_tree.setModel(self.document_model)
        self.document_tree.expandAll()
        header = self.document_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.document_tree.selectionModel().currentChanged.connect(self._on_document_chosen)
        self.code_model = CodeTreeModel(project, self)
        self.code_tree.setModel(self.code_model)
        self.code_tree.expandAll()
        header = self.code_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.resizeDocks([self.findChild(QDockWidget, "dock-documents"), self.findChild(QDockWidget, "dock-codes")],
                         [230, 420], Qt.Orientation.Horizontal)
        self._update_status()

    def open_document(self, document_id: int) -> None:
        assert self.project is not None
        p = self.project
        doc = p.documents.get(document_id)
        colours = {c.id: c.colour for c in p.codes.list()}
        codings = p.coding.for_document(document_id)
        self.document_view.show_document(p.documents.text(document_id), p.documents.line_index(document_id),
                                         p.documents.turns(document_id),
                                         DocumentView.spans_from_codings(codings, colours))
        self.current_document_id = document_id
        who = p.documents.participant_label(document_id)
        name = doc.title if who == doc.title else f"{doc.title} ({who})"
        self.statusBar().showMessage(f"{name} — {p.documents.line_index(document_id).count} lines,"
                                     f" {len(codings)} codings")
        self._select_in_navigator(document_id)

    def _select_in_navigator(self, document_id: int) -> None:
        model = self.document_model
        for row in range(model.rowCount()):
            group = model.item(row)
            for child in range(group.rowCount()):
                item = group.child(child)
                if item.data(DOCUMENT_ID_ROLE) == document_id:
                    self.document_tree.setCurrentIndex(item.index())
                    return

    def _on_document_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = current.siblingAtColumn(0).data(DOCUMENT_ID_ROLE)
        if isinstance(doc_id, int) and doc_id > 0 and doc_id != self.current_document_id:
            self.open_document(doc_id)

    def _on_project_changed(self, kind: str, _ids: tuple, document_id: object) -> None:
        if kind == events.CODES_CHANGED:
            self.code_model.reload()
            self.code_tree.expandAll()
        elif kind == events.CODINGS_CHANGED:
            self.code_model.refresh_counts()
            if self.current_document_id is not None and document_id in (None, self.current_document_id):
                self._refresh_spans()
        elif kind in (events.DOCUMENTS_CHANGED, events.PARTICIPANTS_CHANGED):
            self.document_model.reload()
            self.document_tree.expandAll()
        self._update_status()

    def _refresh_spans(self) -> None:
        assert self.project is not None and self.current_document_id is not None
        colours = {c.id: c.colour for c in self.project.codes.list()}
        codings = self.project.coding.for_document(self.current_document_id)
        self.document_view.set_spans(DocumentView.spans_from_codings(codings, colours))

    def _update_status(self) -> None:
        if self.project is None:
            return
        c = self.project.queries.counts()
        self.status_counts.setText(f"{c['documents']} documents · {c['participants']} participants · "
                                   f"{c['codes']} codes · {c['codings']} codings · coder: {self.project.coder_name}")
