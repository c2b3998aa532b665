"""Unitising: cutting the documents compared into the units agreement counts.

The pure builders in :mod:`qualcode.analysis.agreement.units` know nothing
of the project; this module reads what each kind of unit needs from it —
document lengths, the fixed transcript lines, sentence boundaries, the
interviewer turns left out on request — and hands the coders' codings to
the right builder.  Which unit to use, when the researcher did not say, is
decided here too: the answer for a survey, else the transcript line.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import select

from qualcode.analysis.agreement.units import (
    CodingColumns,
    ReliabilityData,
    Span,
    answer_units,
    character_units,
    line_units,
    overlap_units,
    sentence_units,
)
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.store.schema import DocumentRow, TurnRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


def choose_unit(project: Project, documents: set[int]) -> str:
    """The unit when none was asked for: the answer when the documents are survey answers, else the line."""
    with project.read() as s:
        kinds = set(s.scalars(select(DocumentRow.kind).where(DocumentRow.id.in_(sorted(documents)[:1000]))))
    return "answer" if kinds == {"answer"} else "line"


def _excluded(project: Project, documents: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Interviewer turns, each with the whitespace after it (a blank line belongs to no one)."""
    with project.read() as s:
        rows = s.execute(select(TurnRow.document_id, TurnRow.start, TurnRow.end)
                         .where(TurnRow.is_interviewer.is_(True))).all()
    rows = [r for r in rows if r[0] in documents]
    texts = project.documents.texts({doc for doc, _, _ in rows})
    out: dict[int, list[tuple[int, int]]] = {}
    for doc, start, end in rows:
        text = texts[doc]
        while end < len(text) and text[end].isspace():
            end += 1
        out.setdefault(doc, []).append((start, end))
    return out


def _lengths(project: Project, documents: set[int]) -> dict[int, int]:
    with project.read() as s:
        rows = s.connection().execute(select(DocumentRow.id, DocumentRow.length))
        return {d: n for d, n in rows if d in documents}


def _line_starts(project: Project, documents: set[int]) -> dict[int, list[int]]:
    ids = sorted(documents)
    out: dict[int, list[int]] = {}
    with project.read() as s:
        for i in range(0, len(ids), 500):
            rows = s.execute(select(DocumentRow.id, DocumentRow.line_starts)
                             .where(DocumentRow.id.in_(ids[i:i + 500])))
            out.update({d: json.loads(starts) for d, starts in rows})
    return out


def build_units(project: Project, request: AgreementRequest, codings: CodingColumns,
                by_coder: Mapping[str, set[int]], shared: set[int], n_codes: int) -> ReliabilityData:
    """Units and presence data for the request's (resolved) unit over the ``shared`` documents.

    ``codings`` holds coders and codes as indices (coder ``i`` is
    ``request.coders[i]``, code ``j`` the ``j``-th of ``n_codes`` compared):
    the builders match them by sorting, not one look-up per coding, and the
    caller puts the names back in afterwards.
    """
    # The builders' signatures say names and any hashable document key; integer
    # indices and ids sort and match alike (analysis.agreement.layout), hence the
    # casts to what they declare.
    unit = request.unit
    by_index = cast(Mapping[str, set[Hashable]], {i: by_coder[c] for i, c in enumerate(request.coders)})
    indices = cast(list[str], list(range(n_codes)))
    excluded = cast(Mapping[Hashable, Sequence[Span]] | None,
                    _excluded(project, shared) if request.exclude_interviewer else None)
    lengths = cast(Mapping[Hashable, int], _lengths(project, shared))
    common: dict[str, Any] = {"excluded": excluded, "shared_only": request.shared_only}
    if unit == "answer":
        return answer_units(codings, by_index, indices, document_lengths=lengths, **common)
    if unit == "line":
        line_starts = cast(Mapping[Hashable, Sequence[int]], _line_starts(project, shared))
        texts = cast(Mapping[Hashable, str], project.documents.texts(shared))
        return line_units(codings, by_index, line_starts, indices, document_lengths=lengths, texts=texts,
                          **common)
    if unit == "sentence":
        from qualcode.core.reliability.sentences import sentence_starts

        plain = project.documents.texts(shared)
        starts = cast(Mapping[Hashable, Sequence[int]], sentence_starts(plain))
        return sentence_units(codings, by_index, starts, indices, document_lengths=lengths,
                              texts=cast(Mapping[Hashable, str], plain), **common)
    if unit == "character":
        return character_units(codings, by_index, lengths, indices, **common)
    return overlap_units(codings, by_index, indices, share=request.share, document_lengths=lengths, **common)
