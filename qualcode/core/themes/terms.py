"""The words for IPA's levels, in the edition the researcher follows.

Smith, Flowers & Larkin's 2nd edition (2022) renamed the levels:
*experiential statements* (formerly emergent themes) are grouped per
participant into *personal experiential themes* (PETs), and PETs across
participants into *group experiential themes* (GETs).  The 1st edition
(2009) spoke of emergent themes, superordinate themes and sub-themes.  A
thesis must use one set of words throughout, so the choice is a project
setting (``ipa_terms`` in the project meta) and every screen, export and
document asks this module for the words.  Qt-free on purpose.

A project with no setting uses the 2022 words: new projects start there.  A
project upgraded from before the two levels existed is given ``2009`` by the
upgrade (:mod:`qualcode.store.migrations`), the words it was written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from qualcode.core.errors import QualcodeError
from qualcode.core.model import CodeRole

if TYPE_CHECKING:
    from qualcode.core.project import Project

META_KEY = "ipa_terms"


class TermsError(QualcodeError):
    """An edition of the IPA terms qualcode does not know."""


class Edition(str, Enum):
    """Which book's words: the 2nd edition (2022, the default) or the 1st (2009)."""

    Y2022 = "2022"
    Y2009 = "2009"


@dataclass(frozen=True)
class Terms:
    """The words for each level, singular and plural, as they appear in running text."""

    statement: str
    statements: str
    personal_theme: str
    personal_themes: str
    personal_short: str  # in table headings
    group_theme: str
    group_themes: str
    group_short: str
    sub_theme: str
    sub_themes: str


TERMS: dict[Edition, Terms] = {
    Edition.Y2022: Terms(
        "experiential statement", "experiential statements",
        "personal experiential theme", "personal experiential themes", "PET",
        "group experiential theme", "group experiential themes", "GET",
        "sub-theme", "sub-themes"),
    Edition.Y2009: Terms(
        "emergent theme", "emergent themes",
        "superordinate theme (participant)", "superordinate themes (participant)", "Participant theme",
        "superordinate theme", "superordinate themes", "Superordinate theme",
        "sub-theme", "sub-themes"),
}


def parse_edition(word: str) -> Edition:
    """``2022``/``2009`` (also ``new``/``old``); a TermsError naming the choices otherwise."""
    word = word.strip().lower()
    aliases = {"new": Edition.Y2022, "2nd": Edition.Y2022, "old": Edition.Y2009, "1st": Edition.Y2009}
    if word in aliases:
        return aliases[word]
    try:
        return Edition(word)
    except ValueError:
        raise TermsError(f"‘{word}’ is not an edition of the IPA terms (choose 2022 or 2009)") from None


def edition_of(project: Project) -> Edition:
    """The edition the project uses (2022 when none was chosen)."""
    stored = project.get_meta(META_KEY)
    return parse_edition(stored) if stored else Edition.Y2022


def terms_of(project: Project) -> Terms:
    """The project's words for statements, personal themes and group themes."""
    return TERMS[edition_of(project)]


def set_edition(project: Project, edition: Edition | str) -> None:
    """Choose the words the project uses from now on (a setting; nothing else changes)."""
    chosen = edition if isinstance(edition, Edition) else parse_edition(edition)
    project.set_meta(META_KEY, chosen.value)


def role_word(role: CodeRole, words: Terms) -> str:
    """What a code of this role is called, capitalised for a menu or a heading ("Experiential statement").

    A top-level theme is the group level in IPA; in a thematic analysis of
    survey answers the same role is simply a theme, which the GUI decides by
    the project's material, not here.
    """
    word = {CodeRole.EMERGENT: words.statement, CodeRole.PERSONAL: words.personal_theme,
            CodeRole.THEME: words.group_theme, CodeRole.SUBTHEME: words.sub_theme, CodeRole.CODE: "code"}[role]
    return word[:1].upper() + word[1:]
