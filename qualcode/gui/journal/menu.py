"""View → Journal & memos (Ctrl+Shift+J) and "Add journal entry about this" (Ctrl+J).

"About this" is the lines selected in the transcript, or else the code or
theme selected in the code tree, or else nothing (an entry about the
project).  The window is made on first use and goes when the project closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from qualcode.core.errors import QualcodeError
from qualcode.core.journal.links import Link, code_link, span_link

if TYPE_CHECKING:
    from qualcode.gui.journal.window import JournalWindow
    from qualcode.gui.main_window import MainWindow


def link_here(window: MainWindow) -> Link | None:
    """What the researcher is looking at: the selected lines, else the selected code, else None."""
    session = window.session
    if session is None:
        return None
    try:
        target = session.selection()
        if target is not None and target.end > target.start:
            return span_link(session.project, target.document_id, target.start, target.end)
        code = window.code_panel.selected_code()
        return code_link(session.project, code.id) if code is not None else None
    except QualcodeError:
        return None


def journal_window(window: MainWindow) -> JournalWindow | None:
    """The project's journal window, made on first use (None with no project open)."""
    from qualcode.gui.journal.window import JournalWindow

    session = window.session
    if session is None:
        return None
    current: JournalWindow | None = getattr(window, "_journal_window", None)
    if current is not None and current.session is session:
        return current

    def go_to_code(code_id: int) -> None:
        window.code_panel.select_code(code_id)
        window.raise_()

    made = JournalWindow(session, lambda: link_here(window), go_to_code, window)
    window.projectClosing.connect(made.detach)
    window._journal_window = made  # type: ignore[attr-defined]
    return made


def open_journal(window: MainWindow) -> None:
    journal = journal_window(window)
    if journal is not None:
        journal.show()
        journal.raise_()
        journal.activateWindow()


def add_entry_about_this(window: MainWindow) -> None:
    link = link_here(window)
    journal = journal_window(window)
    if journal is not None:
        journal.new_entry(link)


def install(window: MainWindow) -> None:
    menu = window.menu("View")
    show = menu.addAction("Journal && memos…", lambda: open_journal(window))
    show.setObjectName("journal-open")
    show.setShortcut(QKeySequence("Ctrl+Shift+J"))
    about = menu.addAction("Add journal entry about this…", lambda: add_entry_about_this(window))
    about.setObjectName("journal-add-about")
    about.setShortcut(QKeySequence("Ctrl+J"))
    about.setToolTip("A journal entry about the selected lines, or else the selected code or theme")
    for action in (show, about):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
