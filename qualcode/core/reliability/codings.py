"""The compared coders' codings, read from the project as columns.

A survey of 50,000 answers coded by three coders holds close to a million
codings; reading them as Python objects would take longer than every
statistic after it.  So they are read as integer columns straight into
numpy arrays, filtered and rolled up there, and turned into
:class:`CodedSpan` values only for the few a disagreement review shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Connection, Select, func, select

from qualcode.analysis.agreement.units import CodingColumns
from qualcode.store.schema import CoderRow, CodingRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class CodedSpan:
    """One coding as the comparison saw it: ``label`` is the compared code it counts for."""

    coder: str
    label: str
    document_id: int
    start: int
    end: int
    code_id: int  # the code actually applied (a sub-code when rolled up)


@dataclass(frozen=True)
class CodingTable:
    """Counted codings as equal-length arrays; a coding counted for two codes appears twice.

    ``coder`` indexes ``coders`` and ``label`` indexes ``labels``.
    """

    coders: tuple[str, ...]
    labels: tuple[str, ...]
    coder: np.ndarray
    label: np.ndarray
    document_id: np.ndarray
    start: np.ndarray
    end: np.ndarray
    code_id: np.ndarray

    def __len__(self) -> int:
        return len(self.coder)

    def columns(self) -> CodingColumns:
        """As the unit builders take them: coder and code by index, so they match by sorting."""
        return CodingColumns(self.coder, self.label, self.document_id, self.start, self.end)

    def spans(self, documents: Iterable[int] | None = None) -> list[CodedSpan]:
        """The codings as values, all or those in some documents."""
        rows = np.arange(len(self)) if documents is None else np.flatnonzero(
            np.isin(self.document_id, np.asarray(list(documents), dtype=np.int64)))
        return [CodedSpan(self.coders[self.coder[i]], self.labels[self.label[i]], int(self.document_id[i]),
                          int(self.start[i]), int(self.end[i]), int(self.code_id[i])) for i in rows]


def fetch_ints(conn: Connection, statement: Select, width: int) -> np.ndarray:
    """Rows of integers as an array ``rows × width``, through the driver's own cursor.

    Building a SQLAlchemy row object per coding costs as much as the query
    itself at a million codings; the statement is still compiled for the
    project's database, so this stays portable.
    """
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    named = compiled.construct_params()
    params: Mapping[str, Any] | tuple[Any, ...] = named
    if compiled.positional:  # positiontup is set whenever the dialect is positional
        params = tuple(named[name] for name in compiled.positiontup or ())
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=width * len(rows)).reshape(-1, width)


def _targets(counted_as: Mapping[int, Sequence[int]], depth: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted code ids and, per id, its ``depth``-th compared code (−1 when it has none)."""
    ids = np.array(sorted(counted_as), dtype=np.int64)
    targets = np.array([counted_as[i][depth] if depth < len(counted_as[i]) else -1 for i in ids.tolist()],
                       dtype=np.int64)
    return ids, targets


def load_coding_table(project: Project, coders: Sequence[str], counted_as: Mapping[int, Sequence[int]],
                      labels: Sequence[str], documents: set[int]) -> CodingTable:
    """The codings of ``coders`` in ``documents`` that count for a compared code.

    ``counted_as[code_id]`` lists the indices (into ``labels``) of the
    compared codes a coding of that code counts for: itself and, rolled up,
    the codes above it.
    """
    with project.read() as s:
        conn = s.connection()
        ids = dict(conn.execute(select(CoderRow.name, CoderRow.id).where(CoderRow.name.in_(list(coders)))).all())
        per_coder = dict(conn.execute(select(CodingRow.coder_id, func.count(CodingRow.id))
                                      .group_by(CodingRow.coder_id)).all())
        q = (select(CodingRow.coder_id, CodingRow.code_id, SegmentRow.document_id, SegmentRow.start, SegmentRow.end)
             .join(SegmentRow, SegmentRow.id == CodingRow.segment_id))
        wanted = [ids[c] for c in coders if c in ids]
        # When the compared coders hold most codings, reading every coding and
        # dropping the rest beats a look-up by coder for each one.
        if 2 * sum(per_coder.get(i, 0) for i in wanted) < sum(per_coder.values()):
            q = q.where(CodingRow.coder_id.in_(wanted))
        coder_id, code_id, doc, start, end = fetch_ints(conn, q, 5).T
    position = {ids[c]: i for i, c in enumerate(coders) if c in ids}
    coder = np.full(len(coder_id), -1, dtype=np.int64)
    for cid, i in position.items():
        coder[coder_id == cid] = i
    keep = (coder >= 0) & np.isin(doc, np.fromiter(documents, dtype=np.int64, count=len(documents)))
    coder, code_id, doc, start, end = coder[keep], code_id[keep], doc[keep], start[keep], end[keep]
    parts = []
    for depth in range(max((len(v) for v in counted_as.values()), default=0)):
        known, targets = _targets(counted_as, depth)
        at = np.clip(np.searchsorted(known, code_id), 0, max(len(known) - 1, 0))
        label = np.where(known[at] == code_id, targets[at], -1) if len(known) else np.full(len(code_id), -1)
        hit = label >= 0
        parts.append((coder[hit], label[hit], doc[hit], start[hit], end[hit], code_id[hit]))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        parts = [(empty,) * 6]
    return CodingTable(tuple(coders), tuple(labels), *(np.concatenate(column) for column in zip(*parts)))
