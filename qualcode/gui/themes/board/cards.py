"""Cards and the lists that hold them: one list per sub-theme (and one for Unclustered)."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QMenu, QScrollArea, QWidget

from qualcode.gui import tones

if TYPE_CHECKING:
    from qualcode.core.themes.board import ThemeBoard
    from qualcode.core.themes.cards import Card, Group

UID = Qt.ItemDataRole.UserRole
CARDS_MIME = "application/x-qualcode-theme-cards"  # JSON list of card uids


def card_style() -> str:
    """Cards as slips of paper on the board, in the palette's colours (light or dark)."""
    paper, edge = tones.shade("warning", strength=0.06), tones.shade(None, strength=0.25)
    chosen, ring = tones.calm_selection(), tones.ink("info")
    return (f"QListWidget {{ background: transparent; border: none; }}\n"
            f"QListWidget::item {{ background: {tones.css(paper)}; border: 1px solid {tones.css(edge)}; "
            f"border-radius: 4px; margin: 2px 1px; padding: 3px 5px; color: {tones.css(tones.text())}; }}\n"
            f"QListWidget::item:selected {{ background: {tones.css(chosen)}; border: 1px solid {tones.css(ring)}; "
            f"color: {tones.css(tones.text())}; }}\n")


def card_text(model: ThemeBoard, card: Card) -> str:
    """A statement or PET with its participant, or a quote/answer with its citation."""
    if model.mode.is_ipa:
        if not model.cross_case:  # one participant's statements: the name would repeat on every card
            return str(card.id)
        return f"{card.id}\n— {card.participant or 'unknown participant'}"
    text = " ".join(card.text.split())
    if len(text) > 160:
        text = text[:157].rstrip() + "…"
    return f"“{text}”\n{card.citation}".rstrip()


def card_tooltip(model: ThemeBoard, uid: int) -> str:
    """Why the card is here: its nearest cards in the same group, by cosine."""
    card = model.item(uid)
    group = model.group_of(uid)
    emergent = model.mode.is_ipa
    head = html.escape(str(card.id if emergent else card.text))
    lines = [f"<b>{head}</b>"]
    if card.participant:
        lines.append(f"{html.escape(card.participant)}")
    near = model.neighbours(uid)
    if group.unclustered:
        lines.append("<i>Close to no group well enough to join one.</i>")
    elif near:
        lines.append(f"<br>Nearest in ‘{html.escape(group.label)}’:")
        for other, cos in near:
            who = f" ({html.escape(other.participant)})" if other.participant else ""
            name = other.id if emergent else other.text[:60]
            lines.append(f"&nbsp;&nbsp;{cos:.2f} · {html.escape(str(name))}{who}")
    elif card.entry.get("neighbours"):  # the suggestion's own, when the board has no vectors
        lines.append("<br>Nearest when suggested:")
        lines += [f"&nbsp;&nbsp;{n['cosine']:.2f} · {html.escape(str(n['id']))}" for n in card.entry["neighbours"]]
    return "<br>".join(lines)


class CardList(QListWidget):
    """The cards of one group; cards dropped here (from any list) move to this group."""

    cardsDropped = Signal(list, str)  # card uids, target group key
    splitRequested = Signal(list, str)  # card uids, their sub-theme

    def __init__(self, model: ThemeBoard, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board, self.key = model, key  # not `model`: QListWidget.model() is Qt's
        self.setObjectName(f"cards-{key}")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # cards are cut to length already
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(card_style())
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def _context_menu(self, pos) -> None:
        """Move cards without dragging (for sub-themes scrolled out of sight, or the keyboard)."""
        item = self.itemAt(pos)
        if item is not None and not item.isSelected():
            self.clearSelection()
            item.setSelected(True)
        uids = self.selected_uids()
        if not uids:
            return
        menu = QMenu(self)
        move = menu.addMenu(f"Move {len(uids)} card{'s' if len(uids) != 1 else ''} to")
        for theme in self.board.themes():
            sub_menu = move.addMenu(theme.label)
            for sub in self.board.subthemes(theme.key):
                action = sub_menu.addAction(sub.label, lambda k=sub.key: self.cardsDropped.emit(uids, k))
                action.setEnabled(sub.key != self.key)
        unclustered = self.board.unclustered()
        if unclustered is not None and unclustered.key != self.key:
            move.addAction("Unclustered", lambda: self.cardsDropped.emit(uids, unclustered.key))
        if not self.board.cluster(self.key).unclustered:
            menu.addAction("Split into a new sub-theme", lambda: self.splitRequested.emit(uids, self.key))
        menu.exec(self.viewport().mapToGlobal(pos))

    def fill(self, group: Group, greyed: bool) -> None:
        self.clear()
        for item in group.cards:
            card = QListWidgetItem(card_text(self.board, item))
            card.setData(UID, item.uid)
            card.setToolTip(card_tooltip(self.board, item.uid))
            if greyed:
                card.setForeground(QBrush(tones.muted_text()))
            self.addItem(card)
        QTimer.singleShot(0, self.fit_height)
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as its cards, so the column scrolls as a whole, never each box."""
        rows = sum(max(self.sizeHintForRow(i), 20) + 3 for i in range(self.count()))  # + the items' stylesheet margins
        self.setFixedHeight(max(rows + 6, 40))

    def selected_uids(self) -> list[int]:
        return [int(i.data(UID)) for i in self.selectedItems()]

    # -- drag and drop: the model moves the cards; the board is rebuilt afterwards -------
    def mimeTypes(self) -> list[str]:
        return [CARDS_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        data.setData(CARDS_MIME, QByteArray(json.dumps([int(i.data(UID)) for i in items]).encode()))
        return data

    @staticmethod
    def _uids(event: QDropEvent | QDragMoveEvent | QDragEnterEvent) -> list[int] | None:
        mime = event.mimeData()
        if mime is None or not mime.hasFormat(CARDS_MIME):
            return None
        return [int(u) for u in json.loads(bytes(mime.data(CARDS_MIME)).decode())]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._uids(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._scroll_board(event.position().toPoint())
        if self._uids(event) is not None and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)  # the source list keeps its items; the board redraws
            event.accept()
        else:
            event.ignore()

    def _scroll_board(self, pos) -> None:
        area = self.parent()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parent()
        if area is not None:
            scroll_near_edge(area, self.viewport().mapTo(area.viewport(), pos))

    def dropEvent(self, event: QDropEvent) -> None:
        uids = self._uids(event)
        if not uids or event.source() is self:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        # Rebuilding now would delete the list whose drag is still running.
        QTimer.singleShot(0, lambda: self.cardsDropped.emit(uids, self.key))


def scroll_near_edge(area: QScrollArea, at) -> None:
    """Near the board's edge, a drag scrolls it, so far columns can be reached."""
    rect, margin, step = area.viewport().rect(), 48, 28
    h, v = area.horizontalScrollBar(), area.verticalScrollBar()
    if at.x() > rect.right() - margin:
        h.setValue(h.value() + step)
    elif at.x() < margin:
        h.setValue(h.value() - step)
    if at.y() > rect.bottom() - margin:
        v.setValue(v.value() + step)
    elif at.y() < margin:
        v.setValue(v.value() - step)
