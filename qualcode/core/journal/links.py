"""What a journal entry is about: a document, a line range of one, a code or a theme.

A link is kept by guid (see :class:`~qualcode.store.schema.JournalEntryRow`)
with the thing's name as it was when the entry was written, so an entry
still reads "about ‘Pressure’" after that theme was merged away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.coding.lines import find_document, parse_lines
from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.model import CodeRole
from qualcode.store.schema import CodeRow, DocumentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

#: The roles the journal calls themes (the rest are codes and statements).
THEME_ROLES = frozenset({CodeRole.THEME.value, CodeRole.SUBTHEME.value, CodeRole.PERSONAL.value})
LINK_KINDS = ("document", "lines", "code", "theme")


@dataclass(frozen=True)
class Link:
    """What an entry is about; ``label`` is the thing's name when the link was made."""

    kind: str  # one of LINK_KINDS
    label: str
    document_guid: str | None = None
    first_line: int | None = None
    last_line: int | None = None
    code_guid: str | None = None

    def describe(self) -> str:
        """"Maya interview, lines 10-12", "theme ‘Relentlessness’" — for lists and reports."""
        if self.kind == "lines":
            lines = str(self.first_line) if self.first_line == self.last_line else f"{self.first_line}-{self.last_line}"
            return f"{self.label}, lines {lines}"
        if self.kind == "document":
            return self.label
        return f"{self.kind} ‘{self.label}’"


@dataclass(frozen=True)
class Place:
    """Where clicking a link goes: a document span, or a code (document_id None)."""

    document_id: int | None = None
    start: int = 0
    end: int = 0
    code_id: int | None = None


def document_link(project: Project, document_id: int, first_line: int | None = None,
                  last_line: int | None = None) -> Link:
    """A link to a document, or to lines ``first_line``-``last_line`` of it (fixed line numbers)."""
    with project.read() as s:
        row = s.execute(select(DocumentRow.guid, DocumentRow.title, DocumentRow.line_starts)
                        .where(DocumentRow.id == document_id)).one_or_none()
    if row is None:
        raise NotFound(f"no document {document_id} in this project (it may have been deleted)")
    cited = project.documents.participant_label(document_id)
    # "maya" (the file's name) reads as the quotes cite her: "Maya, lines 86-92".
    title = cited if cited.casefold() == row.title.casefold() else row.title
    if first_line is None:
        return Link("document", title, document_guid=row.guid)
    last_line = first_line if last_line is None else last_line
    count = len(json.loads(row.line_starts)) if row.line_starts else 1
    if first_line < 1 or last_line < first_line or last_line > count:
        raise InvalidValue(f"‘{row.title}’ has lines 1-{count}; lines {first_line}-{last_line} are not in it")
    return Link("lines", title, document_guid=row.guid, first_line=first_line, last_line=last_line)


def span_link(project: Project, document_id: int, start: int, end: int) -> Link:
    """A link to the fixed lines a selected span (code-point offsets) covers."""
    with project.read() as s:
        starts = json.loads(s.scalar(select(DocumentRow.line_starts).where(DocumentRow.id == document_id)) or "[0]")
    first = sum(1 for at in starts if at <= start)
    last = max(first, sum(1 for at in starts if at < max(end, start + 1)))
    return document_link(project, document_id, first, last)


def code_link(project: Project, code_id: int) -> Link:
    """A link to a code, or to a theme when the code is one (by its role)."""
    with project.read() as s:
        row = s.get(CodeRow, code_id)
        if row is None:
            raise NotFound(f"no code {code_id} in this project (it may have been deleted)")
        return Link("theme" if row.role in THEME_ROLES else "code", row.name, code_guid=row.guid)


def link_from_names(project: Project, document: str | None = None, lines: str | None = None,
                    code: str | None = None, theme: str | None = None) -> Link | None:
    """The link the command line names (``--document D [--lines 10-12] | --code NAME | --theme NAME``)."""
    given = [name for name, value in (("--document", document), ("--code", code), ("--theme", theme)) if value]
    if len(given) > 1:
        raise InvalidValue(f"an entry is about one thing: give only one of {', '.join(given)}")
    if lines and not document:
        raise InvalidValue("--lines needs --document (the transcript the lines are in)")
    if document:
        document_id = find_document(project, document)
        if lines:
            first, last = parse_lines(lines)
            return document_link(project, document_id, first, last)
        return document_link(project, document_id)
    name = code or theme
    if not name:
        return None
    found = project.codes.find(name)
    if found is None:
        raise NotFound(f"no {'theme' if theme else 'code'} called ‘{name}’ (use a path like Theme/Code "
                       "for a repeated name)")
    link = code_link(project, found.id)
    if theme and link.kind != "theme":
        from qualcode.core.themes.terms import role_word, terms_of

        word = role_word(found.role, terms_of(project)).lower()
        raise InvalidValue(f"‘{name}’ is {'an' if word[:1] in 'aeiou' else 'a'} {word}; --theme takes group, "
                           "personal and sub-themes — use --code for it")
    return link


def place_of(project: Project, link: Link) -> Place:
    """Where the link points now; NotFound when the thing has gone (deleted, merged away)."""
    with project.read() as s:
        if link.code_guid is not None:
            code_id = s.scalar(select(CodeRow.id).where(CodeRow.guid == link.code_guid))
            if code_id is None:
                raise NotFound(f"{link.describe()} is no longer in the project (deleted or merged)")
            return Place(code_id=code_id)
        row = s.execute(select(DocumentRow.id, DocumentRow.line_starts, DocumentRow.length)
                        .where(DocumentRow.guid == link.document_guid)).one_or_none()
    if row is None:
        raise NotFound(f"{link.describe()}: the document is no longer in the project")
    if link.first_line is None or link.last_line is None:
        return Place(document_id=row.id)
    starts = json.loads(row.line_starts) if row.line_starts else [0]
    first = min(link.first_line, len(starts)) - 1
    end = starts[link.last_line] if link.last_line < len(starts) else row.length
    return Place(document_id=row.id, start=starts[first], end=max(end - 1, starts[first]))
