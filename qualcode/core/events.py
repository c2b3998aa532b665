"""Plain-Python change events.

Services announce what changed after each committed transaction; the Qt
adapters in :mod:`qualcode.gui` turn these into model signals.  No widget
polls the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """Something changed.  ``kind`` is one of the constants below."""

    kind: str
    ids: tuple[int, ...] = ()
    document_id: int | None = None


CODES_CHANGED = "codes"  # created, renamed, recoloured, moved, merged, deleted
CODINGS_CHANGED = "codings"  # applied, removed, adjusted (document_id given when known)
DOCUMENTS_CHANGED = "documents"
NOTES_CHANGED = "notes"
MEMOS_CHANGED = "memos"
PARTICIPANTS_CHANGED = "participants"

Listener = Callable[[Event], None]


class EventBus:
    """A tiny observer: listeners are called in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._muted = 0
        self._pending: list[Event] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def emit(self, event: Event) -> None:
        if self._muted:
            if event not in self._pending:
                self._pending.append(event)
            return
        for listener in list(self._listeners):
            listener(event)

    def __enter__(self) -> EventBus:
        """Hold events back (during a compound command) and send each once at the end."""
        self._muted += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._muted -= 1
        if not self._muted:
            pending, self._pending = self._pending, []
            for event in pending:
                self.emit(event)
