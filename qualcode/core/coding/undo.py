"""The undo stack: a linear history of the researcher's commands.

Every edit a researcher makes in the GUI is a :class:`Command` with ``do``,
``undo`` and a human label; the window shows ``Undo Apply “Production
line”``.  A command's ``do`` and ``undo`` each commit one transaction or
nothing, so the stack holds no unsaved state and nothing is lost if the app
is killed.  The stack lives in memory: it is a convenience for this session,
not the record (that is the audit log).

A step that is refused leaves the stack as it was: a ``do`` that fails is
not remembered, and an ``undo`` or ``redo`` that fails stays where it was,
so the history never runs ahead of the project.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from qualcode.core.project import Project

log = logging.getLogger("qualcode.commands")


class Command(Protocol):
    """An undoable edit.  ``label`` is what the Edit menu shows after “Undo ”."""

    @property
    def label(self) -> str: ...

    def do(self, project: Project) -> None: ...

    def undo(self, project: Project) -> None: ...


class UndoStack:
    """A linear history; pushing after an undo discards the redo branch."""

    def __init__(self, project: Project, limit: int = 500) -> None:
        self._p = project
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self.listeners: list[Callable[[], None]] = []

    def push(self, command: Command) -> Command:
        """Do ``command`` and remember it (nothing is remembered if it fails)."""
        _run("do", command.do, command, self._p)
        self._done.append(command)
        del self._done[:-self._limit]
        self._undone.clear()
        self._changed()
        return command

    def undo(self) -> str | None:
        """Undo the last command; a refused undo keeps it at the top of the history."""
        if not self._done:
            return None
        command = self._done[-1]
        _run("undo", command.undo, command, self._p)
        self._undone.append(self._done.pop())
        self._changed()
        return command.label

    def redo(self) -> str | None:
        """Do again the last command undone; a refused redo stays undone."""
        if not self._undone:
            return None
        command = self._undone[-1]
        _run("redo", command.do, command, self._p)
        self._done.append(self._undone.pop())
        self._changed()
        return command.label

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()


def _run(step: str, action: Callable[[Project], None], command: Command, project: Project) -> None:
    """Run one step of a command, with one debug line saying what happened."""
    try:
        action(project)
    except Exception as exc:
        log.debug("%s %s (%s) refused: %s", step, command.label, type(command).__name__, exc)
        raise
    log.debug("%s %s (%s)", step, command.label, type(command).__name__)
