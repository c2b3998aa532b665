"""Where a project opens: the place the researcher left off, however it was opened.

Launching with a project, File → Open, Open recent and the welcome page all go
through :func:`open_where_left_off`, and closing a project (which opening
another one does) goes through :func:`remember_place`, so every way back into a
project returns to the same document and line, or survey answer, that was on
screen when it was closed.  Before this lived in one place only relaunching
returned there; Open recent showed the first transcript.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.core.errors import NotFound
from qualcode.core.model import DocumentKind

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.gui.main_window import MainWindow


def remember_place(window: MainWindow) -> None:
    """Keep what is on screen (the survey answer, or the transcript's top line) for the next opening."""
    session = window.session
    if session is None:
        return
    location = session.project.location
    answer = window.survey_view.current_document_id()
    if window.stack.currentWidget() is window.survey_view and answer is not None:
        window.settings.set_last_place(location, answer, 1)  # an answer opens its question at its row
        return
    view = window.document_page.view
    if view.document_id is not None:
        window.settings.set_last_place(location, view.document_id, view.firstVisibleBlock().blockNumber() + 1)


def open_where_left_off(window: MainWindow, project: Project, name: str | None = None) -> None:
    """Show ``name`` (a document title or a survey question) if given, else where the researcher left off.

    With no place remembered (or its document since removed), the first
    transcript, else the first survey question; an empty project keeps the
    welcome page.
    """
    if name:
        _open_named(window, project, name)
    elif not _open_last_place(window, project):
        docs = project.documents.list(DocumentKind.TRANSCRIPT)
        questions = [q for q, _ in project.documents.questions()]
        if docs:
            window.open_document(docs[0].id)
        elif questions:
            window.open_question(questions[0].id)


def _open_last_place(window: MainWindow, project: Project) -> bool:
    place = window.settings.last_place(project.location)
    if place is None:
        return False
    document_id, line = place
    try:
        kind = project.documents.get(document_id).kind
    except NotFound:  # removed since (by this window, the CLI or another coder's merge)
        return False
    window.open_document(document_id)  # an answer: its question, at its row
    if kind == DocumentKind.TRANSCRIPT:
        window.document_page.view.show_line_at_top(line)
    return True


def _open_named(window: MainWindow, project: Project, name: str) -> None:
    """The document or question the command line named, matched in any case."""
    docs = project.documents.list(DocumentKind.TRANSCRIPT)
    questions = [q for q, _ in project.documents.questions()]
    wanted = name.casefold()  # what the window shows (the participant) or the title
    doc = next((d for d in docs if wanted in (d.title.casefold(),
                                              project.documents.participant_label(d.id).casefold())), None)
    question = next((q for q in questions if wanted in (q.name.casefold(), q.text.casefold())), None)
    if doc is not None:
        window.open_document(doc.id)
    elif question is not None:
        window.open_question(question.id)
    else:
        from qualcode.core.project import ProjectError

        raise ProjectError(f"{project.location}: no transcript or survey question called ‘{name}’")
