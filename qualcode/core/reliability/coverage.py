"""Which documents each coder has coded through.

Agreement compares coders only on what both of them coded.  A document a
coder read and left uncoded is different from one they never saw: in the
first every code is *absent*, in the second it is *missing*.  So the project
records, per coder, the documents they coded through (the ``coder_document``
table): a merge records every document of the second coder's copy, and a
consensus records the documents it was reached on.

A coder with no such record (usually the first analyst, who coded the whole
project) is taken to have coded every transcript where they applied a code,
and every answer to a survey question where they coded at least one answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core.reliability.codings import fetch_ints
from qualcode.store.schema import CoderDocumentRow, CoderRow, CodingRow, DocumentRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


def mark_coded_in(s: Session, coder_id: int, document_ids: Iterable[int], origin: str) -> int:
    """Record that a coder coded through these documents; return how many were new."""
    have = set(s.scalars(select(CoderDocumentRow.document_id).where(CoderDocumentRow.coder_id == coder_id)))
    new = sorted(set(document_ids) - have)
    s.add_all(CoderDocumentRow(coder_id=coder_id, document_id=d, origin=origin) for d in new)
    return len(new)


def mark_coded(project: Project, coder: str, document_ids: Iterable[int], origin: str = "marked") -> int:
    """The same in its own transaction, with an audit entry."""
    ids = list(document_ids)
    with project.transaction() as s:
        coder_id = project.coder_id_in(s, coder)
        added = mark_coded_in(s, coder_id, ids, origin)
        project.audit(s, "mark documents coded", "coder", coder_id,
                      {"coder": coder, "documents": len(ids), "new": added})
    return added


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
            out[name] = set() if coder_id is None else _coded_by(s, coder_id)
    return out


def has_record(project: Project, coder: str) -> bool:
    """Whether the project records what ``coder`` coded through (vs. inferring it)."""
    with project.read() as s:
        return s.scalar(select(CoderDocumentRow.document_id).join(CoderRow, CoderRow.id == CoderDocumentRow.coder_id)
                        .where(CoderRow.name == coder).limit(1)) is not None


def _coded_by(s: Session, coder_id: int) -> set[int]:
    recorded = set(fetch_ints(s.connection(), select(CoderDocumentRow.document_id)
                              .where(CoderDocumentRow.coder_id == coder_id), 1)[:, 0].tolist())
    if recorded:
        return recorded
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
