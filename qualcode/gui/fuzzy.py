"""Fuzzy matching for the quick-code box (plain Python, no Qt).

Researchers type a few letters of a code they half remember ("prodln" for
"Production line", "cas" for "Caseload size").  A match needs every typed
character in order; it scores higher when characters start words, run
together, or come early, so the code they mean is usually first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def fuzzy_score(query: str, candidate: str) -> int | None:
    """A score (higher is better) or ``None`` when ``query`` does not match ``candidate``."""
    q = query.casefold().strip()
    c = candidate.casefold()
    if not q:
        return 0
    if c == q:
        return 10_000
    if c.startswith(q):
        return 5_000 - len(c)
    pos = c.find(q)
    if pos >= 0:
        at_word = pos == 0 or not c[pos - 1].isalnum()
        return (3_000 if at_word else 2_000) - pos - len(c)
    score, last, i = 0, -1, 0
    for ch in q:
        if ch == " ":
            continue
        i = c.find(ch, last + 1)
        if i < 0:
            return None
        if i == last + 1:
            score += 15  # a run of typed characters
        if i == 0 or not c[i - 1].isalnum():
            score += 25  # the start of a word
        score -= min(i - last - 1, 10)  # a gap
        last = i
    return score - len(c) // 4


def fuzzy_filter(query: str, items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:
    """``items`` that match ``query``, best first (stable for equal scores)."""
    scored = []
    for order, item in enumerate(items):
        score = fuzzy_score(query, name(item))
        if score is not None:
            scored.append((-score, order, item))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [item for _, _, item in scored]
