"""The workbench's named actions (menus, shortcuts, context menus) and their dialogs.

Each QAction is created once here, so the menu bar, the document's context
menu and the shortcuts are the same action: same label, same shortcut, same
effect.  Dialogs are opened with ``open()`` (not ``exec()``), so they never
block the event loop and tests can fill them in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from qualcode.core.coding.workbench import coder_names
from qualcode.core.model import CodeRole, NoteKind
from qualcode.gui.coding_actions import in_vivo_name, snap_to_words
from qualcode.gui.dialogs.code_details_dialog import CodeDetailsDialog
from qualcode.gui.dialogs.coder_dialog import CoderDialog
from qualcode.gui.dialogs.note_dialog import NoteDialog
from qualcode.gui.dialogs.quick_code_dialog import QuickCodeDialog
from qualcode.gui.mnemonics import as_written
from qualcode.gui.session import SpanTarget

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

NOTE_SHORTCUTS = {NoteKind.DESCRIPTIVE: "Ctrl+1", NoteKind.LINGUISTIC: "Ctrl+2",
                  NoteKind.CONCEPTUAL: "Ctrl+3", NoteKind.FREE: "Ctrl+4"}


class WorkbenchActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.undo = self._action("&Undo", QKeySequence.StandardKey.Undo, self._undo)
        self.redo = self._action("&Redo", QKeySequence.StandardKey.Redo, self._redo)
        if QKeySequence("Ctrl+Y") not in self.redo.shortcuts():  # Windows habit, and what many expect
            self.redo.setShortcuts([*self.redo.shortcuts(), QKeySequence("Ctrl+Y")])
        self.find = self._action("&Find in document…", QKeySequence.StandardKey.Find, self.open_find)
        self.quick_code = self._action("&Quick code…", "Ctrl+K", self.open_quick_code,
                                       "Apply a code to the selection, or create one by typing its name")
        self.in_vivo = self._action("&In-vivo code", "Ctrl+I", self.code_in_vivo,
                                    "A new code named with the participant's own words")
        self.repeat_code = self._action("Apply the &last code again", "Ctrl+R", self.apply_last_code)
        self.emergent_theme = self._action("&Emergent theme…", "Ctrl+E", self.open_emergent_theme,
                                           "Name an emergent theme for the selection (left margin)")
        self.notes = {kind: self._action(f"{kind.value.capitalize()} note…" if kind != NoteKind.FREE else "Free note…",
                                         NOTE_SHORTCUTS[kind], lambda _=False, k=kind: self.open_note(k))
                      for kind in NoteKind}
        self.change_coder = self._action("Change &coder…", None, self.ask_coder)
        self.show_all_codes = self._action("Show &all codes", None, self.w.show_all_codes,
                                           "Highlight every code again after looking at one")
        self.set_enabled(False)

    def _action(self, text: str, shortcut, slot, tip: str = "") -> QAction:
        action = QAction(text, self.w)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.w.addAction(action)  # shortcuts work wherever focus is in the window
        return action

    def set_enabled(self, enabled: bool) -> None:
        for action in (self.find, self.quick_code, self.in_vivo, self.repeat_code, self.emergent_theme,
                       self.change_coder, self.show_all_codes, *self.notes.values()):
            action.setEnabled(enabled)
        self.update_undo()
        reliability = getattr(self.w, "reliability", None)
        if reliability is not None:  # File → Prepare a copy / Merge follow the project, not the menu
            reliability.refresh()

    def update_undo(self) -> None:
        session = self.w.session
        undo_label = session.undo.undo_label if session else None
        redo_label = session.undo.redo_label if session else None
        # "Undo Apply code ‘Staff manner & …’": the "&" of a code name is shown, not taken for a shortcut
        self.undo.setText(f"&Undo {as_written(undo_label)}" if undo_label else "&Undo")
        self.redo.setText(f"&Redo {as_written(redo_label)}" if redo_label else "&Redo")
        self.undo.setEnabled(bool(undo_label))
        self.redo.setEnabled(bool(redo_label))

    def _undo(self) -> None:
        if self.w.session:
            self.w.session.undo_last()

    def _redo(self) -> None:
        if self.w.session:
            self.w.session.redo_last()

    # -- coding -------------------------------------------------------------------------
    def _selection_or_say(self) -> SpanTarget | None:
        target = self.w.session.selection() if self.w.session else None
        if target is None and self.w.session:
            self.w.session.message.emit("Select some text first")
        return target

    def open_quick_code(self) -> QuickCodeDialog | None:
        """The quick-code box for the selection; Enter applies, a new name creates.

        In survey mode with no words selected it codes the whole current answer, so
        every code, not only the nine on keys, can be reached from the keyboard.
        """
        target = self.w.session.selection() if self.w.session else None
        if target is None and self.w.stack.currentWidget() is self.w.survey_view:
            target = self.w.survey_view.whole_answer()
        if target is None:
            target = self._selection_or_say()
        if target is None:
            return None
        dialog = QuickCodeDialog(self.w.session, self.w)
        dialog.codeChosen.connect(lambda code_id: self.w.coding.apply_code(code_id, target))
        dialog.newCodeNamed.connect(lambda name: self.w.coding.create_and_apply(name, CodeRole.CODE, target))
        return self._show(dialog)

    def open_emergent_theme(self) -> QuickCodeDialog | None:
        """Name an emergent theme for the selection (an existing one is reused)."""
        target = self._selection_or_say()
        if target is None:
            return None
        whole = self.w.session.project.documents.text(target.document_id)
        start, end = snap_to_words(whole, target.start, target.end)  # never half a word
        target, text = replace(target, start=start, end=end), whole[start:end]
        emergent = {c.id for c in self.w.session.codes.values() if c.role == CodeRole.EMERGENT}
        dialog = QuickCodeDialog(self.w.session, self.w, title="Emergent theme",
                                 prompt="A short phrase, close to the participant's words. Enter creates it; "
                                        "an existing emergent theme can be chosen instead.",
                                 initial_text=in_vivo_name(text) if len(text) < 60 else "",
                                 exclude={c for c in self.w.session.codes if c not in emergent},
                                 new_role=CodeRole.EMERGENT)
        dialog.codeChosen.connect(lambda code_id: self.w.coding.apply_code(code_id, target))
        dialog.newCodeNamed.connect(lambda name: self.w.coding.emergent_theme(name, target))
        return self._show(dialog)

    def code_in_vivo(self) -> None:
        """Code the selection (widened to whole words) with its own words, then offer to edit the name.

        The code is made at once (one undoable step); its name opens for editing
        in the code tree: type to change it, Enter keeps it, and the focus goes
        back to the text.
        """
        target = self._selection_or_say()
        if target is None or not self.w.coding.in_vivo(target):
            return
        session, made = self.w.session, self.w.coding.last_in_vivo
        if made is not None and made != target:
            view = self.w.active_document_view()
            if view.document_id == made.document_id:
                view.select_span(made.start, made.end, centre=False)  # show the words the code took
        code_id = session.recent_codes[0] if session and session.recent_codes else None
        if code_id is not None and self.w.code_panel.edit_name(code_id, self.w.active_document_view().setFocus):
            session.message.emit("In-vivo code made: type to change its name, Enter keeps it")

    def apply_last_code(self) -> None:
        session = self.w.session
        if session and session.recent_codes:
            target = self._selection_or_say()
            if target is not None:
                self.w.coding.apply_code(session.recent_codes[0], target)

    def open_note(self, kind: NoteKind = NoteKind.DESCRIPTIVE) -> NoteDialog | None:
        target = self._selection_or_say()
        if target is None:
            return None
        quote = self.w.session.project.documents.text(target.document_id)[target.start:target.end]
        dialog = NoteDialog(" ".join(quote.split()), kind, parent=self.w)
        dialog.noteWritten.connect(lambda k, text: self.w.coding.add_note(k, text, target))
        return self._show(dialog)

    def edit_note(self, note_id: int) -> NoteDialog | None:
        session = self.w.session
        if session is None:
            return None
        note = session.project.notes.get(note_id)
        quote = session.project.documents.text(note.document_id)[note.start:note.end]
        dialog = NoteDialog(" ".join(quote.split()), note.kind, note.text, self.w, editing=True)
        dialog.noteWritten.connect(lambda _kind, text: self.w.coding.edit_note(note_id, text))
        return self._show(dialog)

    def open_code_details(self, code_id: int) -> CodeDetailsDialog | None:
        code = self.w.session.code(code_id) if self.w.session else None
        if code is None:
            return None
        dialog = CodeDetailsDialog(code, self.w)
        dialog.detailsEdited.connect(lambda cid, details: self.w.coding.edit_code_details(cid, details))
        return self._show(dialog)

    def open_merge(self, code_id: int) -> QuickCodeDialog | None:
        session = self.w.session
        code = session.code(code_id) if session else None
        if code is None:
            return None
        below = set(session.project.codes.descendants(code_id))
        dialog = QuickCodeDialog(session, self.w, title=f"Merge “{code.name}” into…",
                                 prompt=f"Every segment of “{code.name}” moves to the code you choose; "
                                        "its sub-codes move with them. Undo puts everything back.",
                                 allow_create=False, exclude=below)
        dialog.codeChosen.connect(lambda target_id: self.w.coding.merge_codes(code_id, target_id))
        return self._show(dialog)

    def ask_coder(self) -> CoderDialog | None:
        session = self.w.session
        if session is None:
            return None
        current = self.w.settings.coder_name or session.project.coder_name
        dialog = CoderDialog(coder_names(session.project), current, self.w)
        dialog.coderChosen.connect(self.w.set_coder)
        return self._show(dialog)

    def open_find(self) -> None:
        if self.w.session is not None:
            self.w.show_document_page()
            self.w.document_page.find_bar.open_bar()

    @staticmethod
    def _show(dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    # -- the document's context menu ---------------------------------------------------
    def build_document_menu(self, menu: QMenu, offset: int | None) -> None:
        """Coding actions, then the codings under the mouse or the selection (remove, adjust)."""
        session = self.w.session
        if session is None:
            return
        view = self.w.active_document_view()
        menu.addSeparator()
        for action in (self.quick_code, self.in_vivo, self.repeat_code, self.emergent_theme):
            menu.addAction(action)
        notes = menu.addMenu("Exploratory note")
        for action in self.notes.values():
            notes.addAction(action)
        selection = view.selected_span()
        spans = view.spans_touching(*selection) if selection else (view.spans_at(offset) if offset is not None else [])
        notes_here = view.notes_at(offset) if offset is not None else []
        if not spans and not notes_here:
            return
        menu.addSeparator()
        for span in spans[:10]:
            code = session.code(span.code_id)
            first, last = view.lines_of_span(span)
            lines = f"{first}" if first == last else f"{first}–{last}"
            sub = menu.addMenu(f"“{as_written(code.name) if code else '?'}” (lines {lines})")
            sub.addAction("Select its segment", lambda s=span: view.select_span(s.start, s.end, centre=False))
            adjust = sub.addAction("Adjust to the selection",
                                   lambda s=span: self.w.coding.adjust_coding(s.coding_id))
            adjust.setEnabled(bool(selection) and selection != (span.start, span.end))
            sub.addAction("Remove this coding", lambda s=span: self.w.coding.remove_coding(s.coding_id))
        for note in notes_here[:5]:
            sub = menu.addMenu(f"{note.kind.value.capitalize()} note: {note.text[:30]}…")
            sub.addAction("Edit…", lambda n=note: self.edit_note(n.id))
            sub.addAction("Delete", lambda n=note: self.w.coding.delete_note(n.id))
