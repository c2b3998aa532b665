"""The two IPA levels through a second coder's copy and back: whose each PET is, which GETs gather it.

A personal experiential theme (PET) belongs to one participant
(``code.participant_id``) and a group experiential theme (GET) gathers PETs
by link (``theme_link``), not by parentage (:mod:`qualcode.core.themes.levels`).
Neither is part of the code tree, so copying codes by parent alone would
hand a second coder PETs that belong to no one and GETs with nothing in
them, and a merge would bring back the second coder's new PETs unowned.

Owners travel by pseudonym and links by code guid, the keys both projects
share.  A merge adds only what is missing and never takes a link away: our
analysis is not overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core.model import CodeRole, Incoming
from qualcode.store.schema import CodeRow, ParticipantRow, ThemeLinkRow


def copy_levels(src: Session, dst: Session, code_ids: Mapping[int, int], owners: Mapping[int, int | None],
                participants: Mapping[int, int]) -> None:
    """Give the copy's PETs their participants and its GETs their links (ids: ours → the copy's)."""
    for code_id, owner in owners.items():
        row = dst.get(CodeRow, code_ids[code_id])
        if row is not None and owner is not None and owner in participants:
            row.participant_id = participants[owner]
    for group, pet in src.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id)):
        if group in code_ids and pet in code_ids:
            dst.add(ThemeLinkRow(group_id=code_ids[group], personal_id=code_ids[pet]))
    dst.flush()


def read_levels(s: Session, incoming: Incoming) -> None:
    """Note, in ``incoming``, each PET's owner by pseudonym and each link by the guids of its ends."""
    guids = dict(s.execute(select(CodeRow.id, CodeRow.guid)).all())
    incoming.owners = dict(s.execute(select(CodeRow.guid, ParticipantRow.pseudonym)
                                     .join(ParticipantRow, ParticipantRow.id == CodeRow.participant_id)).all())
    incoming.links = [(guids[g], guids[p]) for g, p in
                      s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id))]


def carry_levels(s: Session, incoming: Incoming, code_ids: Mapping[str, int],
                 added: set[int]) -> tuple[int, int]:
    """Owners for PETs that have none here, and links to or from codes the merge ``added``.

    ``code_ids`` maps the incoming codes' guids to ours (the merge's matches).
    A PET that already belongs to someone keeps its owner, and between two
    codes we already had the links stay ours.  Returns (owners set, links added).
    """
    people = dict(s.execute(select(ParticipantRow.pseudonym, ParticipantRow.id)).all())
    owned = 0
    for guid, pseudonym in incoming.owners.items():
        row = s.get(CodeRow, code_ids[guid]) if guid in code_ids else None
        if row is not None and row.role == CodeRole.PERSONAL.value and row.participant_id is None \
                and pseudonym in people:
            row.participant_id = people[pseudonym]
            owned += 1
    have = {(g, p) for g, p in s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id))}
    linked = 0
    for group, pet in incoming.links:
        pair = (code_ids.get(group), code_ids.get(pet))
        if pair[0] is not None and pair[1] is not None and pair not in have and (pair[0] in added
                                                                             or pair[1] in added):
            s.add(ThemeLinkRow(group_id=pair[0], personal_id=pair[1]))
            have.add((pair[0], pair[1]))
            linked += 1
    s.flush()
    return owned, linked
