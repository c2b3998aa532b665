"""Recent codes as one-click buttons above the text: select, click, coded."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from qualcode.core.model import Code, CodeRole
from qualcode.gui import tones
from qualcode.gui.mnemonics import as_written
from qualcode.gui.widgets.flow_layout import FlowLayout

_ICONS: dict[tuple[str, bool], QIcon] = {}


def code_icon(colour: str, role: CodeRole = CodeRole.CODE, size: int = 12) -> QIcon:
    """A colour swatch: a square for codes and themes, a circle for emergent themes."""
    key = (f"{colour}{size}", role == CodeRole.EMERGENT)
    icon = _ICONS.get(key)
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(QColor(colour).darker(130))
        if role == CodeRole.EMERGENT:
            painter.drawEllipse(1, 1, size - 2, size - 2)
        else:
            painter.drawRoundedRect(1, 1, size - 2, size - 2, 2, 2)
        painter.end()
        icon = _ICONS[key] = QIcon(pixmap)
    return icon


class RecentCodesBar(QWidget):
    """``codeChosen(code_id)`` when a recent code's button is clicked."""

    codeChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recent-codes")
        self._layout = FlowLayout(self)
        self.buttons: list[QToolButton] = []
        # One row, always the same height: the text below never jumps when the first code is
        # applied or a long name arrives; codes that do not fit the row wait off its end.
        probe = self._button("Xy", "#888888", CodeRole.CODE)
        margins = self._layout.contentsMargins()
        self.setFixedHeight(probe.sizeHint().height() + margins.top() + margins.bottom())
        probe.hide()  # at once: deleteLater waits for the event loop
        probe.deleteLater()

    def _button(self, name: str, colour: str, role: CodeRole) -> QToolButton:
        button = QToolButton(self)
        shown = name if len(name) <= 28 else name[:27] + "…"
        button.setText(as_written(shown))  # a button takes "&" for a shortcut key: show it as written
        button.setIcon(code_icon(colour, role))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setToolTip(f"Apply “{name}” to the selection")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the selection in the text
        return button

    def set_codes(self, codes: list[Code]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.buttons = []
        label = QLabel("Recent codes:" if codes else "Recent codes appear here once you code.", self)
        label.setStyleSheet(tones.muted_style())
        self._layout.addWidget(label)
        for code in codes:
            button = self._button(code.name, code.colour, code.role)
            button.clicked.connect(lambda _=False, cid=code.id: self.codeChosen.emit(cid))
            self._layout.addWidget(button)
            self.buttons.append(button)
