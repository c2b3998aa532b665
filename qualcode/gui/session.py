"""What every panel of the window shares while a project is open.

The session owns the project, its undo stack, the coder filter, recent codes
and keypad pins, and turns the core's events into specific Qt signals.  It
runs every edit as an undoable command (:meth:`run`), so no panel calls a
service that changes data directly.

Another program may change the file too (the CLI, a second window).  The
session asks SQLite every :data:`OUTSIDE_POLL_MS` and right before each
command whether anyone else committed (``PRAGMA data_version``, a few µs),
and if so re-reads everything as for a reload before the next action.  A
selection remembers the text it was made on, so a coding is refused rather
than landing on other words when that text has changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from qualcode.core import events
from qualcode.core.coding.commands import Command, UndoStack
from qualcode.core.errors import NotFound, QualcodeError
from qualcode.core.model import Code
from qualcode.core.project import Project
from qualcode.core.reliability.blind import visible_coders
from qualcode.gui.error_dialog import report_bug
from qualcode.gui.event_bridge import ProjectEvents
from qualcode.gui.settings import MAX_RECENT_CODES, GuiSettings

OUTSIDE_POLL_MS = 1500  # how often the window asks whether another program changed the project
REFRESHED = "The project was changed by another program; refreshed."
TEXT_CHANGED = ("The text changed since you selected it (another program changed the project); "
                "nothing was coded — select the words again")


@dataclass(frozen=True)
class SpanTarget:
    """A span of a document to code or annotate, in document offsets (code points).

    ``seen`` is the document's text as shown when the span was selected
    (None: not known, e.g. a drag from elsewhere); it is compared with the
    text in the project before the span is used.
    """

    document_id: int
    start: int
    end: int
    seen: str | None = field(default=None, repr=False, compare=False)


class Session(QObject):
    """An open project with everything the interface remembers about it."""

    codesChanged = Signal()  # the codebook changed: names, colours, hierarchy
    codingsChanged = Signal(object)  # document id, or None when many documents changed
    notesChanged = Signal(object)  # document id
    documentsChanged = Signal()
    countsStale = Signal()  # counts shown anywhere should be re-read (coalesced)
    coderFilterChanged = Signal()
    recentCodesChanged = Signal()
    pinsChanged = Signal()
    undoChanged = Signal()
    message = Signal(str)  # a line for the status bar
    refreshed = Signal()  # another program changed the project; everything was re-read
    jumpRequested = Signal(int, int, int)  # document id, start, end

    def __init__(self, project: Project, settings: GuiSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.settings = settings
        self.undo = UndoStack(project)
        self.undo.listeners.append(self.undoChanged.emit)
        # Blind coding (issue 7) decides what may be shown, whatever the filter asks.
        self.coder_filter: list[str] | None = visible_coders(project)
        self._codes: dict[int, Code] = {}
        self._reload_codes()
        self.recent_codes = [c for c in settings.recent_codes(project.location) if c in self._codes]
        self.pins = {k: v for k, v in settings.pins(project.location).items() if v in self._codes}
        self.selection_provider: Callable[[], SpanTarget | None] = lambda: None
        self._bridge = ProjectEvents(project, self)
        self._bridge.changed.connect(self._on_event)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(25)
        self._counts_timer.timeout.connect(self.countsStale.emit)
        project.writes.outside.watch()
        self._outside_timer = QTimer(self)
        self._outside_timer.setInterval(OUTSIDE_POLL_MS)
        self._outside_timer.timeout.connect(self.check_outside_changes)
        self._outside_timer.start()

    def close(self) -> None:
        self._bridge.detach()
        self._counts_timer.stop()
        self._outside_timer.stop()

    # -- other programs' changes ----------------------------------------------------------
    def check_outside_changes(self) -> bool:
        """Re-read everything if another program changed the project since we last looked."""
        try:
            changed = self.project.writes.outside.changed()
        except QualcodeError:  # the file cannot be read just now: asked again at the next poll
            return False
        if changed:
            self.refresh_all()
            self.message.emit(REFRESHED)
        return changed

    def refresh_all(self) -> None:
        """Everything shown is re-read, as when the project is opened again."""
        for doc in self.project.documents.list():  # an anonymise rewrites the lines too
            self.project.documents.forget_cached(doc.id)
        self.coder_filter = visible_coders(self.project, self.coder_filter)
        self._on_event(events.CODES_CHANGED, (), None)
        self.documentsChanged.emit()
        self.codingsChanged.emit(None)
        self.notesChanged.emit(None)
        self.coderFilterChanged.emit()
        self.refreshed.emit()

    def still_there(self, target: SpanTarget) -> bool:
        """True if the span's text is what the researcher saw; otherwise says why (nothing is done)."""
        self.check_outside_changes()
        if target.seen is None:
            return True
        try:
            now = self.project.documents.text(target.document_id)
        except NotFound:
            self.message.emit("That document has been removed by another program; nothing was coded")
            return False
        if now != target.seen:
            self.message.emit(TEXT_CHANGED)
            return False
        return True

    # -- codes ------------------------------------------------------------------------
    @property
    def codes(self) -> dict[int, Code]:
        """Every code by id (kept current: re-read once per codebook change)."""
        return self._codes

    def code(self, code_id: int) -> Code | None:
        return self._codes.get(code_id)

    def _reload_codes(self) -> None:
        self._codes = {c.id: c for c in self.project.codes.list()}

    # -- running commands ---------------------------------------------------------
    def run(self, command: Command) -> bool:
        """Do an undoable command; a refusal becomes a status message, a bug the bug dialog."""
        self.check_outside_changes()
        try:
            self.undo.push(command)
        except QualcodeError as exc:  # a refusal: the researcher reads why
            self.message.emit(exc.message)
            return False
        except Exception as exc:
            self._bug(exc, f"{command.label} — not done: a bug in qualcode (see the report)")
            return False
        self.message.emit(f"{command.label} — saved")
        return True

    def undo_last(self) -> None:
        self._step(self.undo.undo, "Undid")

    def redo_last(self) -> None:
        self._step(self.undo.redo, "Redid")

    def _step(self, step: Callable[[], str | None], verb: str) -> None:
        self.check_outside_changes()
        try:
            label = step()
        except QualcodeError as exc:  # a refusal: the researcher reads why
            self.message.emit(f"Cannot {verb.lower()[:-1]}: {exc.message}")
            return
        except Exception as exc:
            self._bug(exc, f"Cannot {verb.lower()[:-1]}: a bug in qualcode (see the report)")
            return
        if label:
            self.message.emit(f"{verb} {label}")

    def _bug(self, exc: Exception, line: str) -> None:
        parent = self.parent()
        report_bug(exc, parent if isinstance(parent, QWidget) else None)
        self.message.emit(line)

    # -- selection, recent codes, pins ----------------------------------------------
    def selection(self) -> SpanTarget | None:
        """The span selected in the document view that has the researcher's attention."""
        return self.selection_provider()

    def note_code_used(self, code_id: int) -> None:
        self.recent_codes = [code_id, *[c for c in self.recent_codes if c != code_id]][:MAX_RECENT_CODES]
        self.settings.set_recent_codes(self.project.location, self.recent_codes)
        self.recentCodesChanged.emit()

    def set_pin(self, key: int, code_id: int | None) -> None:
        pins = {k: v for k, v in self.pins.items() if v != code_id and k != key}
        if code_id is not None:
            pins[key] = code_id
        self.pins = pins
        self.settings.set_pins(self.project.location, pins)
        self.pinsChanged.emit()

    def default_pins(self, code_ids: list[int]) -> None:
        """Pin the first nine codes when the researcher has pinned none yet."""
        if not self.pins and code_ids:
            self.pins = {i + 1: c for i, c in enumerate(code_ids[:9])}
            self.settings.set_pins(self.project.location, self.pins)
            self.pinsChanged.emit()

    # -- coder filter (issue 7 builds the comparison views on this seam) ------------
    def set_coder_filter(self, coders: list[str] | None) -> None:
        self.coder_filter = visible_coders(self.project, coders)
        self.coderFilterChanged.emit()
        self.codingsChanged.emit(None)
        self.countsStale.emit()

    def request_jump(self, document_id: int, start: int, end: int) -> None:
        self.jumpRequested.emit(document_id, start, end)

    # -- events -----------------------------------------------------------------------
    def _on_event(self, kind: str, _ids: tuple, document_id: object) -> None:
        if kind == events.CODES_CHANGED:
            self._reload_codes()
            self.recent_codes = [c for c in self.recent_codes if c in self._codes]
            self.pins = {k: v for k, v in self.pins.items() if v in self._codes}
            self.codesChanged.emit()
        elif kind == events.CODINGS_CHANGED:
            self.codingsChanged.emit(document_id)
        elif kind == events.NOTES_CHANGED:
            self.notesChanged.emit(document_id)
        elif kind in (events.DOCUMENTS_CHANGED, events.PARTICIPANTS_CHANGED):
            self.documentsChanged.emit()
        self._counts_timer.start()

