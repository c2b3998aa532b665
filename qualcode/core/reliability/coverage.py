"""Which documents each coder has coded through.

Agreement compares coders only on what both of them coded.  A document a
coder read and left uncoded is different from one they never saw: in the
first every code is *absent*, in the second it is *missing*.  So the project
records, per coder, the documents they coded through (the ``coder_document``
table).  Records are explicit and come from four places:

* a code-sheet import records every answer to the sheet's question of the
  respondents the sheet has a row for (a row of zeros is "read, nothing
  applied");
* a merge records, of the documents the copy was made for, those the
  second coder marked done in their copy (or, when they marked nothing,
  the transcripts they coded in and every answer to a question where they
  coded an answer);
* a consensus records the documents it was reached on;
* the researcher marks documents done or not done (the document list's
  "Coded through" menu, ``qualcode coverage P --coder NAME --done DOC``).

A coder with no record at all (usually the first analyst, who coded the
whole project) is taken to have coded every transcript where they applied a
code, and every answer to a survey question where they coded at least one
answer.  Marking a document done in the window or with ``qualcode coverage``
(or not done) for such a coder first records what was inferred (origin
``inferred``), so marking one more document never drops the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from qualcode.core.errors import NotFound
from qualcode.core.reliability.codings import fetch_ints
from qualcode.store.schema import (
    CoderDocumentRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    QuestionRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project


def mark_coded_in(s: Session, coder_id: int, document_ids: Iterable[int], origin: str) -> int:
    """Record that a coder coded through these documents; return how many were new."""
    have = set(s.scalars(select(CoderDocumentRow.document_id).where(CoderDocumentRow.coder_id == coder_id)))
    new = sorted(set(document_ids) - have)
    s.add_all(CoderDocumentRow(coder_id=coder_id, document_id=d, origin=origin) for d in new)
    return len(new)


def keep_inferred_in(s: Session, coder_id: int) -> None:
    """Turn a coder's inferred coverage into records before the first explicit change."""
    if s.scalar(select(CoderDocumentRow.document_id).where(CoderDocumentRow.coder_id == coder_id).limit(1)) is None:
        mark_coded_in(s, coder_id, inferred_in(s, coder_id), "inferred")


def mark_coded(project: Project, coder: str, document_ids: Iterable[int], origin: str = "marked",
               keep_inferred: bool = False) -> int:
    """Mark documents done for ``coder`` in one transaction, with an audit entry; how many were new.

    For a coder without a record, the marked documents become the record
    (they are what the coder coded through); with ``keep_inferred`` (the
    window and ``qualcode coverage``, where a researcher marks one more
    document) what was inferred is recorded first and kept.
    """
    ids = list(document_ids)
    with project.transaction() as s:
        coder_id = project.coder_id_in(s, coder)
        if keep_inferred:
            keep_inferred_in(s, coder_id)
        added = mark_coded_in(s, coder_id, ids, origin)
        project.audit(s, "mark documents coded", "coder", coder_id,
                      {"coder": coder, "documents": len(ids), "new": added})
    return added


def unmark_coded(project: Project, coder: str, document_ids: Iterable[int]) -> int:
    """Mark documents *not* done for ``coder``: agreement then treats them as missing for them."""
    ids = sorted(set(document_ids))
    with project.transaction() as s:
        coder_id = project.coder_id_in(s, coder)
        keep_inferred_in(s, coder_id)
        removed = 0
        for i in range(0, len(ids), 500):
            result = s.execute(delete(CoderDocumentRow).where(CoderDocumentRow.coder_id == coder_id,
                                                              CoderDocumentRow.document_id.in_(ids[i:i + 500])))
            removed += int(getattr(result, "rowcount", 0) or 0)
        project.audit(s, "mark documents not coded", "coder", coder_id,
                      {"coder": coder, "documents": len(ids), "removed": removed})
    return removed


def coded_documents(project: Project, coders: Iterable[str]) -> dict[str, set[int]]:
    """Per coder (by name), the ids of the documents they coded through.

    Unknown coders get an empty set.  See the module docstring for coders
    without a record.
    """
    out: dict[str, set[int]] = {}
    with project.read() as s:
        ids = dict(s.execute(select(CoderRow.name, CoderRow.id)).all())
        for name in coders:
            coder_id = ids.get(name)
            out[name] = set() if coder_id is None else coded_by_in(s, coder_id)
    return out


def has_record(project: Project, coder: str) -> bool:
    """Whether the project records what ``coder`` coded through (vs. inferring it)."""
    with project.read() as s:
        return s.scalar(select(CoderDocumentRow.document_id).join(CoderRow, CoderRow.id == CoderDocumentRow.coder_id)
                        .where(CoderRow.name == coder).limit(1)) is not None


def has_record_in(s: Session, coder_id: int) -> bool:
    return s.scalar(select(CoderDocumentRow.document_id).where(CoderDocumentRow.coder_id == coder_id)
                    .limit(1)) is not None


def coded_by_in(s: Session, coder_id: int) -> set[int]:
    """The documents a coder coded through: their records, or else what is inferred."""
    recorded = set(fetch_ints(s.connection(), select(CoderDocumentRow.document_id)
                              .where(CoderDocumentRow.coder_id == coder_id), 1)[:, 0].tolist())
    return recorded if recorded else inferred_in(s, coder_id)


def inferred_in(s: Session, coder_id: int) -> set[int]:
    """Transcripts where the coder applied a code, and every answer to a question where they coded one."""
    rows = s.execute(
        select(SegmentRow.document_id, DocumentRow.question_id)
        .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
        .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
        .where(CodingRow.coder_id == coder_id).distinct()).all()
    documents = {d for d, q in rows if q is None}
    questions = {q for _, q in rows if q is not None}
    if questions:
        documents |= set(s.scalars(select(DocumentRow.id).where(DocumentRow.question_id.in_(questions))))
    return documents


# -- naming documents: titles for transcripts, question names for every answer ------------------


def find_documents(project: Project, names: Iterable[str]) -> list[int]:
    """Document ids for transcript titles, survey question names (all their answers) or answer titles.

    A question's name wins over an answer's title; an answer title that
    several questions share is refused (name the question instead), and so is
    a name that is none of these, naming it.
    """
    out: list[int] = []
    with project.read() as s:
        titles: dict[str, list[tuple[int, int | None]]] = {}
        for doc_id, title, question in s.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.question_id)):
            titles.setdefault(title.casefold(), []).append((doc_id, question))
        questions = {name.casefold(): qid for qid, name in s.execute(select(QuestionRow.id, QuestionRow.name))}
        for name in names:
            key = name.strip().casefold()
            if key in questions:
                out += list(s.scalars(select(DocumentRow.id).where(DocumentRow.question_id == questions[key])))
            elif key in titles:
                found = titles[key]
                if len(found) > 1:
                    raise NotFound(f"‘{name}’ names {len(found)} documents (answers to several questions?); "
                                   f"name the question instead")
                out.append(found[0][0])
            else:
                known = sorted(list(questions)[:5] + [t for t in titles][:5])
                raise NotFound(f"no transcript, survey question or answer called ‘{name}’ "
                               f"(for example: {', '.join(known) or 'none'})")
    return out


@dataclass(frozen=True)
class CoverageLine:
    """One transcript or survey question, and how much of it a coder coded through."""

    name: str  # a transcript's title or a question's name
    kind: str  # "transcript" or "question"
    done: int  # documents (answers) coded through
    of: int  # documents (answers) in it
    recorded: bool  # False: inferred from the codings (no record for this coder)


def coverage_lines(project: Project, coder: str) -> list[CoverageLine]:
    """What ``coder`` coded through, per transcript and per survey question."""
    with project.read() as s:
        coder_id = s.scalar(select(CoderRow.id).where(CoderRow.name == coder))
        if coder_id is None:
            known = ", ".join(sorted(s.scalars(select(CoderRow.name)))) or "none"
            raise NotFound(f"no coder called ‘{coder}’ in this project (coders: {known})")
        recorded = s.scalar(select(CoderDocumentRow.document_id)
                            .where(CoderDocumentRow.coder_id == coder_id).limit(1)) is not None
        done = coded_by_in(s, coder_id)
        lines = []
        for doc_id, title in s.execute(select(DocumentRow.id, DocumentRow.title)
                                       .where(DocumentRow.question_id.is_(None)).order_by(DocumentRow.id)):
            lines.append(CoverageLine(title, "transcript", int(doc_id in done), 1, recorded))
        for qid, name in s.execute(select(QuestionRow.id, QuestionRow.name).order_by(QuestionRow.id)):
            answers = set(s.scalars(select(DocumentRow.id).where(DocumentRow.question_id == qid)))
            lines.append(CoverageLine(name, "question", len(answers & done), len(answers), recorded))
    return lines
