"""What a second analyst brings back: codes, documents and codings, tool-neutral.

A merge reads the second analyst's work into plain values first (the
``Incoming*`` values of :mod:`qualcode.core.model`), whether it comes as a
qualcode project (:func:`read_qualcode`) or as a REFI-QDA ``.qdpx``
(:func:`qualcode.io.exchange.qdpx.read_qdpx`), so matching and merging are
written once.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core.model import Incoming, IncomingCode, IncomingCoding, IncomingDocument
from qualcode.core.reliability.ipa_levels import read_levels
from qualcode.store.schema import (
    CodeRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    NoteRow,
    QuestionRow,
    SegmentRow,
)


def read_qualcode(path: str | Path) -> Incoming:
    """The codes, documents and codings of a qualcode project file."""
    from qualcode.core.project import Project
    from qualcode.core.reliability.second_coder_copy import ORIGIN_KEY

    with Project.open(path) as other:
        origin_text = other.get_meta(ORIGIN_KEY)
        incoming = Incoming(str(path), other.name, origin=json.loads(origin_text) if origin_text else None)
        incoming.complete_documents = incoming.origin is not None
        with other.read() as s:
            guids = dict(s.execute(select(CodeRow.id, CodeRow.guid)).all())
            for r in s.scalars(select(CodeRow).order_by(CodeRow.id)):
                incoming.codes.append(IncomingCode(r.guid, r.name, guids.get(r.parent_id) if r.parent_id is not None else None, r.role, r.colour,
                                                   r.description, r.inclusion, r.exclusion, r.example))
            questions = dict(s.execute(select(QuestionRow.id, QuestionRow.name)).all())
            doc_guids = {}
            for d in s.execute(select(DocumentRow.id, DocumentRow.guid, DocumentRow.title, DocumentRow.source_hash,
                                      DocumentRow.question_id, DocumentRow.text).order_by(DocumentRow.id)):
                doc_guids[d.id] = d.guid
                incoming.documents.append(IncomingDocument(d.guid, d.title, d.source_hash,
                                                           questions.get(d.question_id), d.text))
            rows = s.execute(
                select(CodingRow.guid, SegmentRow.document_id, CodingRow.code_id, SegmentRow.start,
                       SegmentRow.end, CoderRow.name)
                .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                .join(CoderRow, CoderRow.id == CodingRow.coder_id).order_by(CodingRow.id))
            incoming.codings = [IncomingCoding(g, doc_guids[d], guids[c], a, b, who) for g, d, c, a, b, who in rows]
            if incoming.origin is not None:
                _covered(s, incoming, doc_guids)
            incoming.notes = len(s.scalars(select(NoteRow.id)).all())
            read_levels(s, incoming)
    if incoming.notes:
        incoming.not_read.append(f"{incoming.notes} exploratory notes (a merge brings codings only)")
    return incoming


def _covered(s: Session, incoming: Incoming, doc_guids: dict[int, str]) -> None:
    """What the second coder coded through in their copy: what they marked done, or else what they coded.

    The copy holds only the documents it was made for; of those, the ones
    the coder marked done count, and when they marked none, the transcripts
    they coded in and every answer to a question where they coded an answer
    (a copy coded for question 1 only does not count question 2 as agreed
    absence).
    """
    from qualcode.core.reliability.coverage import coded_by_in, has_record_in

    name = (incoming.origin or {}).get("coder")
    coders = dict(s.execute(select(CoderRow.name, CoderRow.id)).all())
    if name not in coders:
        coding = {c.coder for c in incoming.codings}
        name = next(iter(coding)) if len(coding) == 1 else None
    if name is None or name not in coders:
        incoming.covered, incoming.covered_how = [], "nothing coded or marked done in the copy"
        return
    incoming.covered = sorted(doc_guids[d] for d in coded_by_in(s, coders[name]) if d in doc_guids)
    incoming.covered_how = ("marked done in the copy" if has_record_in(s, coders[name]) else
                            "inferred: the transcripts they coded in and every answer to a question where "
                            "they coded an answer")
