"""What an accept links and how it is summed up: the two rules a researcher reads back.

A ``personal-themes`` suggestion lists each group experiential theme's (GET's)
PETs twice: on the GET itself (all of them, so a board without sub-themes
still has its cards) and again on the sub-theme each one fell into.  Linking
both would count every PET twice and put it at two levels of the master
table.  A PET is linked once within a GET, to the most specific place named:
its sub-theme, or the GET itself only when none of the GET's sub-themes
lists it.  (A researcher who lists one PET under two GETs meant both.)
"""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.core.themes.clustered import Clustered
from qualcode.core.themes.terms import Terms

Link = tuple[int, int]  # (GET or one of its sub-themes, PET)


def group_links(themes: Sequence[tuple[int, Sequence[int]]],
                subs: Sequence[tuple[int, int, Sequence[int]]]) -> list[Link]:
    """The links to make, in the suggestion's order, each PET once per GET at its most specific place.

    ``themes``: (GET id, PETs listed on the GET); ``subs``: (GET id, sub-theme
    id, PETs listed on that sub-theme).
    """
    links: list[Link] = []
    under_a_sub: set[tuple[int, int]] = set()  # (GET, PET) already linked through one of its sub-themes
    for get, sub, pets in subs:
        for pet in pets:
            if (get, pet) not in under_a_sub:  # the first sub-theme that lists it, if a file lists two
                links.append((sub, pet))
                under_a_sub.add((get, pet))
    for get, pets in themes:
        for pet in pets:
            if (get, pet) not in under_a_sub and (get, pet) not in links:
                links.append((get, pet))
    return links


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def accept_summary(words: Terms, mode: str, themes: int, subs: int, placed: int) -> str:
    """One line in the project's IPA words: what was made, and how many items it placed, linked or coded.

    ``placed`` counts items once each: statements moved, PETs linked (distinct
    PETs, however many links), or passages and answers coded.
    """
    sub_part = _count(subs, words.sub_theme, words.sub_themes)
    if mode == Clustered.STATEMENTS:
        return (f"{_count(themes, words.personal_theme, words.personal_themes)}, {sub_part}, "
                f"{_count(placed, words.statement, words.statements)} placed")
    if mode == Clustered.PERSONAL_THEMES:
        return (f"{_count(themes, words.group_theme, words.group_themes)}, {sub_part}, "
                f"{_count(placed, words.personal_theme, words.personal_themes)} linked")
    what = "emergent themes placed" if mode == Clustered.EMERGENT else "items coded"
    return f"{themes} themes, {subs} sub-themes, {placed} {what}"  # the one-level wording, as before
