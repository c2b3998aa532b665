"""What suggested themes group: items, and the text embedded for an emergent theme.

The caller decides what an item is (a segment, an emergent theme, a survey
answer) and embeds its text; the clustering only ever sees the vectors and
hands the caller's ids back. This module is the caller's side of that
bargain; it needs no numpy.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One thing to group.

    Attributes:
        id: The caller's id (segment, emergent theme or answer id); returned untouched.
        text: What was embedded (see :func:`emergent_theme_text`).
        label: What the researcher sees; defaults to ``text``.
    """

    id: Hashable
    text: str
    label: str = ""

    @property
    def display(self) -> str:
        """The label, or the text when there is no label."""
        return self.label or self.text


def emergent_theme_text(
    label: str,
    segment_texts: Sequence[str] = (),
    notes: Sequence[str] | None = None,
    context: Sequence[str] | None = None,
    max_context_words: int = 150,
    label_repeats: int = 1,
) -> str:
    """The text to embed for an emergent theme.

    The researcher's label leads, so the model's 256-token limit can never cut
    it; the quotes, the chosen notes and optional transcript context follow,
    cut to ``max_context_words``. On the sample interviews the label alone
    recovered the reference sub-themes barely better than chance (ARI ≈ 0.1),
    and saying it twice or three times gained nothing over once, so it is not
    weighted up by default (``label_repeats``).

    Args:
        label: The emergent theme's wording.
        segment_texts: The quotes coded to it.
        notes: Exploratory notes the researcher chose to include.
        context: Transcript lines around the quotes (e.g. ±8 lines). Metaphorical
            quotes ("she's my anchor") say little alone; the surrounding talk says
            what they are about. On the sample interviews this raised the ARI per
            participant from about 0.1 to about 0.5 (bench/bench_clustering.py).
        max_context_words: Words kept after the label.
        label_repeats: How many times the label is said.
    """
    label = " ".join(label.split()).rstrip(".")
    pieces = [*segment_texts, *(notes or []), *(context or [])]
    words = " ".join(" ".join(t.split()) for t in pieces if t).split()
    tail = " ".join(words[:max_context_words]) + (" …" if len(words) > max_context_words else "")
    parts = [f"{label}."] * max(1, label_repeats) if label else []
    if tail:
        parts.append(tail)
    return " ".join(parts)
