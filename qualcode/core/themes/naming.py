"""Which names may repeat: a name is unique among the siblings on its own level only.

IPA names themes in the participant's words, so a personal experiential theme
(PET) often keeps the wording of one of its experiential statements, and a
group experiential theme (GET) the wording of one of its PETs.  Those are
different levels, shown apart wherever they are listed (the code tree's role,
the board's columns, the tables' headings), so they may share a name.  Before
this rule every accepted PET came out as ``… (Maya)`` and every GET as
``… (theme)`` — suffixes the researcher had to delete by hand.

Names that *would* be confused still clash: two statements, two PETs of the
same participant, or two themes/sub-themes/codes beside each other.  A name
taken on its own level gets a plain number, ``Feeling held (2)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import CodeRole
from qualcode.store.schema import CodeRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Level = tuple[str, int | None]


def level_of(role: CodeRole | str | None, participant_id: int | None = None) -> Level | None:
    """The level a code's name must be unique on; ``None`` (role unknown) clashes with every level.

    Statements are one level, each participant's PETs another, and themes,
    sub-themes and codes — the levels a researcher builds by hand — one more.
    """
    if role is None:
        return None
    role = CodeRole(role)
    if role == CodeRole.EMERGENT:
        return ("statement", None)
    if role == CodeRole.PERSONAL:
        return ("personal", participant_id)
    return ("theme or code", None)


def clashing_sibling(s: Session, name: str, parent_id: int | None, own_id: int | None = None,
                     role: CodeRole | str | None = None, participant_id: int | None = None) -> CodeRow | None:
    """The sibling (same parent, same level) already called ``name``, case-insensitively, if any."""
    level = level_of(role, participant_id)
    siblings = s.scalars(select(CodeRow).where(
        CodeRow.parent_id.is_(None) if parent_id is None else CodeRow.parent_id == parent_id))
    wanted = name.strip().casefold()
    for sib in siblings:
        if sib.id == own_id or sib.name.casefold() != wanted:
            continue
        if level is None or level_of(sib.role, sib.participant_id) == level:
            return sib
    return None


def free_name(s: Session, parent_id: int | None, label: str, role: CodeRole | str,
              participant_id: int | None = None) -> str:
    """``label``, or ``label (2)``, ``label (3)``… when its level beside it already has that name.

    A new PET is created before it is given to its participant, so the name
    must also be free among the PETs that belong to no one yet.
    """
    name, n = label.strip(), 1
    while clashing_sibling(s, name, parent_id, None, role, participant_id) is not None or (
            CodeRole(role) == CodeRole.PERSONAL and clashing_sibling(s, name, parent_id, None, role) is not None):
        n += 1
        name = f"{label.strip()} ({n})"
    return name
