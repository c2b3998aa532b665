"""What to code next: the texts the suggester is least sure of, first (active learning).

An answer's *sureness* is its best code's score.  Coding the answers with the
lowest first shows the suggester the kinds of answer it knows least — the
usual "least confident" rule of active learning, chosen because a researcher
can read it ("no code is likely for this one").  Non-answers go after every
answer: there is nothing to learn from "N/A".  ``bench/bench_least_sure.py``
measures what it saves against coding in file order or at random.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qualcode.analysis.suggesting.non_answers import is_non_answer


def sureness(scores: np.ndarray) -> np.ndarray:
    """Each text's best code score (0 when there is no code yet)."""
    scores = np.asarray(scores)
    return scores.max(axis=1) if scores.ndim == 2 and scores.shape[1] else np.zeros(len(scores))


def what_to_code_next(texts: Sequence[str], scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of ``texts``, least sure first (ties in their own order), non-answers last; and the sureness."""
    sure = sureness(scores)
    skip = np.array([is_non_answer(t) for t in texts], dtype=bool)
    order = np.lexsort((np.arange(len(texts)), np.where(skip, 0.0, sure), skip))  # non-answers in their own order
    return order, sure
