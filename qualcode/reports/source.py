"""What the reports read from a project, each in a few SQL queries.

Reports ask for everything they need up front — the quotes of a set of
codes, the attributes of the participants they cite — in one query each,
never one query per coding, so a 50,000-answer survey exports as quickly as
six interviews.  Everything returned is a plain frozen value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.errors import NotFound
from qualcode.core.model import Code, CodeRole
from qualcode.core.participants import parse_attribute
from qualcode.core.transcripts.lines import format_line_range
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    ParticipantRow,
    QuestionRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project

_WRAP = re.compile(r"[ \t]*\n[ \t]*")


def as_said(text: str) -> str:
    """A quote as one paragraph: the transcript's wrapped lines joined by a space.

    Only the line breaks of the fixed-width layout go; every character the
    participant said (curly quotes, dashes, accents, pauses) stays.
    """
    return _WRAP.sub(" ", text.strip())


@dataclass(frozen=True)
class Quote:
    """One coded extract, with what a table needs to show and cite it."""

    coding_id: int
    code_id: int
    document_id: int
    document_kind: str
    participant_id: int | None
    participant: str  # pseudonym, respondent id, or the document title
    question_id: int | None
    start: int
    end: int
    first_line: int
    last_line: int
    text: str  # as said, wrapped lines joined

    @property
    def lines(self) -> str:
        return format_line_range(self.first_line, self.last_line)

    @property
    def is_answer(self) -> bool:
        return self.document_kind == "answer"

    @property
    def words(self) -> int:
        return len(self.text.split())


def cite(quote: Quote, attributes: Sequence[object] = ()) -> str:
    """``(Maya, 155-157)`` for a transcript; ``(R017, practitioner, North)`` for a survey answer.

    A survey answer is cited as a whole, so it has no line range; the
    respondent id and the chosen attributes say who wrote it.
    """
    extra = [str(a) for a in attributes if a not in (None, "")]
    if quote.is_answer:
        return f"({', '.join([quote.participant, *extra])})"
    return f"({', '.join([quote.participant, *extra])}, {quote.lines})"


def cite_by(quote: Quote, attrs: dict[str, object], names: Sequence[str]) -> str:
    """``(PWP)``: a quote cited by attributes alone (``--cite role``), with its lines in a transcript.

    For reports that must not show respondent ids or pseudonyms; a missing
    value reads "not stated".
    """
    values = [str(attrs[a]) for a in names if attrs.get(a) not in (None, "")] or ["not stated"]
    return f"({', '.join(values)})" if quote.is_answer else f"({', '.join(values)}, {quote.lines})"


@dataclass
class ThemeNode:
    """A code in the hierarchy with its children and every code below it."""

    code: Code
    children: list[ThemeNode] = field(default_factory=list)

    def descendant_ids(self) -> list[int]:
        out = [self.code.id]
        for c in self.children:
            out.extend(c.descendant_ids())
        return out

    @property
    def name(self) -> str:
        return self.code.name


def theme_tree(project: Project) -> list[ThemeNode]:
    """The codebook as a tree, top-level codes first, in codebook order."""
    nodes: dict[int, ThemeNode] = {}
    roots: list[ThemeNode] = []
    for code in project.codes.list():  # parents before children
        node = nodes[code.id] = ThemeNode(code)
        (nodes[code.parent_id].children if code.parent_id in nodes else roots).append(node)
    return roots


def theme_levels(roots: list[ThemeNode]) -> list[tuple[ThemeNode, list[ThemeNode]]]:
    """Superordinate themes with their sub-themes, the two levels every theme table shows.

    Top-level codes are the (superordinate) themes; their children are the
    sub-themes (IPA) or codes (a survey codebook).  A top-level code without
    children stands as its own single sub-theme so its quotes are not lost.
    """
    return [(root, root.children or [root]) for root in roots]


def question_id(project: Project, name: str | None) -> int | None:
    """The id of question ``name``; None when no question is asked for."""
    if not name:
        return None
    with project.read() as s:
        qid = s.scalar(select(QuestionRow.id).where(QuestionRow.name == name))
        if qid is None:
            names = ", ".join(s.scalars(select(QuestionRow.name).order_by(QuestionRow.position))) or "none"
            raise NotFound(f"the project has no question ‘{name}’ (it has: {names})")
    return qid


def participant_id(project: Project, name: str | None) -> int | None:
    if not name:
        return None
    with project.read() as s:
        pid = s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == name))
    if pid is None:
        raise NotFound(f"the project has no participant or respondent ‘{name}’")
    return pid


def fetch_quotes(project: Project, code_ids: Iterable[int] | None = None, *,
                 question: int | None = None, participant: int | None = None,
                 coders: Sequence[str] | None = None) -> list[Quote]:
    """Every coding of ``code_ids`` (all codes when None), in document then text order.

    One query for the codings, one per 500 documents for their texts; line
    numbers come from each document's fixed line index (cached).
    """
    q = (select(CodingRow.id, CodingRow.code_id, SegmentRow.document_id, DocumentRow.kind,
                DocumentRow.participant_id, ParticipantRow.pseudonym, DocumentRow.title,
                DocumentRow.question_id, SegmentRow.start, SegmentRow.end)
         .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
         .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
         .outerjoin(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
         .order_by(DocumentRow.position, DocumentRow.id, SegmentRow.start, SegmentRow.end, CodingRow.id))
    if code_ids is not None:
        q = q.where(CodingRow.code_id.in_(list(code_ids)))
    if question is not None:
        q = q.where(DocumentRow.question_id == question)
    if participant is not None:
        q = q.where(DocumentRow.participant_id == participant)
    if coders:
        q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(list(coders)))
    with project.read() as s:
        rows = s.execute(q).all()
    texts = project.documents.texts(r.document_id for r in rows)
    out = []
    for r in rows:
        first, last = project.documents.line_index(r.document_id).lines_of(r.start, r.end)
        out.append(Quote(r.id, r.code_id, r.document_id, r.kind, r.participant_id, r.pseudonym or r.title,
                         r.question_id, r.start, r.end, first, last,
                         as_said(texts[r.document_id][r.start:r.end])))
    return out


def attributes_of(project: Project, participant_ids: Iterable[int],
                  names: Sequence[str]) -> dict[int, dict[str, object]]:
    """The named attributes of each participant (typed), in chunks of 500 ids."""
    ids = sorted(set(participant_ids))
    out: dict[int, dict[str, object]] = {pid: {} for pid in ids}
    if not names or not ids:
        return out
    with project.read() as s:
        known = set(s.scalars(select(AttributeRow.name)))
        missing = [n for n in names if n not in known]
        if missing:
            raise NotFound(f"the project has no attribute ‘{missing[0]}’ "
                           f"(it has: {', '.join(sorted(known)) or 'none'})")
        for i in range(0, len(ids), 500):
            for pid, name, type_, value in s.execute(
                    select(AttributeValueRow.participant_id, AttributeRow.name, AttributeRow.type,
                           AttributeValueRow.value)
                    .join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                    .where(AttributeValueRow.participant_id.in_(ids[i:i + 500]),
                           AttributeRow.name.in_(list(names)))):
                out[pid][name] = parse_attribute(value, type_)
    return out


def matches(attrs: Mapping[str, object], wanted: Mapping[str, Sequence[str]]) -> bool:
    """Whether a participant's attributes satisfy a filter like ``{"role_group": ["manager"]}``."""
    return all(str(attrs.get(name, "")) in {str(v) for v in values} for name, values in wanted.items())


def is_theme(code: Code) -> bool:
    return code.role in (CodeRole.THEME, CodeRole.SUBTHEME)


@dataclass(frozen=True)
class NoteLine:
    """An exploratory note with the fixed lines it sits on."""

    document_id: int
    kind: str
    text: str
    first_line: int
    last_line: int

    @property
    def label(self) -> str:
        kind = "" if self.kind == "free" else f"{self.kind.capitalize()}: "
        return f"{kind}{self.text} ({format_line_range(self.first_line, self.last_line)})"


def fetch_notes(project: Project, document_ids: Iterable[int]) -> dict[int, list[NoteLine]]:
    """Exploratory notes of the documents, in text order, one query per 500 documents."""
    from qualcode.store.schema import NoteRow

    ids = sorted(set(document_ids))
    out: dict[int, list[NoteLine]] = {d: [] for d in ids}
    with project.read() as s:
        for i in range(0, len(ids), 500):
            rows = s.execute(select(SegmentRow.document_id, SegmentRow.start, SegmentRow.end, NoteRow.kind,
                                    NoteRow.text)
                             .join(NoteRow, NoteRow.segment_id == SegmentRow.id)
                             .where(SegmentRow.document_id.in_(ids[i:i + 500]))
                             .order_by(SegmentRow.document_id, SegmentRow.start, NoteRow.id)).all()
            for doc, start, end, kind, text in rows:
                first, last = project.documents.line_index(doc).lines_of(start, end)
                out[doc].append(NoteLine(doc, kind, as_said(text), first, last))
    return out


def attribute_names(project: Project) -> list[str]:
    """Every attribute of the project, in the order they were defined."""
    with project.read() as s:
        return list(s.scalars(select(AttributeRow.name).order_by(AttributeRow.id)))


def attribute_values(project: Project, name: str) -> list[str]:
    """The distinct values attribute ``name`` takes (for filters and group choices)."""
    with project.read() as s:
        values = s.scalars(select(AttributeValueRow.value).distinct()
                           .join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                           .where(AttributeRow.name == name, AttributeValueRow.value.is_not(None)))
        return sorted((v for v in values if v), key=str.casefold)  # None is filtered out above
