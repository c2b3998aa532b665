"""The IPA levels and the kinds of exploratory note, read back from a REFI-QDA project.

REFI-QDA has no word for an analysis's levels, so :mod:`.outgoing` writes
them in the best home the standard offers, and this module reads them back
from there (a project from another tool simply has none of them):

* a code's role (superordinate theme, sub-theme, emergent theme, personal
  experiential theme) → a ``Set`` of those codes (``MemberCode``) whose
  description is ``qualcode role: <role>``; the set itself is not kept;
* a personal experiential theme's owner (``code.participant_id``) → a
  ``CodeRef`` from the participant's ``Case`` (the standard's "codes that
  describe this case");
* a group experiential theme gathering a personal one (``theme_link``) →
  a ``Link`` from the group theme to the personal theme;
* an exploratory note's kind → the note's title (``Descriptive note``,
  ``Linguistic note``, ``Conceptual note``, ``Free note``); the text is the
  note's own, without the title.

What another tool wrote there that is not one of these (a case referring to
an ordinary code, a link between other items) is counted in the report.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import CodeRole, IncomingCode, NoteKind
from qualcode.store.schema import CodeRow, ThemeLinkRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.io.exchange.refi_project import RefiProject, RefiSet

ROLE_PREFIX = "qualcode role: "  # the description of a set naming a role (written by .outgoing)
NOTE_SUFFIX = " note"


def note_title(kind: str) -> str:
    """The title an exploratory note of ``kind`` is written with (``Descriptive note``)."""
    try:
        return f"{NoteKind(kind).value.capitalize()}{NOTE_SUFFIX}"
    except ValueError:
        return "Note"


def note_kind(title: str) -> NoteKind | None:
    """The kind a note's title names (``Linguistic note`` → linguistic); None for any other title."""
    word = title.strip().lower().removesuffix(NOTE_SUFFIX)
    if title.strip().lower().endswith(NOTE_SUFFIX):
        try:
            return NoteKind(word)
        except ValueError:
            return None
    return None


def role_of_set(group: RefiSet) -> str | None:
    """The role a set stands for (``qualcode role: theme`` → theme), or None for any other set."""
    role = group.description.strip().removeprefix(ROLE_PREFIX).strip()
    if not group.description.strip().startswith(ROLE_PREFIX):
        return None
    try:
        return CodeRole(role).value
    except ValueError:
        return None


def with_roles(codes: list[IncomingCode], refi: RefiProject) -> tuple[list[IncomingCode], list[RefiSet]]:
    """The codes with the roles their sets give them, and the sets that are not roles."""
    roles: dict[str, str] = {}
    others: list[RefiSet] = []
    for group in refi.sets:
        role = role_of_set(group)
        if role is None:
            others.append(group)
            continue
        roles.update((guid, role) for guid in group.code_guids)
    return [dataclasses.replace(c, role=roles[c.guid]) if c.guid in roles else c for c in codes], others


def place_levels(s: Session, refi: RefiProject, code_ids: dict[str, int], case_ids: dict[str, int],
                 not_read: list[str]) -> tuple[int, int]:
    """Give personal themes their participant and put back group → personal links.

    Returns (personal themes given their participant, links made); what
    cannot be placed is counted in ``not_read``.
    """
    roles = {row_id: role for row_id, role in s.execute(
        select(CodeRow.id, CodeRow.role).where(CodeRow.id.in_(set(code_ids.values()))))}
    personal = CodeRole.PERSONAL.value
    owned = 0
    left_out: Counter[str] = Counter()
    for case in refi.cases:
        for code_guid in case.code_guids:
            code_id = code_ids.get(code_guid)
            if code_id is None or case.guid not in case_ids or roles.get(code_id) != personal:
                left_out["codes referred to by cases (qualcode keeps only personal experiential themes there)"] += 1
                continue
            row = s.get(CodeRow, code_id)
            if row is not None and row.participant_id is None:
                row.participant_id = case_ids[case.guid]
                owned += 1
    linked = 0
    have = {tuple(pair) for pair in s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id))}
    for link in refi.links:
        group, target = code_ids.get(link.origin_guid), code_ids.get(link.target_guid)
        if group is None or target is None or group == target or roles.get(target) != personal:
            left_out["links between items (qualcode keeps only a theme's link to a personal experiential "
                     "theme)"] += 1
            continue
        if (group, target) not in have:
            s.add(ThemeLinkRow(group_id=group, personal_id=target))
            have.add((group, target))
            linked += 1
    s.flush()
    not_read += [f"{what}: {n}" for what, n in left_out.items()]
    return owned, linked
