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
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np

Span = tuple[int, int]
Location = tuple[Hashable, int, int]  # (document_id, start, end): where a unit is


class Coding(NamedTuple):
    """One code applied by one coder to ``text[start:end]`` of a document."""

    coder: str
    code: str
    document_id: Hashable
    start: int
    end: int


@dataclass(frozen=True)
class UnitKind:
    """How a kind of unit is named in tables and in the methods sentence."""

    units: str  # plural, e.g. "transcript lines"
    phrase: str  # e.g. "the transcript line as the unit of analysis (code present or absent)"
    documents: str  # what the sampled documents are called, e.g. "transcripts"


UNIT_KINDS: dict[str, UnitKind] = {
    "answer": UnitKind(
        "survey answers",
        "the survey answer as the unit of analysis (code present or absent)",
        "survey answers",
    ),
    "line": UnitKind(
        "transcript lines",
        "the transcript line as the unit of analysis (code present or absent)",
        "transcripts",
    ),
    "sentence": UnitKind(
        "sentences", "the sentence as the unit of analysis (code present or absent)", "documents"
    ),
    "character": UnitKind(
        "characters",
        "the character as the unit of analysis (each character coded or not)",
        "documents",
    ),
    "overlap": UnitKind("coded segments", "the coded segment as the unit of analysis", "documents"),
}


@dataclass(frozen=True)
class ReliabilityData:
    """Presence data for every code, with what a reader needs to know about the units.

    ``presence[i]`` (units × coders: 1, 0, NaN for missing) and ``weights[i]``
    belong to ``codes[i]``; codes may share rows (answers, lines) or not
    (overlap units).  ``units`` counts distinct units, ``documents`` the
    documents they came from.  ``locations[i]``, when known, says where each
    row of ``presence[i]`` is in the text, so coders can walk through their
    disagreements.
    """

    unit: str
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    presence: tuple[np.ndarray, ...]
    weights: tuple[np.ndarray | None, ...]
    units: int
    documents: int | None = None
    description: str = ""  # how the units were formed, in plain words
    locations: tuple[Sequence[Location] | None, ...] = ()
    phrase: str = ""  # overrides the unit kind's phrase in the methods sentence

    @classmethod
    def from_array(
        cls,
        presence: np.ndarray,
        codes: Iterable[str],
        coders: Iterable[str],
        unit: str = "answer",
        documents: int | None = None,
    ) -> ReliabilityData:
        """From one ``codes × units × coders`` array whose codes share the units."""
        data = np.asarray(presence, dtype=float)
        codes, coders = tuple(codes), tuple(coders)
        if data.ndim != 3 or data.shape[0] != len(codes) or data.shape[2] != len(coders):
            raise ValueError(f"expected codes × units × coders = {len(codes)} × n × {len(coders)}")
        return cls(unit, coders, codes, tuple(data), (None,) * len(codes), data.shape[1], documents)

    @property
    def kind(self) -> UnitKind:
        default = UnitKind("units", f"the {self.unit} as the unit of analysis", "documents")
        kind = UNIT_KINDS.get(self.unit, default)
        return UnitKind(kind.units, self.phrase or kind.phrase, kind.documents)

    def disagreements(self, code: str) -> list[tuple[Location | None, dict[str, bool | None]]]:
        """Units where coders of ``code`` differ: where, and who applied it (None: missing)."""
        i = self.codes.index(code)
        rows = self.presence[i]
        where = self.locations[i] if i < len(self.locations) else None
        split = (rows == 1).any(axis=1) & (rows == 0).any(axis=1)
        found = []
        for r in np.flatnonzero(split):
            votes = {c: None if np.isnan(v) else bool(v) for c, v in zip(self.coders, rows[r])}
            found.append((where[r] if where is not None else None, votes))
        return found


# --- the text laid out on one line --------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """The included documents laid end to end with the excluded spans cut out.

    Every offset becomes a *position* on that one line.  The cut only removes
    characters, so lengths and overlaps measured in positions count exactly the
    characters outside the excluded spans, and a span wholly inside an
    excluded one has length zero.
    """

    coders: tuple[str, ...]
    codes: tuple[str, ...]
    documents: tuple[Hashable, ...]
    seen: np.ndarray  # (documents, coders): the coder coded the document
    lengths: np.ndarray  # characters in each document
    raw_start: np.ndarray  # where each document starts before the cut
    cut_start: np.ndarray  # excluded spans on the uncut line, sorted and merged
    cut_end: np.ndarray

    def position(self, doc: np.ndarray, offset: np.ndarray) -> np.ndarray:
        """Positions of document offsets, clipped to the document."""
        raw = self.raw_start[doc] + np.clip(offset, 0, self.lengths[doc])
        if len(self.cut_start) == 0:
            return raw
        cut_lengths = self.cut_end - self.cut_start
        before = np.concatenate([[0], np.cumsum(cut_lengths)])
        i = np.searchsorted(self.cut_start, raw, side="right") - 1  # the last cut starting at or before
        j = np.maximum(i, 0)
        removed = before[j] + np.clip(raw - self.cut_start[j], 0, cut_lengths[j])
        return raw - np.where(i >= 0, removed, 0)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end position of every document."""
        docs = np.arange(len(self.documents))
        return self.position(docs, np.zeros_like(docs)), self.position(docs, self.lengths)

    def covered(self, noun: str = "documents") -> str:
        """Which documents count, for the description."""
        k = len(self.coders)
        who = ("both coders" if k == 2 else f"all {k} coders") if self.seen.all() else "at least two coders"
        return f"{len(self.documents):,} {noun} coded by {who}"

    def cut_note(self) -> str:
        cut = int((self.cut_end - self.cut_start).sum())
        return f" {cut:,} characters in excluded spans (e.g. interviewer turns) were left out." if cut else ""


@dataclass(frozen=True)
class _Codings:
    """The usable codings as arrays, with positions on the layout."""

    code: np.ndarray
    coder: np.ndarray
    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    local: np.ndarray  # (codings, 2) offsets in the document, to say where a unit is

    def of(self, code: int) -> _Codings:
        keep = self.code == code
        columns = (self.code, self.coder, self.doc, self.start, self.end, self.local)
        return _Codings(*(column[keep] for column in columns))


def _sorted(items: Iterable[Hashable]) -> list[Hashable]:
    items = list(items)
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


def _documents(by_coder: Mapping[str, set[Hashable]], shared_only: bool) -> list[Hashable]:
    need = len(by_coder) if shared_only else 2
    counts = Counter(chain.from_iterable(by_coder.values()))
    return _sorted(d for d, n in counts.items() if n >= need)


def _index(values: Sequence[Hashable], lookup: Mapping[Hashable, int]) -> np.ndarray:
    """Position of each value in ``lookup``, −1 for values not in it."""
    return np.fromiter(map(lookup.get, values, repeat(-1, len(values))), dtype=np.int64, count=len(values))


def _corpus(
    codings: Iterable[Coding | tuple],
    documents_by_coder: Mapping[str, Iterable[Hashable]],
    codes: Sequence[str] | None,
    shared_only: bool,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    least_lengths: Mapping[Hashable, int] | None = None,
) -> tuple[_Layout, _Codings]:
    """Lay out the documents that count, and the codings that count on them.

    Codings are handled column by column (hundreds of thousands of survey
    codings are common), never one Python object at a time.
    """
    by_coder = {coder: set(documents) for coder, documents in documents_by_coder.items()}
    coders = tuple(by_coder)
    if len(coders) < 2:
        raise ValueError("agreement needs at least two coders")
    codings = codings if isinstance(codings, Sequence) else list(codings)
    if codings and len(codings[0]) != 5:
        raise ValueError("a coding is (coder, code, document_id, start, end)")
    coder_col, code_col, doc_col, start_col, end_col = (list(map(itemgetter(i), codings)) for i in range(5))
    codes = tuple(codes) if codes is not None else tuple(_sorted(set(code_col)))
    documents = tuple(_documents(by_coder, shared_only))
    seen = np.stack([np.fromiter(map(by_coder[c].__contains__, documents), dtype=bool, count=len(documents))
                     for c in coders], axis=1)
    code = _index(code_col, {c: i for i, c in enumerate(codes)})
    coder = _index(coder_col, {c: i for i, c in enumerate(coders)})
    doc = _index(doc_col, {d: i for i, d in enumerate(documents)})
    start, end = np.asarray(start_col, dtype=np.int64), np.asarray(end_col, dtype=np.int64)
    # Codings by coders not compared, of codes not asked for, or in documents
    # the coder did not code (by the caller's list) are left out.
    ok = (code >= 0) & (coder >= 0) & (doc >= 0) & (end > start)
    ok[ok] = seen[doc[ok], coder[ok]]
    code, coder, doc, start, end = code[ok], coder[ok], doc[ok], start[ok], end[ok]
    excluded = excluded or {}
    lengths = _lengths(documents, doc, end, document_lengths, excluded, least_lengths or {})
    raw_start = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)[: len(documents)]
    cut_start, cut_end = _cuts(documents, lengths, raw_start, excluded)
    layout = _Layout(coders, codes, documents, seen, lengths, raw_start, cut_start, cut_end)
    local = np.stack([np.clip(start, 0, lengths[doc]), np.clip(end, 0, lengths[doc])], axis=1)
    first, last = layout.position(doc, start), layout.position(doc, end)
    keep = last > first  # not wholly inside an excluded span or beyond the document
    return layout, _Codings(code[keep], coder[keep], doc[keep], first[keep], last[keep], local[keep])


def _lengths(
    documents: Sequence[Hashable],
    doc: np.ndarray,
    end: np.ndarray,
    given: Mapping[Hashable, int] | None,
    excluded: Mapping[Hashable, Sequence[Span]],
    least: Mapping[Hashable, int],
) -> np.ndarray:
    """Document lengths as given, or else just long enough for everything in them."""
    if given is not None:
        missing = [d for d in documents if d not in given]
        if missing:
            raise ValueError(f"no length given for document {missing[0]!r}")
        return np.array([given[d] for d in documents], dtype=np.int64)
    longest = np.array([max([1, least.get(d, 0)] + [e for _, e in excluded.get(d, ())]) for d in documents],
                       dtype=np.int64)
    np.maximum.at(longest, doc, end)
    return longest


def _cuts(
    documents: Sequence[Hashable],
    lengths: np.ndarray,
    raw_start: np.ndarray,
    excluded: Mapping[Hashable, Sequence[Span]],
) -> tuple[np.ndarray, np.ndarray]:
    """Excluded spans on the raw line, sorted and merged so none overlap."""
    spans = [
        (raw_start[i] + min(max(s, 0), lengths[i]), raw_start[i] + min(max(e, 0), lengths[i]))
        for i, d in enumerate(documents) for s, e in excluded.get(d, ())
    ]
    merged: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    array = np.array(merged, dtype=np.int64).reshape(-1, 2)
    return array[:, 0], array[:, 1]


# --- presence from positions ---------------------------------------------------


def _mark(units: int, first: np.ndarray, last: np.ndarray, coder: np.ndarray, coders: int) -> np.ndarray:
    """``units × coders``: True where a coder has a coding reaching units ``first..last``.

    Run-length marking (+1 at the first unit, −1 after the last, cumulative
    sum), so the cost grows with codings and units, never with their product.
    """
    ok = first <= last
    first, last, coder = first[ok], last[ok], coder[ok]
    width = units + 1
    size = coders * width
    opens = np.bincount(coder * width + first, minlength=size)
    closes = np.bincount(coder * width + last + 1, minlength=size)
    diff = opens - closes
    return (np.cumsum(diff.reshape(coders, width), axis=1)[:, :units] > 0).T


def _presence(marked: np.ndarray, unit_doc: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """1/0 presence, NaN where the coder did not code the unit's document."""
    presence = marked.astype(float)
    presence[~seen[unit_doc]] = np.nan
    return presence


# --- the builders -----------------------------------------------------------------


def answer_units(
    codings: Iterable[Coding | tuple],
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
    layout, marks = _corpus(codings, documents_by_coder, codes, shared_only, document_lengths, excluded)
    shape = (len(layout.codes), len(layout.documents), len(layout.coders))
    applied = np.zeros(shape, dtype=bool)
    applied[marks.code, marks.doc, marks.coder] = True
    docs = np.arange(len(layout.documents))
    where = [(d, 0, int(n)) for d, n in zip(layout.documents, layout.lengths)]
    description = (f"Each survey answer is a unit: {layout.covered('answers')}. A code is present "
                   f"for a coder when any of their codings of it falls in the answer.{layout.cut_note()}")
    return ReliabilityData(
        "answer", layout.coders, layout.codes, tuple(_presence(a, docs, layout.seen) for a in applied),
        (None,) * len(layout.codes), len(docs), len(docs), description, (where,) * len(layout.codes),
    )


def _boundary_units(
    unit: str,
    codings: Iterable[Coding | tuple],
    documents_by_coder: Mapping[str, set[Hashable]],
    starts: Mapping[Hashable, Sequence[int]],
    codes: Sequence[str] | None,
    document_lengths: Mapping[Hashable, int] | None,
    excluded: Mapping[Hashable, Sequence[Span]] | None,
    shared_only: bool,
) -> ReliabilityData:
    """Units that run from one given start offset to the next (the last to the document's end)."""
    least = {d: (max(s) + 1 if len(s) else 1) for d, s in starts.items()}
    layout, marks = _corpus(codings, documents_by_coder, codes, shared_only, document_lengths, excluded,
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
    first_pos, last_pos, doc_all = first_pos[keep], last_pos[keep], doc_all[keep]
    where = [(layout.documents[d], int(a), int(b)) for d, a, b in zip(doc_all, s_all[keep], e_all[keep])]
    # A coding [s, e) overlaps unit [a, b) by a character when a < e and b > s.
    first = np.searchsorted(last_pos, marks.start, side="right")
    last = np.searchsorted(first_pos, marks.end, side="left") - 1
    presence = []
    for c in range(len(layout.codes)):
        sel = marks.code == c
        marked = _mark(len(doc_all), first[sel], last[sel], marks.coder[sel], len(layout.coders))
        presence.append(_presence(marked, doc_all, layout.seen))
    kind = UNIT_KINDS[unit]
    description = (f"Each {kind.units.removesuffix('s')} is a unit: {len(doc_all):,} in "
                   f"{layout.covered()}. A code is present for a coder when one of their codings "
                   f"of it covers at least one character of the {unit}.{layout.cut_note()}")
    return ReliabilityData(
        unit, layout.coders, layout.codes, tuple(presence), (None,) * len(presence), len(doc_all),
        len(layout.documents), description, (where,) * len(presence),
    )


def line_units(
    codings: Iterable[Coding | tuple],
    documents_by_coder: Mapping[str, set[Hashable]],
    line_starts: Mapping[Hashable, Sequence[int]],
    codes: Sequence[str] | None = None,
    *,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
) -> ReliabilityData:
    """Each fixed transcript line is a unit; a code is present for a coder when
    one of their codings of it overlaps the line by at least one character.

    ``line_starts[d]`` are the sorted start offsets of document ``d``'s lines;
    a line runs to the next start, the last to the document's end (its
    ``document_lengths`` entry; without one, just past its last coding or
    last line start).  A coding that ends where a line starts does not touch it.
    """
    return _boundary_units("line", codings, documents_by_coder, line_starts, codes,
                           document_lengths, excluded, shared_only)


def sentence_units(
    codings: Iterable[Coding | tuple],
    documents_by_coder: Mapping[str, set[Hashable]],
    sentence_starts: Mapping[Hashable, Sequence[int]],
    codes: Sequence[str] | None = None,
    *,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
) -> ReliabilityData:
    """Each sentence is a unit, as :func:`line_units` with the caller's sentence starts.

    A sentence runs to the next one's start, so the space after a sentence
    belongs to it.  Sentence splitting (spaCy) is the caller's business.
    """
    return _boundary_units("sentence", codings, documents_by_coder, sentence_starts, codes,
                           document_lengths, excluded, shared_only)


def character_units(
    codings: Iterable[Coding | tuple],
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
    layout, marks = _corpus(codings, documents_by_coder, codes, shared_only, document_lengths, excluded)
    doc_start, doc_end = layout.bounds()
    presence, weights = [], []
    for c in range(len(layout.codes)):
        mine = marks.of(c)
        cuts = np.unique(np.concatenate([doc_start, doc_end, mine.start, mine.end]))
        runs = len(cuts) - 1 if len(cuts) else 0
        run_doc = np.searchsorted(doc_start, cuts[:runs], side="right") - 1
        first, last = np.searchsorted(cuts, mine.start), np.searchsorted(cuts, mine.end) - 1
        marked = _mark(runs, first, last, mine.coder, len(layout.coders))
        presence.append(_presence(marked, run_doc, layout.seen))
        weights.append(np.diff(cuts))
    characters = int((doc_end - doc_start).sum())
    description = (f"Each character is a unit: {characters:,} characters in {layout.covered()}; "
                   f"counted by runs of characters with the same coding.{layout.cut_note()}")
    return ReliabilityData("character", layout.coders, layout.codes, tuple(presence), tuple(weights),
                           characters, len(layout.documents), description, (None,) * len(presence))


# --- coded segments as units -------------------------------------------------------


class _Segment(NamedTuple):
    start: int  # position
    end: int
    local_start: int  # offsets in the document
    local_end: int


def _join(pieces: list[_Segment]) -> list[_Segment]:
    """One coder's codings of one code in one document, overlapping or touching ones joined."""
    joined: list[_Segment] = []
    for p in sorted(pieces):
        if joined and p.start <= joined[-1].end:
            last = joined[-1]
            joined[-1] = _Segment(last.start, max(last.end, p.end), min(last.local_start, p.local_start),
                                  max(last.local_end, p.local_end))
        else:
            joined.append(p)
    return joined


def _match(by_coder: list[list[_Segment]], share: float) -> list[dict[int, _Segment]]:
    """Group segments into units: at most one per coder, each matching the unit's first segment.

    Segments are taken in text order; each not yet in a unit opens one, and
    every other coder's free segment that overlaps it by at least ``share`` of
    the longer of the two joins it (the largest overlap when several could).
    """
    starts = [[s.start for s in segs] for segs in by_coder]
    ends = [[s.end for s in segs] for segs in by_coder]
    taken: set[tuple[int, int]] = set()
    units = []
    for seed, k, i in sorted((s, k, i) for k, segs in enumerate(by_coder) for i, s in enumerate(segs)):
        if (k, i) in taken:
            continue
        taken.add((k, i))
        unit = {k: seed}
        for other, segs in enumerate(by_coder):
            if other == k:
                continue
            best, best_overlap = None, 0
            for j in range(bisect_right(ends[other], seed.start), bisect_left(starts[other], seed.end)):
                overlap = min(seed.end, segs[j].end) - max(seed.start, segs[j].start)
                longer = max(seed.end - seed.start, segs[j].end - segs[j].start)
                if (other, j) not in taken and overlap >= share * longer - 1e-9 and overlap > best_overlap:
                    best, best_overlap = j, overlap
            if best is not None:
                taken.add((other, best))
                unit[other] = segs[best]
        units.append(unit)
    return units


def overlap_units(
    codings: Iterable[Coding | tuple],
    documents_by_coder: Mapping[str, set[Hashable]],
    codes: Sequence[str] | None = None,
    *,
    share: float = 0.9,
    document_lengths: Mapping[Hashable, int] | None = None,
    excluded: Mapping[Hashable, Sequence[Span]] | None = None,
    shared_only: bool = True,
) -> ReliabilityData:
    """Coded segments as units: do the coders mark the same stretches of text?

    Per code and document, each coder's codings that overlap or touch are
    first joined into segments.  Two coders' segments *match* when their
    overlap is at least ``share`` of the longer segment's length (so 0.9 means
    the shorter covers 90% of the longer, and neither runs on more than 10%
    past the other); characters in excluded spans are not counted.  Each group
    of matching segments (one per coder at most) is a unit where those coders
    applied the code; a segment no other coder matched is a unit of
    disagreement.  Units exist only where someone applied the code, so no
    unit is an agreed absence: kappa and alpha come out low by construction,
    and percent agreement is the figure to read.
    """
    if not 0 < share <= 1:
        raise ValueError("share must be above 0 and at most 1")
    layout, marks = _corpus(codings, documents_by_coder, codes, shared_only, document_lengths, excluded)
    coders = len(layout.coders)
    pieces: dict[tuple[int, int], list[list[_Segment]]] = {}
    columns = (marks.code, marks.coder, marks.doc, marks.start, marks.end, marks.local)
    for c, k, d, s, e, (ls, le) in zip(*columns):
        pieces.setdefault((int(c), int(d)), [[] for _ in range(coders)])[k].append(
            _Segment(int(s), int(e), int(ls), int(le)))
    presence, where, matched = [], [], 0
    for c in range(len(layout.codes)):
        rows: list[np.ndarray] = []
        places: list[Location] = []
        for d in range(len(layout.documents)):
            if (c, d) not in pieces:
                continue
            for unit in _match([_join(p) for p in pieces[(c, d)]], share):
                row = np.where(layout.seen[d], 0.0, np.nan)
                row[list(unit)] = 1.0
                rows.append(row)
                places.append((layout.documents[d], min(s.local_start for s in unit.values()),
                               max(s.local_end for s in unit.values())))
                matched += np.all(row[layout.seen[d]] == 1)
        presence.append(np.array(rows).reshape(len(rows), coders))
        where.append(places)
    units = sum(len(p) for p in presence)
    description = (
        f"Coded segments are the units: {units:,} in {layout.covered()}. A coder's overlapping or "
        f"touching codings of a code were joined into one segment; segments of the same code by "
        f"different coders were matched when they overlapped by at least {share:.0%} of the longer "
        f"segment, and a segment without a match counts as a disagreement. {matched:,} of {units:,} "
        f"units were matched by every coder who coded the document. There are no agreed absences, "
        f"so read percent agreement first.{layout.cut_note()}"
    )
    phrase = (f"the coded segment as the unit of analysis (segments of the same code matched when "
              f"they overlapped by at least {share:.0%} of the longer segment)")
    return ReliabilityData("overlap", layout.coders, layout.codes, tuple(presence), (None,) * len(presence),
                           units, len(layout.documents), description, tuple(where), phrase)
