"""The one interface a code suggester keeps, so a better model can replace today's.

A suggester learns from the researcher's own coding — ``fit(texts, vectors,
labels)`` — and ranks codes for new texts — ``rank(texts, vectors, k)``.  Each
ranking carries its reasons (nearest coded examples, the words that weighed
most), or says why there is no suggestion: the text is not an answer, or no
code is likely enough.  Vectors are the project's sentence embeddings, one
unit row per text, so a suggester never embeds anything itself.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol, Self

import numpy as np

from qualcode.core.errors import QualcodeError
from qualcode.core.progress import IsCancelled

#: Why a text got no suggestion.
NOT_AN_ANSWER = "not an answer"
NOTHING_LIKELY = "no code is likely"

#: How a ranking was made when the coding was too sparse to learn from.
FROM_SIMILAR = "from similar coded passages"


class SuggesterError(QualcodeError):
    """The coding given to learn from cannot be used (worded for the researcher)."""


@dataclass(frozen=True)
class Suggestion:
    """One likely code for one text, with why.

    Attributes:
        code: The caller's code key.
        score: Estimated probability (0–1) that the researcher would apply this code.
        examples: Indices (into the texts given to ``fit``) of the nearest coded examples
            with this code, nearest first.
        words: The text's words that weighed most towards this code, heaviest first.
    """

    code: Hashable
    score: float
    examples: tuple[int, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ranking:
    """The suggestions for one text, best first; empty with a ``reason`` when there are none.

    ``basis`` says how the codes were ranked when it was not the suggester's
    usual model (e.g. :data:`FROM_SIMILAR` when the coding was too sparse).
    """

    suggestions: tuple[Suggestion, ...]
    reason: str | None = None
    basis: str | None = None


class CodeSuggester(Protocol):
    """What the project layer needs from any code suggester."""

    def fit(self, texts: Sequence[str], vectors: np.ndarray, labels: Sequence[Collection[Hashable]],
            is_cancelled: IsCancelled | None = None) -> Self:
        """Learn from coded texts: their words, their embeddings and their codes."""
        ...

    def rank(self, texts: Sequence[str], vectors: np.ndarray, k: int = 3, abstain: bool = True,
             is_cancelled: IsCancelled | None = None) -> list[Ranking]:
        """Up to ``k`` codes per text; with ``abstain``, none for non-answers or unlikely codes."""
        ...
