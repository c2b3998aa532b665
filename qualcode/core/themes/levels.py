"""IPA in two levels: each participant's personal themes, and the group themes across them.

Smith, Flowers & Larkin (2022) analyse each case in its own right before
looking across.  The codebook holds both levels at once, and neither is
ever given up for the other:

* an **experiential statement** is a code of role ``emergent``;
* a **personal experiential theme** (PET) is a code of role ``personal``
  that belongs to one participant (``participant_id``); its statements sit
  under it, directly or under its sub-themes (role ``subtheme``);
* a **group experiential theme** (GET) is a top-level code of role
  ``theme``, optionally with sub-themes; it does not *contain* PETs but
  *links* them (table ``theme_link``), so grouping PETs across participants
  never moves a PET or a statement out of the participant's own table.

A link rather than a second parent keeps the code tree a tree (every
screen, export and merge that walks it stays right) and lets one PET be
linked to a GET and later to another without losing where it came from.

Projects made before the two levels had only the group level: their themes
are GETs and their emergent themes statements.  Statements sitting straight
under a GET, and themes left empty by an earlier accept, cannot be sorted
out for the researcher; :func:`level_report` names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import Code, CodeRole
from qualcode.store.schema import CodingRow, ParticipantRow, ThemeLinkRow

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.core.themes.recurrence import RecurrenceTable


@dataclass(frozen=True)
class LevelCounts:
    """How far the analysis has come, for ``qualcode info``."""

    statements: int
    personal_themes: int
    group_themes: int
    linked_personal_themes: int  # PETs gathered under at least one GET

    def to_json(self) -> dict[str, int]:
        return {"experiential_statements": self.statements, "personal_experiential_themes": self.personal_themes,
                "group_experiential_themes": self.group_themes,
                "personal_themes_in_group_themes": self.linked_personal_themes}


def personal_themes(project: Project, participant: str | None = None) -> list[Code]:
    """The PETs, in codebook order; only ``participant``'s when given (by pseudonym)."""
    codes = [c for c in project.codes.list() if c.role == CodeRole.PERSONAL]
    if participant is None:
        return codes
    pid = participant_id(project, participant)
    return [c for c in codes if c.participant_id == pid]


def participant_id(project: Project, pseudonym: str) -> int | None:
    """The participant's id, or None when no participant has that pseudonym."""
    with project.read() as s:
        return s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == pseudonym))


def participant_names(project: Project) -> dict[int, str]:
    with project.read() as s:
        return {row.id: row.pseudonym for row in s.scalars(select(ParticipantRow))}


def statements_under(project: Project, code_id: int) -> list[Code]:
    """The experiential statements below a PET (or any code), at any depth."""
    below = set(project.codes.descendants(code_id)) - {code_id}
    return [c for c in project.codes.list() if c.id in below and c.role == CodeRole.EMERGENT]


def in_personal_theme(codes: dict[int, Code], code_id: int) -> bool:
    """Whether a code sits (at any depth) inside a PET: a statement already grouped for its case."""
    parent = codes[code_id].parent_id
    while parent is not None:
        if codes[parent].role == CodeRole.PERSONAL:
            return True
        parent = codes[parent].parent_id
    return False


def links(project: Project) -> dict[int, list[int]]:
    """Each GET or GET sub-theme → the PETs it gathers, in link order."""
    with project.read() as s:
        out: dict[int, list[int]] = {}
        for row in s.scalars(select(ThemeLinkRow).order_by(ThemeLinkRow.group_id, ThemeLinkRow.personal_id)):
            out.setdefault(row.group_id, []).append(row.personal_id)
        return out


def group_themes(project: Project) -> list[Code]:
    """The GETs: top-level themes (role ``theme``)."""
    return [c for c in project.codes.list() if c.role == CodeRole.THEME and c.parent_id is None]


def group_recurrence(project: Project, threshold: float | None = None) -> RecurrenceTable:
    """Participants × GETs through their PETs: who is present in each group theme and sub-theme.

    A participant is present in a GET (or sub-theme) when one of their PETs is
    linked to it; the GET gathers its sub-themes' participants.  The same
    "present in at least half" rule as the theme board's (:mod:`.recurrence`);
    everyone with a PET is counted in the base.
    """
    from qualcode.core.themes.recurrence import DEFAULT_THRESHOLD, Presence, recurrence_table

    names = participant_names(project)
    owner = {p.id: names.get(p.participant_id or -1) for p in personal_themes(project)}
    linked = links(project)

    def presence(code: Code) -> Presence:
        who = frozenset(n for pet in linked.get(code.id, []) if (n := owner.get(pet)))
        return Presence(str(code.id), code.name, who)

    themes = [(presence(get), [presence(sub) for sub in project.codes.children(get.id)
                               if sub.role == CodeRole.SUBTHEME])
              for get in group_themes(project)]
    everyone = {n for n in owner.values() if n}
    return recurrence_table(themes, everyone, DEFAULT_THRESHOLD if threshold is None else threshold)


def counts(project: Project) -> LevelCounts:
    codes = project.codes.list()
    linked = {pet for pets in links(project).values() for pet in pets}
    return LevelCounts(sum(c.role == CodeRole.EMERGENT for c in codes),
                       sum(c.role == CodeRole.PERSONAL for c in codes),
                       sum(c.role == CodeRole.THEME and c.parent_id is None for c in codes),
                       len(linked))


#: More statements than this straight under group themes is a whole one-level analysis, not a stray few.
ONE_LEVEL = 3


def level_report(project: Project, summarise_one_level: bool = False) -> list[str]:
    """What the two levels cannot sort out alone, one sentence each (empty when all is clear).

    Statements straight under a group theme (the one-level layout of older
    projects: the researcher decides whose PET they become), themes with
    nothing in them (often left behind by an earlier accept), and PETs with
    no participant.  With ``summarise_one_level``, a whole one-level analysis
    is one sentence with its count instead of one per statement.
    """
    codes = project.codes.list()
    by_id = {c.id: c for c in codes}
    kids: dict[int | None, list[Code]] = {}
    for c in codes:
        kids.setdefault(c.parent_id, []).append(c)
    linked = links(project)
    with project.read() as s:
        coded = set(s.scalars(select(CodingRow.code_id).distinct()))

    def top(c: Code) -> Code:
        while c.parent_id is not None:
            c = by_id[c.parent_id]
        return c

    straight = [c for c in codes
                if c.role == CodeRole.EMERGENT and c.parent_id is not None and top(c).role == CodeRole.THEME]
    if summarise_one_level and len(straight) > ONE_LEVEL:
        out = [f"{len(straight)} statements sit straight under group themes (a one-level analysis); "
               "make personal themes per participant to use the two levels"]
    else:
        out = [f"the statement ‘{c.name}’ sits straight under the group theme ‘{top(c).name}’, "
               "not in a participant's personal theme" for c in straight]
    for c in codes:
        if c.role in (CodeRole.THEME, CodeRole.SUBTHEME, CodeRole.PERSONAL) and not kids.get(c.id) \
                and c.id not in coded and not linked.get(c.id):
            out.append(f"the theme ‘{c.name}’ is empty")
        if c.role == CodeRole.PERSONAL and c.participant_id is None:
            out.append(f"the personal theme ‘{c.name}’ belongs to no participant")
    return out
