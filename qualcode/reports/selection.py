"""Which quotes a theme shows: all, the most typical, or a balanced set.

A theme that rests on one talkative participant misleads the reader of a
thesis, so selection can balance participants and always says when one
voice dominates.  "Most typical" is a seam: :data:`Rank` is any function
that orders a theme's quotes from most to least typical.  The default,
:func:`rank_by_spread_and_length`, is a simple documented heuristic; the
embedding-based typicality of :mod:`qualcode.analysis` plugs in here later.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from qualcode.core.errors import InvalidValue
from qualcode.reports.source import Quote

Rank = Callable[[str, Sequence[Quote]], list[Quote]]
"""``rank(theme_name, quotes)`` → the same quotes, most typical first."""

Selection = Literal["all", "typical", "balanced"]

# A quote of about this many words reads well in a table: long enough to carry
# meaning, short enough not to fill a page.
COMFORTABLE_WORDS = 30


def by_length(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes closest to a comfortable length first; ties keep transcript order."""
    return sorted(quotes, key=lambda q: abs(q.words - COMFORTABLE_WORDS))


def _by_participant(quotes: Sequence[Quote]) -> dict[str, list[Quote]]:
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(q.participant, []).append(q)
    return groups


def round_robin(groups: list[list[Quote]]) -> list[Quote]:
    out: list[Quote] = []
    depth = max((len(g) for g in groups), default=0)
    for i in range(depth):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def rank_by_spread_and_length(theme: str, quotes: Sequence[Quote]) -> list[Quote]:
    """The default typicality: spread across participants first, then length.

    Participants who contribute most to the theme come first (the theme is
    most clearly theirs); the ranking then takes one quote from each
    participant in turn, each participant's quotes ordered by how close they
    are to a comfortable length (about 30 words).  So the first N quotes come
    from as many participants as possible and read well in a table.
    """
    groups = sorted(_by_participant(quotes).values(), key=lambda g: -len(g))
    return round_robin([by_length(g) for g in groups])


@dataclass(frozen=True)
class Choice:
    """What a selection kept, and what it had to choose from."""

    quotes: list[Quote]
    available: int
    participants: int  # distinct participants among all available quotes


def select(theme: str, quotes: Sequence[Quote], selection: Selection = "all",
           max_quotes: int | None = None, rank: Rank | None = None) -> Choice:
    """Choose the quotes a theme shows; the result is in transcript order.

    * ``all`` — every quote (``max_quotes`` is ignored);
    * ``typical`` — the ``max_quotes`` first in ``rank`` order (all, ranked, when no maximum);
    * ``balanced`` — no participant gives more than their share: at most
      ``ceil(max_quotes / participants)`` each (2 each when there is no
      maximum), picked in ``rank`` order, one participant at a time.
    """
    rank = rank or rank_by_spread_and_length
    people = len({q.participant for q in quotes})
    if selection == "all" or not quotes:
        chosen = list(quotes)
    elif selection == "typical":
        chosen = rank(theme, quotes)[:max_quotes] if max_quotes else list(quotes)
    elif selection == "balanced":
        share = math.ceil(max_quotes / people) if max_quotes else 2
        ranked = rank(theme, quotes)
        groups: dict[str, list[Quote]] = {}
        for q in ranked:
            group = groups.setdefault(q.participant, [])
            if len(group) < share:
                group.append(q)
        chosen = round_robin(list(groups.values()))
        if max_quotes:
            chosen = chosen[:max_quotes]
    else:
        raise InvalidValue(f"the quote selection must be all, typical or balanced, not {selection!r}")
    order = {id(q): i for i, q in enumerate(quotes)}
    return Choice(sorted(chosen, key=lambda q: order[id(q)]), len(quotes), people)


def dominance_warning(theme: str, quotes: Sequence[Quote], share: float = 0.5,
                      minimum: int = 4) -> str | None:
    """A warning when one participant gives more than ``share`` of a theme's shown quotes.

    Themes with fewer than ``minimum`` quotes are left alone: two of three
    quotes from one person is not yet a pattern.
    """
    if len(quotes) < minimum:
        return None
    groups = _by_participant(quotes)
    who, theirs = max(groups.items(), key=lambda kv: len(kv[1]))
    if len(theirs) / len(quotes) <= share:
        return None
    return (f"‘{theme}’: {len(theirs)} of {len(quotes)} quotes are {who}’s — one participant dominates "
            f"this theme (choose a balanced selection, or check the theme is shared)")
