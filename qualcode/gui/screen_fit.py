"""Windows and dialogs sized to the screen they open on, so their buttons never sit below its edge.

A size that suits a 1920×1080 monitor (the theme board, the export preview)
is the size *wanted*; on a 1280×720 laptop the window gets what the screen
has, less room for the window manager's frame.  What still does not fit
scrolls (:func:`scrolling`) instead of pushing the buttons out of sight.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

FRAME = QSize(16, 56)  # the window manager's borders and title bar, roughly, on common desktops
FALLBACK = QRect(0, 0, 1280, 720)  # no screen at all (should not happen): assume a small laptop


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of ``widget``'s screen (or the main screen) not taken by panels and docks."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(FALLBACK)


def room(widget: QWidget | None = None) -> QSize:
    """The largest outer size a window can have on ``widget``'s screen with its frame showing."""
    area = available_geometry(widget)
    return QSize(max(area.width() - FRAME.width(), 320), max(area.height() - FRAME.height(), 240))


def fitted_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width``×``height``, made smaller where the screen is smaller."""
    space = room(widget.parentWidget() or widget)
    return QSize(min(width, space.width()), min(height, space.height()))


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize ``widget`` to ``width``×``height`` or what its screen has room for, if less."""
    size = fitted_size(widget, width, height)
    widget.resize(size)
    return size


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down when the screen is too short for it."""
    area = QScrollArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
