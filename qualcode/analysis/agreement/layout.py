"""The included documents laid end to end, and the usable codings on them.

Shared machinery of the unit builders: which documents count (coded by
every compared coder, or by two), excluded spans cut out, codings turned
into positions on one line, and run-length marking of units.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, TypeVar, cast

import numpy as np

from qualcode.analysis.agreement.data import Coding, CodingColumns, Span

H = TypeVar("H", bound=Hashable)


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
    left_out: int = 0  # documents coded through by some compared coders only, not counted

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
        out = f"{len(self.documents):,} {noun if len(self.documents) != 1 else noun.removesuffix('s')} " \
              f"coded through by {who}"
        if self.left_out:
            some = "only one of them" if k == 2 else "fewer of them"
            out += (f" ({self.left_out:,} {noun if self.left_out != 1 else noun.removesuffix('s')} "
                    f"coded through by {some} left out)")
        return out

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


def _sorted(items: Iterable[H]) -> list[H]:
    """In their natural order when they have one (names, ids), else by their repr."""
    values: list[Any] = list(items)  # mixed labels may not compare: sorted() finds out
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=repr)


def _documents(by_coder: Mapping[str, set[Hashable]], shared_only: bool) -> list[Hashable]:
    need = len(by_coder) if shared_only else 2
    counts = Counter(chain.from_iterable(by_coder.values()))
    return _sorted(d for d, n in counts.items() if n >= need)


def _index(values: Sequence[Hashable] | np.ndarray, lookup: Mapping[Hashable, int]) -> np.ndarray:
    """Position of each value in ``lookup``, −1 for values not in it."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu" and lookup and \
            all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in lookup):
        keys = np.fromiter(lookup.keys(), dtype=np.int64, count=len(lookup))
        positions = np.fromiter(lookup.values(), dtype=np.int64, count=len(lookup))
        order = np.argsort(keys)
        keys, positions = keys[order], positions[order]
        at = np.clip(np.searchsorted(keys, values), 0, len(keys) - 1)
        return np.where(keys[at] == values, positions[at], -1)
    return np.fromiter(map(lookup.get, values, repeat(-1, len(values))), dtype=np.int64, count=len(values))


def as_columns(codings: Iterable[Coding | tuple] | CodingColumns) -> CodingColumns:
    if isinstance(codings, CodingColumns):
        if len({len(column) for column in codings}) > 1:
            raise ValueError("the coding columns must all be the same length")
        return codings
    codings = codings if isinstance(codings, Sequence) else list(codings)
    if codings and len(codings[0]) != 5:
        raise ValueError("a coding is (coder, code, document_id, start, end)")
    return CodingColumns(*(list(map(itemgetter(i), codings)) for i in range(5)))


def lay_out(
    codings: Iterable[Coding | tuple] | CodingColumns,
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
    coder_col, code_col, doc_col, start_col, end_col = as_columns(codings)
    # Codes are the caller's labels: names by contract, though a project's integer ids work alike.
    codes = tuple(codes) if codes is not None else cast(tuple[str, ...], tuple(_sorted(set(code_col))))
    documents = tuple(_documents(by_coder, shared_only))
    left_out = len(set(chain.from_iterable(by_coder.values()))) - len(documents)
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
    layout = _Layout(coders, codes, documents, seen, lengths, raw_start, cut_start, cut_end, left_out)
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


def mark_runs(units: int, first: np.ndarray, last: np.ndarray, coder: np.ndarray, coders: int) -> np.ndarray:
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


def with_missing(marked: np.ndarray, unit_doc: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """1/0 presence, NaN where the coder did not code the unit's document."""
    presence = marked.astype(float)
    presence[~seen[unit_doc]] = np.nan
    return presence
