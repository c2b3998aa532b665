"""Another tool's sets of sources, kept as yes/no attributes of the participants.

NVivo, ATLAS.ti and MAXQDA let researchers group documents into sets
("Wave 2", "Managers", "Pilot interviews").  qualcode has no sets, but it has
what researchers use them for: grouping participants to compare and to
filter.  A set of sources becomes an attribute named after the set, "yes"
for the participants whose documents are in it and "no" for the other
participants of the import — so prevalence, quote tables and filters can use
it at once.  A set of codes has no such home (qualcode's codebook is a tree);
the import report lists those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.store.schema import DocumentRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.core.project import Project
    from qualcode.io.exchange.refi_project import RefiSet


def keep_source_sets(project: Project, s: Session, sets: list[RefiSet],
                     documents: dict[str, int]) -> tuple[list[str], list[RefiSet]]:
    """Each set's sources → a yes/no attribute; returns what was kept (one line each) and the sets left over.

    ``documents`` maps each imported source's guid to its document.  A set
    whose sources have no participant (or were not imported) is left over,
    as is a set of codes; a set holding both keeps its sources' part.
    """
    if not sets:
        return [], []
    imported = set(documents.values())  # read whole, not as an IN list: a survey may bring 100,000 sources
    owners = {doc: who for doc, who in s.execute(select(DocumentRow.id, DocumentRow.participant_id))
              if doc in imported}
    everyone = {p for p in owners.values() if p is not None}
    kept: list[str] = []
    left: list[RefiSet] = []
    for group in sets:
        members = {owners.get(documents[g]) for g in group.source_guids if g in documents} - {None}
        if not members:
            left.append(group)
            continue
        for participant_id in everyone:
            project.participants.set_attributes_in(s, participant_id,
                                                   {group.name: "yes" if participant_id in members else "no"})
        kept.append(f"set ‘{group.name}’ → attribute ‘{group.name}’: yes for {len(members)} of "
                    f"{len(everyone)} participants")
        if group.code_guids:
            left.append(group)  # its codes have no home; said in the report
    return kept, left
