"""What the unit builders hand the statistics: codings in, presence data out.

:class:`Coding` is one coder's code on a span; :class:`ReliabilityData` is the
presence data of every code with what a reader must know about the units
(their kind, how they were formed, where each one is in the text).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
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


class CodingColumns(NamedTuple):
    """Many codings as five columns (lists or numpy arrays), row ``i`` being one coding.

    The unit builders take this as well as a list of :class:`Coding`; a
    project with hundreds of thousands of codings reads them straight into
    arrays, and integer ids (coder, code, document) are matched by sorting
    rather than one dictionary look-up at a time.
    """

    coder: Sequence[Hashable] | np.ndarray
    code: Sequence[Hashable] | np.ndarray
    document_id: Sequence[Hashable] | np.ndarray
    start: Sequence[int] | np.ndarray
    end: Sequence[int] | np.ndarray


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
        for r in np.flatnonzero(split).tolist():
            votes = {c: None if np.isnan(v) else bool(v) for c, v in zip(self.coders, rows[r])}
            found.append((where[r] if where is not None else None, votes))
        return found
