"""Turns the core's plain-Python events into a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from qualcode.core.events import Event
from qualcode.core.project import Project


class ProjectEvents(QObject):
    """Re-emits every project event on the GUI thread as ``changed(kind, ids, document_id)``."""

    changed = Signal(str, tuple, object)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = project.events.subscribe(self._forward)

    def _forward(self, event: Event) -> None:
        self.changed.emit(event.kind, event.ids, event.document_id)

    def detach(self) -> None:
        self._unsubscribe()
