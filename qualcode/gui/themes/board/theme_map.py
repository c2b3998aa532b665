"""The 2-D map: every card as a dot, coloured by sub-theme; hover shows the item."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView, QWidget

from qualcode.core.themes.board import ThemeBoard, map_points
from qualcode.core.themes.cards import Group
from qualcode.gui import tones
from qualcode.gui.themes.board.cards import card_text
from qualcode.gui.themes.board.signals import ThemeBoardModel
from qualcode.gui.themes.board.view import subtheme_colours

SIZE = 560.0  # scene units across; the view scales to fit
DOT = 11.0
MAX_LABELS = 8  # more names than this on the map only hide the dots; the legend has them
LEGEND = 300.0  # scene units for the legend on the right


class ThemeMapView(QGraphicsView):
    """A scatter of the items (first two principal components of their vectors); click a dot to find its card."""

    cardClicked = Signal(int)

    def __init__(self, model: ThemeBoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: ThemeBoard = model.board
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(tones.shade(None, strength=0.02))  # the palette's own paper, light or dark
        self.dots: dict[int, QGraphicsEllipseItem] = {}
        self._points = map_points(self.model)  # positions never change; colours follow the board
        model.changed.connect(self.redraw)
        self.redraw()

    def redraw(self) -> None:
        scene = self.scene()
        scene.clear()
        self.dots.clear()
        if not self._points:
            scene.addSimpleText("No map: the items have no vectors.").setBrush(tones.text())
            return
        xs = [p[0] for p in self._points.values()]
        ys = [p[1] for p in self._points.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        colours = subtheme_colours(self.model)
        labelled: set[str] = set()
        centres: dict[str, list[tuple[float, float]]] = {}
        for uid, (x, y) in self._points.items():
            group = self.model.group_of(uid)
            sx, sy = (x - min(xs)) / span * SIZE, (y - min(ys)) / span * SIZE
            colour = QColor(colours.get(group.key, "#888"))
            rejected = self.model.is_rejected(group)
            if rejected:
                colour = QColor("#d0d0d0")
            dot = scene.addEllipse(sx - DOT / 2, sy - DOT / 2, DOT, DOT, QPen(colour.darker(130), 1), QBrush(colour))
            tip = card_text(self.model, self.model.item(uid)).replace("\n", " ")
            dot.setToolTip(f"{tip}\n→ {group.label if not group.unclustered else 'Unclustered'}")
            dot.setData(0, uid)
            self.dots[uid] = dot
            centres.setdefault(group.key, []).append((sx, sy))
        for key, pts in centres.items():
            group = self.model.cluster(key)
            if key in labelled or group.unclustered or len(pts) < 2 or len(centres) > MAX_LABELS:
                continue
            cx, cy = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
            text = QGraphicsSimpleTextItem(_short(group.label))
            text.setBrush(tones.mix(QColor(colours.get(key, "#444")), tones.text(), 0.55))  # its hue, still readable
            text.setPos(cx + 7, cy - 8)
            text.setZValue(2)
            scene.addItem(text)
            labelled.add(key)
        self._legend(colours)
        note = scene.addSimpleText("Closer dots are more alike (the first two principal components of the "
                                   "items’ vectors). Hover a dot to see the item; click it to find its card.")
        note.setBrush(tones.muted_text())
        note.setPos(0, SIZE + 24)
        scene.setSceneRect(QRectF(-30, -20, SIZE + LEGEND + 60, SIZE + 70))
        self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def _legend(self, colours: dict[str, str]) -> None:
        y = 0.0
        bold = QFont()
        bold.setBold(True)
        groups: list[Group] = []
        for theme in self.model.themes():
            groups += [theme, *self.model.subthemes(theme.key)]
        unclustered = self.model.unclustered()
        if unclustered is not None:
            groups.append(unclustered)
        for group in groups:
            if not group.cards:
                continue
            if not group.parent_key and not group.unclustered:
                head = self.scene().addSimpleText(_short(group.label, 48))
                head.setFont(bold)
                head.setBrush(tones.text())
                head.setPos(SIZE + 40, y + 4)
                y += 24
                continue
            rejected = self.model.is_rejected(group)
            colour = QColor("#d0d0d0" if rejected else colours.get(group.key, "#888"))
            self.scene().addEllipse(SIZE + 40, y + 3, DOT, DOT, QPen(colour.darker(130), 1), QBrush(colour))
            name = "Unclustered" if group.unclustered else _short(group.label, 40)
            text = self.scene().addSimpleText(f"{name} ({len(group.cards)})" + (" — rejected" if rejected else ""))
            text.setPos(SIZE + 40 + DOT + 6, y)
            text.setBrush(tones.muted_text() if rejected else tones.text())
            y += 20

    def mousePressEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not None and item.data(0) is not None:
            self.cardClicked.emit(int(item.data(0)))
            return
        super().mousePressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


def _short(label: str, n: int = 34) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"
