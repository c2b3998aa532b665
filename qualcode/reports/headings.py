"""The words an IPA report's headings use, in the edition the project follows.

A thesis uses one set of words throughout (:mod:`qualcode.core.themes.terms`):
the 2022 edition's "group experiential theme", "personal experiential
theme", "experiential statement", or the 2009 edition's "superordinate
theme", "superordinate theme (participant)", "emergent theme".  Every IPA
report takes its column headers, captions and titles from here, so no report
mixes the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.core.themes.terms import Terms


def capital(word: str) -> str:
    """``experiential statement`` → ``Experiential statement`` (the rest as written: "PET" stays)."""
    return word[:1].upper() + word[1:]


@dataclass(frozen=True)
class Headings:
    """Column headers (singular, capitalised) and plural phrases for titles."""

    group: str  # "Group experiential theme" / "Superordinate theme"
    groups: str  # "group experiential themes" / "superordinate themes"
    sub: str  # "Sub-theme"
    subs: str
    personal: str  # "Personal experiential theme" / "Superordinate theme (participant)"
    personals: str
    statement: str  # "Experiential statement" / "Emergent theme"
    statements: str


def headings(words: Terms) -> Headings:
    return Headings(capital(words.group_theme), words.group_themes, capital(words.sub_theme), words.sub_themes,
                    capital(words.personal_theme), words.personal_themes, capital(words.statement),
                    words.statements)
