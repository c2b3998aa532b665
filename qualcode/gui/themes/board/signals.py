"""The Qt face of the theme board: a ``changed`` signal after every edit.

The board itself — cards, themes, sub-themes, moves, merges, rejections and
the recurrence table — is Qt-free: :class:`qualcode.core.themes.board.ThemeBoard`.
Widgets read and edit that object and listen to this adapter, so Qt
disconnects them when they are destroyed, which a plain listener list cannot.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from qualcode.core.themes.board import BoardEdit, ThemeBoard


class ThemeBoardModel(QObject):
    """Re-emits the board's edits as ``changed``."""

    changed = Signal()

    def __init__(self, board: ThemeBoard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board = board
        stop = board.subscribe(self._on_edit)
        self.destroyed.connect(lambda *_: stop())

    def _on_edit(self, _edit: BoardEdit) -> None:
        self.changed.emit()
