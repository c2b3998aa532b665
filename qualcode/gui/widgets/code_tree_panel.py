"""The code tree panel: filter box, tree with counts, and the codebook's context menu.

Selecting a code shows only its segments in the document (Esc shows all
again); double-clicking a code applies it to the selected text; a text
selection dragged onto a code applies it; a code dragged onto another moves
under it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.model import Code, CodeRole
from qualcode.core.themes.codes import PALETTE
from qualcode.gui.coding_actions import CodingActions
from qualcode.gui.mnemonics import as_written
from qualcode.gui.models.code_tree_model import CodeTreeModel
from qualcode.gui.session import Session
from qualcode.gui.widgets.document.drag_data import SPAN_MIME
from qualcode.gui.widgets.recent_codes_bar import code_icon

PALETTE_NAMES = ("Blue", "Orange", "Red", "Teal", "Green", "Yellow", "Purple", "Pink", "Brown", "Grey")


class CodeFilterProxy(QSortFilterProxyModel):
    """Keeps a code when its name matches, with its ancestors so the path stays visible."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)


class CodeTreeView(QTreeView):
    """Esc clears the selection (and with it the one-code filter).

    A text selection dropped on the tree codes it with the code under the
    pointer — wherever on the row it lands, not "between rows" as a moved
    code would be placed.
    """

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        if event.mimeData().hasFormat(SPAN_MIME):
            hit = self.indexAt(event.position().toPoint()).isValid()
            event.setDropAction(Qt.DropAction.CopyAction)
            event.setAccepted(hit)

    def dropEvent(self, event: QDropEvent) -> None:
        if event.mimeData().hasFormat(SPAN_MIME):
            index = self.indexAt(event.position().toPoint()).siblingAtColumn(0)
            done = index.isValid() and self.model().dropMimeData(
                event.mimeData(), Qt.DropAction.CopyAction, -1, -1, index)
            event.setDropAction(Qt.DropAction.CopyAction)
            event.setAccepted(bool(done))
            self.stopAutoScroll()
            self.setState(QAbstractItemView.State.NoState)
            self.viewport().update()
            return
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.state() != QAbstractItemView.State.EditingState:
            self.clearSelection()
            self.setCurrentIndex(QModelIndex())
            return
        super().keyPressEvent(event)


MIN_WIDTH = 220


class CodeTreePanel(QWidget):
    """``codeSelected(code_id or None)``; ``segmentsRequested(code_id)``; ``detailsRequested``, ``mergeRequested``."""

    codeSelected = Signal(object)
    segmentsRequested = Signal(int)
    detailsRequested = Signal(int)
    mergeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code-tree-panel")
        # Widening the text never squeezes the codebook below what its names need to be read.
        self.setMinimumWidth(MIN_WIDTH)
        self.session: Session | None = None
        self.actions: CodingActions | None = None
        self.model: CodeTreeModel | None = None
        self.proxy = CodeFilterProxy(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter codes…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.new_theme_button = QToolButton(self)
        self.new_theme_button.setText("+ Theme")
        self.new_theme_button.setToolTip("New superordinate theme")
        self.new_theme_button.clicked.connect(lambda: self.new_code(CodeRole.THEME, top_level=True))
        self.new_code_button = QToolButton(self)
        self.new_code_button.setText("+ Code")
        self.new_code_button.setToolTip("New code (under the selected theme)")
        self.new_code_button.clicked.connect(lambda: self.new_code(CodeRole.CODE))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_theme_button)
        top.addWidget(self.new_code_button)
        self.tree = CodeTreeView(self)
        self.tree.setObjectName("code-tree")
        self.tree.setUniformRowHeights(True)
        self.tree.setModel(self.proxy)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._on_double_click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._expanded: set[int] = set()

    # -- binding -------------------------------------------------------------------
    def bind(self, session: Session, actions: CodingActions) -> None:
        self.session, self.actions = session, actions
        self.model = CodeTreeModel(session, actions, self)
        self.proxy.setSourceModel(self.model)
        # Through the proxy, so its mapping is current when the tree is re-opened.
        self.proxy.modelAboutToBeReset.connect(self._remember_expanded)
        self.proxy.modelReset.connect(self._restore_expanded)
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        session.codesChanged.connect(self.model.sync_codes)
        session.countsStale.connect(self.model.refresh_counts)

    def unbind(self) -> None:
        self.proxy.modelAboutToBeReset.disconnect(self._remember_expanded)
        self.proxy.modelReset.disconnect(self._restore_expanded)
        self.proxy.setSourceModel(None)
        self.model = None
        self.session = self.actions = None

    # -- selection ---------------------------------------------------------------------
    def selected_code(self) -> Code | None:
        if self.model is None:
            return None
        index = self.tree.currentIndex()
        if not index.isValid() or not self.tree.selectionModel().isSelected(index.siblingAtColumn(0)):
            rows = self.tree.selectionModel().selectedRows()
            if not rows:
                return None
            index = rows[0]
        return self.model.code_at(self.proxy.mapToSource(index.siblingAtColumn(0)))

    def select_code(self, code_id: int | None) -> None:
        if self.model is None:
            return
        if code_id is None:
            self.tree.clearSelection()
            self.tree.setCurrentIndex(QModelIndex())
            return
        index = self.proxy.mapFromSource(self.model.index_of(code_id))
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def proxy_index(self, code_id: int) -> QModelIndex:
        assert self.model is not None
        return self.proxy.mapFromSource(self.model.index_of(code_id))

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        code = self.selected_code()
        self.codeSelected.emit(code.id if code else None)

    def _on_double_click(self, index: QModelIndex) -> None:
        code = self.model.code_at(self.proxy.mapToSource(index.siblingAtColumn(0))) if self.model else None
        if code is None or self.actions is None or self.session is None:
            return
        if self.session.selection() is not None:
            self.actions.apply_code(code.id)
        else:
            self.segmentsRequested.emit(code.id)

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    # -- keeping the tree open across rebuilds -----------------------------------------
    def _remember_expanded(self) -> None:
        if self.model is None:
            return
        self._expanded = set()
        for code_id in list(self.session.codes) if self.session else []:
            index = self.proxy.mapFromSource(self.model.index_of(code_id))
            if index.isValid() and self.tree.isExpanded(index):
                self._expanded.add(code_id)
        self._selected_before = self.selected_code()

    def _restore_expanded(self) -> None:
        if self.model is None:
            return
        known = getattr(self, "_known_codes", set())
        for code_id in self.session.codes if self.session else []:
            # Codes seen before keep their state; new codes open so they can be seen.
            if code_id in self._expanded or code_id not in known:
                self.tree.setExpanded(self.proxy.mapFromSource(self.model.index_of(code_id)), True)
        self._known_codes = set(self.session.codes) if self.session else set()
        before = getattr(self, "_selected_before", None)
        if before is not None and self.session and before.id in self.session.codes:
            self.select_code(before.id)

    # -- editing the codebook ---------------------------------------------------------
    def new_code(self, role: CodeRole = CodeRole.CODE, top_level: bool = False) -> Code | None:
        """A new code named "New code" under the selected theme, opened for renaming in place."""
        if self.actions is None or self.session is None:
            return None
        selected = None if top_level else self.selected_code()
        parent_id = None
        if selected is not None:
            parent_id = selected.id if selected.role in (CodeRole.THEME, CodeRole.SUBTHEME) else selected.parent_id
        base = "New theme" if role == CodeRole.THEME else "New code"
        names = {c.name.casefold() for c in self.session.codes.values() if c.parent_id == parent_id}
        name, n = base, 2
        while name.casefold() in names:
            name, n = f"{base} {n}", n + 1
        code = self.actions.new_code(name, role, parent_id)
        if code is not None:
            self.select_code(code.id)
            self.tree.edit(self.proxy_index(code.id))
        return code

    def edit_name(self, code_id: int, then: Callable[[], object] | None = None) -> bool:
        """Open ``code_id``'s name for editing in place (the selection, and so the text's filter, stay).

        ``then`` runs once the editor closes (Enter or Esc), e.g. to give the text its focus back.
        """
        if self.model is None:
            return False
        index = self.proxy_index(code_id)
        if not index.isValid():
            return False
        self.tree.scrollTo(index)
        self.tree.edit(index)
        if self.tree.state() != QAbstractItemView.State.EditingState:
            return False
        if then is not None:
            delegate = self.tree.itemDelegateForIndex(index)

            def closed(*_: object) -> None:
                delegate.closeEditor.disconnect(closed)
                then()

            delegate.closeEditor.connect(closed)
        return True

    def rename_selected(self) -> None:
        code = self.selected_code()
        if code is not None:
            self.tree.edit(self.proxy_index(code.id))

    def delete_selected(self) -> None:
        """Delete the selected code (asking what becomes of its codings), as its context menu does."""
        code = self.selected_code()
        if code is not None and self.actions is not None:
            self._delete(code)
        elif self.session is not None:
            self.session.message.emit("Select a code in the code tree first")

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        code = self.model.code_at(self.proxy.mapToSource(index.siblingAtColumn(0))) if self.model and index.isValid() else None
        menu = self.build_menu(code)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def build_menu(self, code: Code | None) -> QMenu:
        """The context menu for ``code`` (or the empty area); built separately so tests can drive it."""
        menu = QMenu(self)
        assert self.actions is not None and self.session is not None
        actions, session = self.actions, self.session
        if code is None:
            menu.addAction("New superordinate theme", lambda: self.new_code(CodeRole.THEME, top_level=True))
            menu.addAction("New code", lambda: self.new_code(CodeRole.CODE, top_level=True))
            return menu
        apply = menu.addAction(f"Apply “{as_written(code.name)}” to the selection", lambda: actions.apply_code(code.id))
        apply.setEnabled(session.selection() is not None)
        menu.addAction("Show segments", lambda: self.segmentsRequested.emit(code.id))
        menu.addSeparator()
        menu.addAction("New sub-theme here", lambda: self._new_child(code, CodeRole.SUBTHEME))
        menu.addAction("New code here", lambda: self._new_child(code, CodeRole.CODE))
        menu.addSeparator()
        menu.addAction("Rename", lambda: self.tree.edit(self.proxy_index(code.id)))
        colours = menu.addMenu("Colour")
        for colour, name in zip(PALETTE, PALETTE_NAMES):
            act = colours.addAction(code_icon(colour), name, lambda c=colour: actions.recolour_code(code.id, c))
            act.setCheckable(True)
            act.setChecked(colour.lower() == code.colour.lower())
        menu.addAction("Codebook entry…", lambda: self.detailsRequested.emit(code.id))
        roles = menu.addMenu("Make it a")
        for role in CodeRole:
            act = roles.addAction(role.label, lambda r=role: self._set_role(code, r))
            act.setCheckable(True)
            act.setChecked(role == code.role)
        menu.addSeparator()
        menu.addAction("Merge into…", lambda: self.mergeRequested.emit(code.id))
        if code.parent_id is not None:
            menu.addAction("Move to top level", lambda: actions.move_code(code.id, None))
        pins = menu.addMenu("Pin to survey key")
        for key in range(1, 10):
            current = session.pins.get(key)
            label = f"{key}" + (f"  ({session.code(current).name})" if current and session.code(current) else "")
            act = pins.addAction(label, lambda k=key: session.set_pin(k, code.id))
            act.setCheckable(True)
            act.setChecked(current == code.id)
        menu.addSeparator()
        menu.addAction(f"Delete “{as_written(code.name)}”…", lambda: self._delete(code))
        return menu

    def _new_child(self, parent: Code, role: CodeRole) -> None:
        assert self.actions is not None
        base = "New sub-theme" if role == CodeRole.SUBTHEME else "New code"
        code = self.actions.new_code(base if self.actions.find_sibling(base, parent.id) is None
                                     else f"{base} {len(self.session.codes) + 1}", role, parent.id)
        if code is not None:
            self.select_code(code.id)
            self.tree.edit(self.proxy_index(code.id))

    def _set_role(self, code: Code, role: CodeRole) -> None:
        from qualcode.core.themes.roles import ChangeCodeRole

        if self.session is not None and role != code.role:
            self.session.run(ChangeCodeRole(code.id, role, code.name))

    def _delete(self, code: Code) -> None:
        from PySide6.QtWidgets import QMessageBox

        assert self.actions is not None and self.model is not None
        counts = self.model.counts(code.id)
        if counts.segments:
            # Deleting asks what happens to the codings, in the researcher's words.
            box = QMessageBox(QMessageBox.Icon.Question, "Delete code",
                              f"“{code.name}” has {counts.segments} coded segments. What should happen to them?",
                              parent=self)
            remove = box.addButton("Delete the codings too", QMessageBox.ButtonRole.DestructiveRole)
            keep = None
            if code.parent_id is not None and self.session is not None:
                parent = self.session.project.codes.get(code.parent_id)
                keep = box.addButton(f"Move them to “{parent.name}”", QMessageBox.ButtonRole.AcceptRole)
                box.setDefaultButton(keep)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is keep and keep is not None:
                self.actions.delete_code(code.id, "parent")
                return
            if box.clickedButton() is not remove:
                return
        self.actions.delete_code(code.id)
