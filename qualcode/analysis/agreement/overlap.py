"""Coded segments as units: do the coders mark the same stretches of text?

Unlike answers, lines or characters, these units exist only where someone
applied the code, so they carry no agreed absences; percent agreement is
the figure to read.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from qualcode.analysis.agreement.data import Coding, CodingColumns, Location, ReliabilityData, Span
from qualcode.analysis.agreement.layout import lay_out


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
    codings: Iterable[Coding | tuple] | CodingColumns,
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
    layout, marks = lay_out(codings, documents_by_coder, codes, shared_only, document_lengths, excluded)
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
                matched += int(np.all(row[layout.seen[d]] == 1))
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
