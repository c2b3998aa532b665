"""Every coding action the workbench offers, each one undoable command.

The menus, the code tree, the quick-code box, the margins and the survey
keypad all call these methods, so an action behaves the same wherever it is
started and always lands on the undo stack with its label.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qualcode.core.coding.commands import (
    AddNote,
    AdjustCoding,
    ApplyCode,
    CreateCode,
    DeleteCode,
    DeleteNote,
    EditCodeDetails,
    EditNote,
    MergeCodes,
    MoveCode,
    RecolourCode,
    RemoveCoding,
    RenameCode,
)
from qualcode.core.model import Code, CodeRole, NoteKind
from qualcode.core.surveys.answers import whole_answer_coding
from qualcode.gui.session import Session, SpanTarget

IN_VIVO_MAX = 60


def in_vivo_name(text: str) -> str:
    """A code name in the participant's own words, from a selection.

    Whitespace is collapsed, surrounding quotes and trailing punctuation go,
    and a long selection is cut at a word boundary.
    """
    name = re.sub(r"\s+", " ", text).strip()
    name = name.strip("\"'“”‘’«»()[] ")
    name = name.rstrip(".,;:!?—–- ")
    if len(name) > IN_VIVO_MAX:
        cut = name.rfind(" ", 0, IN_VIVO_MAX)
        name = name[: cut if cut > 20 else IN_VIVO_MAX].rstrip(".,;:—–- ") + "…"
    return name


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to whole words: a selection begun or ended mid-word takes the whole word.

    ("u keep your face on" inside "you keep your face on" becomes the latter.)
    """
    while 0 < start < end and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while start < end < len(text) and _in_word(text[end]) and _in_word(text[end - 1]):
        end += 1
    return start, end


class CodingActions:
    """Undoable coding actions on the session's project."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self.last_in_vivo: SpanTarget | None = None  # the span (widened to whole words) of the last in-vivo code

    @property
    def _p(self):
        return self.s.project

    def _target(self, target: SpanTarget | None) -> SpanTarget | None:
        target = target or self.s.selection()
        if target is None:
            self.s.message.emit("Select some text first")
            return None
        return target if self.s.still_there(target) else None

    # -- applying codes -------------------------------------------------------------
    def apply_code(self, code_id: int, target: SpanTarget | None = None) -> bool:
        """Apply an existing code to the selection (or ``target``)."""
        target = self._target(target)
        code = self.s.code(code_id)
        if target is None or code is None:
            return False
        ok = self.s.run(ApplyCode(target.document_id, target.start, target.end, code_id, code.name))
        if ok:
            self.s.note_code_used(code_id)
        return ok

    def find_sibling(self, name: str, parent_id: int | None = None) -> Code | None:
        key = name.strip().casefold()
        return next((c for c in self.s.codes.values()
                     if c.parent_id == parent_id and c.name.casefold() == key), None)

    def create_and_apply(self, name: str, role: CodeRole = CodeRole.CODE, target: SpanTarget | None = None,
                         parent_id: int | None = None) -> bool:
        """Create a code named ``name`` and apply it in one undoable step.

        A code of that name already at that level is applied instead, so
        typing an existing name never makes a duplicate.
        """
        target = self._target(target)
        name = name.strip()
        if target is None or not name:
            return False
        existing = self.find_sibling(name, parent_id)
        if existing is not None:
            return self.apply_code(existing.id, target)
        command = CreateCode(name, role, parent_id, (target.document_id, target.start, target.end))
        ok = self.s.run(command)
        if ok and command.code is not None:
            self.s.note_code_used(command.code.id)
        return ok

    def in_vivo(self, target: SpanTarget | None = None) -> bool:
        """Code the selection with a new code named by the selection itself."""
        target = self._target(target)
        if target is None:
            return False
        whole = self._p.documents.text(target.document_id)
        start, end = snap_to_words(whole, target.start, target.end)
        target = replace(target, start=start, end=end)
        name = in_vivo_name(whole[start:end])
        if not name:
            self.s.message.emit("The selection has no words to name a code")
            return False
        self.last_in_vivo = target
        return self.create_and_apply(name, CodeRole.CODE, target)

    def emergent_theme(self, name: str, target: SpanTarget | None = None) -> bool:
        """An emergent theme from the selection, in one step (IPA's left margin)."""
        return self.create_and_apply(name, CodeRole.EMERGENT, target)

    def remove_coding(self, coding_id: int) -> bool:
        coding = self._p.coding.get(coding_id)
        code = self.s.code(coding.code_id)
        return self.s.run(RemoveCoding(coding, code.name if code else "code"))

    def adjust_coding(self, coding_id: int, target: SpanTarget | None = None) -> bool:
        """Move a coding's boundaries to the selection."""
        target = self._target(target)
        if target is None:
            return False
        coding = self._p.coding.get(coding_id)
        if coding.document_id != target.document_id:
            self.s.message.emit("Select the new extent in the same document")
            return False
        code = self.s.code(coding.code_id)
        return self.s.run(AdjustCoding(coding_id, target.start, target.end, code.name if code else "code"))

    def toggle_on_whole_document(self, document_id: int, code_id: int) -> bool:
        """Survey coding: put the code on the whole answer, or take it off again."""
        code = self.s.code(code_id)
        if code is None:
            return False
        existing = whole_answer_coding(self._p, document_id, code_id)
        if existing is not None:
            return self.s.run(RemoveCoding(existing, code.name))
        length = self._p.documents.get(document_id).length
        if length == 0:
            self.s.message.emit("An empty answer cannot be coded")
            return False
        return self.apply_code(code_id, SpanTarget(document_id, 0, length))

    # -- notes ----------------------------------------------------------------------------
    def add_note(self, kind: NoteKind, text: str, target: SpanTarget | None = None) -> bool:
        target = self._target(target)
        if target is None or not text.strip():
            return False
        return self.s.run(AddNote(target.document_id, target.start, target.end, text.strip(), kind))

    def edit_note(self, note_id: int, text: str) -> bool:
        return self.s.run(EditNote(note_id, text.strip()))

    def delete_note(self, note_id: int) -> bool:
        return self.s.run(DeleteNote(note_id))

    # -- the codebook -------------------------------------------------------------------
    def new_code(self, name: str, role: CodeRole = CodeRole.CODE, parent_id: int | None = None) -> Code | None:
        command = CreateCode(name, role, parent_id)
        return command.code if self.s.run(command) else None

    def rename_code(self, code_id: int, name: str) -> bool:
        code = self.s.code(code_id)
        if code is None or not name.strip() or name.strip() == code.name:
            return False
        return self.s.run(RenameCode(code_id, name.strip()))

    def recolour_code(self, code_id: int, colour: str) -> bool:
        return self.s.run(RecolourCode(code_id, colour))

    def edit_code_details(self, code_id: int, details: dict[str, str]) -> bool:
        code = self.s.code(code_id)
        if code is None:
            return False
        changed = {k: v for k, v in details.items() if getattr(code, k) != v}
        return bool(changed) and self.s.run(EditCodeDetails(code_id, changed))

    def move_code(self, code_id: int, new_parent_id: int | None) -> bool:
        code = self.s.code(code_id)
        if code is None or code.parent_id == new_parent_id:
            return False
        return self.s.run(MoveCode(code_id, new_parent_id, code.name))

    def merge_codes(self, source_id: int, target_id: int) -> bool:
        source, target = self.s.code(source_id), self.s.code(target_id)
        if source is None or target is None:
            return False
        return self.s.run(MergeCodes(source_id, target_id, source.name, target.name))

    def delete_code(self, code_id: int, codings: str = "delete") -> bool:
        code = self.s.code(code_id)
        return code is not None and self.s.run(DeleteCode(code_id, code.name, codings))
