"""Units of analysis for agreement: turning codings into presence data.

The unit must be stated in any reliability claim (METHODS.md §3), and the
same codings give different figures per answer, per line or per character.
Each builder here returns :class:`ReliabilityData` for
:func:`qualcode.analysis.agreement.agreement_report`.

Rules shared by every builder:

* Offsets are code points; a coding covers ``text[start:end]``.  Empty
  codings (``end <= start``) cover nothing and are ignored.
* Only documents every compared coder has coded count (``shared_only``), as
  listed in ``documents_by_coder``: a coder who never opened a document is
  *missing* there, not "absent".  With ``shared_only=False`` documents coded by
  at least two coders count, and the others are missing (alpha allows this;
  kappa uses the units both coders of a pair coded).  Codings in a document
  not in the coder's list are ignored.
* ``excluded`` spans (e.g. interviewer turns) are taken out of the text
  before anything else: a unit wholly inside them is dropped, and only the
  characters outside them count for overlap.
* Line and sentence units, given the ``texts``: a line or sentence of
  whitespace only (a blank transcript line) is never a unit, and a coding
  counts from its first to its last non-blank character, so whether a coded
  passage takes its line's final newline (or a leading space) along changes
  nothing.
"""


from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np

from qualcode.analysis.agreement.data import (
    UNIT_KINDS,
    Coding,
    CodingColumns,
    Location,
    ReliabilityData,
    Span,
    UnitKind,
)
from qualcode.analysis.agreement.layout import as_columns, lay_out, mark_runs, with_missing
from qualcode.analysis.agreement.overlap import overlap_units

__all__ = [
    "UNIT_KINDS", "Coding", "CodingColumns", "Location", "ReliabilityData", "Span", "UnitKind", "answer_units",
    "character_units", "line_units", "overlap_units", "sentence_units",
]

# --- the builders -----------------------------------------------------------------


def answer_units(
    codings: Iterable[Coding | tuple] | CodingColumns,
    documents_by_coder: Mapping[str, set[Hashable]],
    codes: Sequence[str] | None = None,
    *,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
) -> ReliabilityData:
    """Each survey answer (document) is a unit; a code is present for a coder
    when any of their codings of it touches the answer.

    Every counted answer is a unit, whether or not anyone coded it: an answer
    both coders left uncoded is agreement.  ``codes`` defaults to the codes
    used; pass the codebook so that codes nobody used are reported too.
    """
    layout, marks = lay_out(codings, documents_by_coder, codes, shared_only, document_lengths, excluded)
    shape = (len(layout.codes), len(layout.documents), len(layout.coders))
    applied = np.zeros(shape, dtype=bool)
    applied[marks.code, marks.doc, marks.coder] = True
    docs = np.arange(len(layout.documents))
    where = [(d, 0, int(n)) for d, n in zip(layout.documents, layout.lengths)]
    description = (f"Each survey answer is a unit: {layout.covered('answers')}. A code is present "
                   f"for a coder when any of their codings of it falls in the answer.{layout.cut_note()}")
    return ReliabilityData(
        "answer", layout.coders, layout.codes, tuple(with_missing(a, docs, layout.seen) for a in applied),
        (None,) * len(layout.codes), len(docs), len(docs), description, (where,) * len(layout.codes),
    )


def trimmed(codings: Iterable[Coding | tuple] | CodingColumns, texts: Mapping[Hashable, str]) -> CodingColumns:
    """The codings with the whitespace at either end left out (codings of unknown documents kept as they are)."""
    coder, code, doc, start, end = as_columns(codings)
    new_start, new_end = np.array(start, dtype=np.int64), np.array(end, dtype=np.int64)
    for i, d in enumerate(doc.tolist() if isinstance(doc, np.ndarray) else doc):
        text = texts.get(d)
        if text is None:
            continue
        s, e = max(int(new_start[i]), 0), min(int(new_end[i]), len(text))
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        new_start[i], new_end[i] = s, e
    return CodingColumns(coder, code, doc, new_start, new_end)


def _boundary_units(
    unit: str,
    codings: Iterable[Coding | tuple] | CodingColumns,
    documents_by_coder: Mapping[str, set[Hashable]],
    starts: Mapping[Hashable, Sequence[int]],
    codes: Sequence[str] | None,
    document_lengths: Mapping[Hashable, int] | None,
    excluded: Mapping[Hashable, Sequence[Span]] | None,
    shared_only: bool,
    texts: Mapping[Hashable, str] | None = None,
) -> ReliabilityData:
    """Units that run from one given start offset to the next (the last to the document's end)."""
    if texts is not None:
        codings = trimmed(codings, texts)
    least = {d: (max(s) + 1 if len(s) else 1) for d, s in starts.items()}
    layout, marks = lay_out(codings, documents_by_coder, codes, shared_only, document_lengths, excluded,
                            least)
    doc, local_start, local_end = [], [], []
    for i, d in enumerate(layout.documents):
        if d not in starts:
            raise ValueError(f"no {unit} boundaries given for document {d!r}")
        s = np.asarray(starts[d], dtype=np.int64)
        if np.any(np.diff(s) < 0):
            raise ValueError(f"{unit} starts of document {d!r} are not sorted")
        doc.append(np.full(len(s), i))
        local_start.append(s)
        local_end.append(np.append(s[1:], layout.lengths[i]))
    doc_all, s_all, e_all = (np.concatenate(x) if x else np.zeros(0, np.int64)
                             for x in (doc, local_start, local_end))
    first_pos, last_pos = layout.position(doc_all, s_all), layout.position(doc_all, e_all)
    keep = last_pos > first_pos  # empty lines and lines wholly excluded are not units
    blank = 0
    if texts is not None:  # a line of whitespace only is never a unit
        documents = layout.documents
        filled = np.array([bool(texts[documents[d]][a:b].strip()) if documents[d] in texts else True
                           for d, a, b in zip(doc_all.tolist(), s_all.tolist(), e_all.tolist())], dtype=bool)
        blank = int((keep & ~filled).sum())
        keep &= filled
    first_pos, last_pos, doc_all = first_pos[keep], last_pos[keep], doc_all[keep]
    where = [(layout.documents[d], int(a), int(b)) for d, a, b in zip(doc_all, s_all[keep], e_all[keep])]
    # A coding [s, e) overlaps unit [a, b) by a character when a < e and b > s.
    first = np.searchsorted(last_pos, marks.start, side="right")
    last = np.searchsorted(first_pos, marks.end, side="left") - 1
    presence = []
    for c in range(len(layout.codes)):
        sel = marks.code == c
        marked = mark_runs(len(doc_all), first[sel], last[sel], marks.coder[sel], len(layout.coders))
        presence.append(with_missing(marked, doc_all, layout.seen))
    kind = UNIT_KINDS[unit]
    noun = kind.units.removesuffix('s')
    description = (f"Each {noun} is a unit: {len(doc_all):,} in {layout.covered()}. A code is present for a "
                   f"coder when one of their codings of it covers at least one "
                   f"{'non-blank ' if texts is not None else ''}character of the {unit}.{layout.cut_note()}")
    if texts is not None:
        description += (f" Blank {unit}s are never units ({blank:,} left out)." if blank
                        else f" Blank {unit}s are never units.")
    return ReliabilityData(
        unit, layout.coders, layout.codes, tuple(presence), (None,) * len(presence), len(doc_all),
        len(layout.documents), description, (where,) * len(presence),
    )


def line_units(
    codings: Iterable[Coding | tuple] | CodingColumns,
    documents_by_coder: Mapping[str, set[Hashable]],
    line_starts: Mapping[Hashable, Sequence[int]],
    codes: Sequence[str] | None = None,
    *,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
    texts: Mapping[Hashable, str] | None = None,
) -> ReliabilityData:
    """Each fixed transcript line is a unit; a code is present for a coder when
    one of their codings of it overlaps the line by at least one character.

    ``line_starts[d]`` are the sorted start offsets of document ``d``'s lines;
    a line runs to the next start, the last to the document's end (its
    ``document_lengths`` entry; without one, just past its last coding or
    last line start).  A coding that ends where a line starts does not touch it.
    With ``texts`` (each document's text), blank lines are not units and
    codings count without the whitespace at their ends.
    """
    return _boundary_units("line", codings, documents_by_coder, line_starts, codes,
                           document_lengths, excluded, shared_only, texts)


def sentence_units(
    codings: Iterable[Coding | tuple] | CodingColumns,
    documents_by_coder: Mapping[str, set[Hashable]],
    sentence_starts: Mapping[Hashable, Sequence[int]],
    codes: Sequence[str] | None = None,
    *,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
    texts: Mapping[Hashable, str] | None = None,
) -> ReliabilityData:
    """Each sentence is a unit, as :func:`line_units` with the caller's sentence starts.

    A sentence runs to the next one's start, so the space after a sentence
    belongs to it.  Sentence splitting (spaCy) is the caller's business.
    """
    return _boundary_units("sentence", codings, documents_by_coder, sentence_starts, codes,
                           document_lengths, excluded, shared_only, texts)


def character_units(
    codings: Iterable[Coding | tuple] | CodingColumns,
    documents_by_coder: Mapping[str, set[Hashable]],
    document_lengths: Mapping[Hashable, int],
    codes: Sequence[str] | None = None,
    *,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
) -> ReliabilityData:
    """Each character is a unit, counted by runs rather than one by one.

    The documents' lengths are required: the characters nobody coded are
    units too (agreed absences), and usually most of them.  Per code, the text
    is cut wherever any coding starts or ends; inside each run every character
    has the same presence pattern, so a run is one row weighted by its length.
    """
    layout, marks = lay_out(codings, documents_by_coder, codes, shared_only, document_lengths, excluded)
    doc_start, doc_end = layout.bounds()
    presence, weights = [], []
    for c in range(len(layout.codes)):
        mine = marks.of(c)
        cuts = np.unique(np.concatenate([doc_start, doc_end, mine.start, mine.end]))
        runs = len(cuts) - 1 if len(cuts) else 0
        run_doc = np.searchsorted(doc_start, cuts[:runs], side="right") - 1
        first, last = np.searchsorted(cuts, mine.start), np.searchsorted(cuts, mine.end) - 1
        marked = mark_runs(runs, first, last, mine.coder, len(layout.coders))
        presence.append(with_missing(marked, run_doc, layout.seen))
        weights.append(np.diff(cuts))
    characters = int((doc_end - doc_start).sum())
    description = (f"Each character is a unit: {characters:,} characters in {layout.covered()}; "
                   f"counted by runs of characters with the same coding.{layout.cut_note()}")
    return ReliabilityData("character", layout.coders, layout.codes, tuple(presence), tuple(weights),
                           characters, len(layout.documents), description, (None,) * len(presence))
