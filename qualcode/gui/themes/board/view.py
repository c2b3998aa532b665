"""The board: superordinate themes as columns, sub-themes as boxes of cards.

Every edit goes to the Qt-free :class:`ThemeBoard`; the board redraws from it
when :class:`ThemeBoardModel` says it changed (a few hundred cards at most, so
redrawing is simpler than patching).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.themes.board import ThemeBoard
from qualcode.core.themes.cards import UNCLUSTERED, Group, Theme
from qualcode.gui import tones
from qualcode.gui.themes.board.cards import CARDS_MIME, CardList, scroll_near_edge
from qualcode.gui.themes.board.signals import ThemeBoardModel

COLUMN_WIDTH = 290
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
           "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"]


def subtheme_colours(model: ThemeBoard) -> dict[str, str]:
    """One colour per sub-theme, shared by the board and the map; grey for Unclustered."""
    out = {s.key: PALETTE[i % len(PALETTE)] for i, s in enumerate(model.all_subthemes())}
    unclustered = model.unclustered()
    if unclustered is not None:
        out[unclustered.key] = "#9a9a9a"
    return out


def _tightness(group: Group) -> str:
    return f"tightness {group.tightness:.2f}"


class RenameEdit(QLineEdit):
    """The line a name is typed in: Enter and Esc belong to the rename, never to the board's buttons.

    QLineEdit passes Enter and Esc on to its dialog, which would press Accept
    themes or close the board while a name was being typed.
    """

    def __init__(self, commit, cancel) -> None:
        super().__init__()
        self._commit, self._cancel = commit, cancel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self._commit()
        elif event.key() == Qt.Key.Key_Escape:
            event.accept()
            self._cancel()
        else:
            super().keyPressEvent(event)


class TitleEdit(QStackedWidget):
    """A theme's name, shown whole (wrapped) and edited in place: click it, type, Enter."""

    def __init__(self, model: ThemeBoard, key: str, bold: bool, report, parent=None) -> None:
        super().__init__(parent)
        self.model, self.key, self._report = model, key, report
        self.setObjectName(f"title-{key}")
        size = "11pt" if bold else "10pt"
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setToolTip("Click to rename")
        self.label.setCursor(Qt.CursorShape.IBeamCursor)
        self.label.setStyleSheet(f"font-weight: {'bold' if bold else 600}; font-size: {size};")
        self.label.mousePressEvent = lambda _e: self.start_editing()  # type: ignore[method-assign]
        self.edit = RenameEdit(self._commit, self.cancel)
        self.edit.setStyleSheet(f"font-size: {size};")
        self.edit.editingFinished.connect(self._commit)  # clicking elsewhere keeps what was typed
        self.addWidget(self.label)
        self.addWidget(self.edit)
        self._show_label()

    def text(self) -> str:
        return self.model.cluster(self.key).label

    def start_editing(self) -> None:
        self.edit.setText(self.text())
        self.setCurrentWidget(self.edit)
        self.edit.setFocus()
        self.edit.selectAll()

    def rename(self, label: str) -> None:
        """Type a new name and press Enter (what a researcher does; tests call it too)."""
        self.start_editing()
        self.edit.setText(label)
        self._commit()

    def cancel(self) -> None:
        """Esc: the name stays as it was."""
        if self.currentWidget() is self.edit:
            self.edit.setText(self.text())  # leaving the line (it loses focus) must not rename after all
            self._show_label()

    def _show_label(self) -> None:
        self.label.setText(self.text())
        self.setCurrentWidget(self.label)
        self.setFixedHeight(max(self.label.heightForWidth(COLUMN_WIDTH - 90) + 4, self.edit.sizeHint().height()))

    def _commit(self) -> None:
        if self.currentWidget() is not self.edit:
            return
        new = self.edit.text()
        self._show_label()
        if new.strip() == self.text():
            return
        problem = self.model.rename(self.key, new)
        if problem:
            self._report(problem)


class SubThemeBox(QFrame):
    """A sub-theme: its name, tightness, cards and a menu (split, merge, move, reject)."""

    def __init__(self, board: ThemeBoardView, sub: Group, colour: str) -> None:
        super().__init__()
        model = board.model
        self.key = sub.key
        self.setObjectName(f"sub-{self.key}")
        rejected = model.is_rejected(sub)
        unclustered = sub.unclustered
        # Tones of the palette (a sub-theme a card on the page, a rejected one greyed), light or dark.
        edge = tones.css(tones.mix(tones.shade(), tones.text(), 0.2))
        border = edge if rejected or unclustered else colour
        background = tones.css(tones.shade(strength=0.0) if not rejected else tones.shade())
        self.setStyleSheet(f"#sub-{_css(self.key)} {{ background: {background};"
                           f" border: 1px solid {edge}; border-left: 5px solid {border}; border-radius: 4px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 4, 4)
        layout.setSpacing(2)
        head = QHBoxLayout()
        self.title: TitleEdit | None = None
        if not unclustered:  # the Unclustered column says what it is once, above the box
            self.title = TitleEdit(model, self.key, False, board.message.emit)
            self.title.setEnabled(not rejected)
            head.addWidget(self.title, 1)
            head.addWidget(self._menu_button(board, sub, rejected))
            layout.addLayout(head)
        info = f"{len(sub.cards)} cards"
        if not unclustered:
            info += f" · {_tightness(sub)}"
            if model.cross_case:
                row = model.recurrence().row(sub.key)
                colour = tones.css(tones.ink("bad" if row.below_threshold else "good"))
                info += f" · <span style='color:{colour}'>{row.count} of {len(model.participants())}</span>"
        if rejected:
            info += " · rejected (skipped on accept)"
        meta = QLabel(info)
        meta.setStyleSheet(f"{tones.muted_style()} font-size: 8pt;")
        meta.setToolTip("Tightness: the mean cosine of the cards to the sub-theme’s centre (1 = identical).")
        layout.addWidget(meta)
        self.cards = CardList(model, self.key)
        self.cards.fill(sub, rejected)
        self.cards.cardsDropped.connect(board.move_cards)
        self.cards.splitRequested.connect(lambda uids, key: board.split(key, uids))
        layout.addWidget(self.cards)

    def _menu_button(self, board: ThemeBoardView, sub: Group, rejected: bool) -> QToolButton:
        button = QToolButton()
        button.setText("⋯")
        button.setAutoRaise(True)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        model = board.model
        split = menu.addAction("Split selected cards into a new sub-theme",
                               lambda: board.split(self.key, self.cards.selected_uids()))
        split.setEnabled(not rejected)
        merge = menu.addMenu("Merge into")
        for other in model.all_subthemes():
            if other.key != self.key:
                merge.addAction(other.label, lambda k=other.key: model.merge(self.key, k))
        move = menu.addMenu("Move to theme")
        for theme in model.themes():
            if theme.key != sub.parent_key:
                move.addAction(theme.label, lambda k=theme.key: model.move_subtheme(self.key, k))
        move.addAction("A new theme", lambda: board.to_new_theme(self.key))
        menu.addSeparator()
        menu.addAction("Restore sub-theme" if sub.rejected else "Reject sub-theme",
                       lambda: model.set_rejected(self.key, not sub.rejected))
        button.setMenu(menu)
        return button


class ThemeColumn(QFrame):
    """A superordinate theme: its name, how many participants it reaches, its sub-themes."""

    def __init__(self, board: ThemeBoardView, theme: Theme | None, colours: dict[str, str]) -> None:
        super().__init__()
        model = board.model
        self.setFixedWidth(COLUMN_WIDTH)
        self.setObjectName(f"theme-{theme.key if theme else 'unclustered'}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        self.boxes: dict[str, SubThemeBox] = {}
        if theme is None:
            group = model.unclustered()
            assert group is not None  # the board makes this column only when there is one
            muted = tones.css(tones.muted_text())
            head = QLabel(f"<b>{UNCLUSTERED}</b><br><span style='color:{muted}'>Items close to no group; "
                          "drag them into a sub-theme, or leave them out.</span>")
            head.setWordWrap(True)
            layout.addWidget(head)
            box = SubThemeBox(board, group, "#9a9a9a")
            self.boxes[group.key] = box
            layout.addWidget(box)
        else:
            rejected = theme.rejected
            shade = tones.shade(strength=0.12) if rejected else tones.shade("warning", strength=0.06)
            self.setStyleSheet(f"#theme-{_css(theme.key)} {{ background: {tones.css(shade)}; border-radius: 6px; }}")
            head = QHBoxLayout()
            self.title = TitleEdit(model, theme.key, True, board.message.emit)
            self.title.setEnabled(not rejected)
            head.addWidget(self.title, 1)
            reject = QToolButton()
            reject.setObjectName(f"reject-{theme.key}")
            reject.setText("Restore" if rejected else "Reject")
            reject.setToolTip("A rejected theme and its sub-themes are greyed and skipped on accept")
            reject.setAutoRaise(True)
            reject.clicked.connect(lambda: model.set_rejected(theme.key, not rejected))
            head.addWidget(reject)
            layout.addLayout(head)
            layout.addWidget(self._meta(model, theme, rejected))
            for sub in model.subthemes(theme.key):
                box = SubThemeBox(board, sub, colours.get(sub.key, "#888"))
                self.boxes[sub.key] = box
                layout.addWidget(box)
        layout.addStretch(1)

    @staticmethod
    def _meta(model: ThemeBoard, theme: Theme, rejected: bool) -> QLabel:
        subs = model.subthemes(theme.key)
        text = f"{len(subs)} sub-themes · {len(theme.cards)} cards · {_tightness(theme)}"
        if model.cross_case:
            row = model.recurrence().row(theme.key)
            everyone = len(model.participants())
            colour = tones.css(tones.ink("bad" if row.below_threshold else "good"))
            text += f"<br><span style='color:{colour}'>{row.count} of {everyone} participants</span>"
            if row.below_threshold:
                text += f"<span style='color:{colour}'> — fewer than half</span>"
        if rejected:
            text += "<br><b>Rejected</b> — skipped on accept"
        label = QLabel(text)
        label.setStyleSheet(f"{tones.muted_style()} font-size: 8pt;")
        label.setWordWrap(True)
        return label


class ThemeBoardView(QScrollArea):
    """All the columns side by side; scrolls both ways."""

    message = Signal(str)

    def __init__(self, model: ThemeBoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: ThemeBoard = model.board
        self.columns: list[ThemeColumn] = []
        self.setWidgetResizable(True)
        self._pending = False
        model.changed.connect(self._schedule)
        self.setAcceptDrops(True)  # a drag over the gaps between boxes still scrolls the board
        self.rebuild()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CARDS_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        scroll_near_edge(self, event.position().toPoint())
        event.ignore()  # only a sub-theme's cards take the drop

    def _schedule(self) -> None:
        # Edits arrive from menus and drops still on the stack: redraw once they have returned.
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.rebuild)

    @property
    def pending(self) -> bool:
        """An edit is waiting to be drawn (tests wait for this to clear)."""
        return self._pending

    def rebuild(self) -> None:
        self._pending = False
        h, v = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        colours = subtheme_colours(self.model)
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.setContentsMargins(6, 6, 6, 6)
        row.setSpacing(8)
        row.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.columns = [ThemeColumn(self, t, colours) for t in self.model.themes()]
        if self.model.unclustered() is not None:
            self.columns.append(ThemeColumn(self, None, colours))
        for column in self.columns:
            row.addWidget(column, 0, Qt.AlignmentFlag.AlignTop)
        self.setWidget(inner)
        QTimer.singleShot(0, lambda: (self.horizontalScrollBar().setValue(h), self.verticalScrollBar().setValue(v)))

    def box(self, key: str) -> SubThemeBox:
        return next(c.boxes[key] for c in self.columns if key in c.boxes)

    def show_card(self, uid: int) -> None:
        """Scroll to a card and select it (from the map)."""
        box = self.box(self.model.group_of(uid).key)
        for row in range(box.cards.count()):
            item = box.cards.item(row)
            item.setSelected(int(item.data(Qt.ItemDataRole.UserRole)) == uid)
            if item.isSelected():
                box.cards.setCurrentItem(item)
                self.ensureWidgetVisible(box.cards, 60, 60)
        box.cards.setFocus()

    # -- actions the boxes ask for -------------------------------------------------------
    def move_cards(self, uids: list[int], key: str) -> None:
        self.model.move_items(uids, key)
        target = self.model.cluster(key)
        self.message.emit(f"Moved {len(uids)} card{'s' if len(uids) != 1 else ''} to ‘{target.label}’"
                          if not target.unclustered else f"Moved {len(uids)} to Unclustered")

    def split(self, key: str, uids: list[int]) -> None:
        if not uids:
            self.message.emit("Select the cards to split off first (Ctrl-click for several).")
            return
        new = self.model.split(key, uids)
        self.message.emit(f"New sub-theme ‘{self.model.cluster(new).label}’ — click its name to rename it.")

    def to_new_theme(self, key: str) -> None:
        theme = self.model.new_theme(f"{self.model.cluster(key).label} (theme)")
        self.model.move_subtheme(key, theme)
        self.message.emit("New theme — click its name to rename it.")


def _css(key: str) -> str:
    return key.replace(".", "\\.")
