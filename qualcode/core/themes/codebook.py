"""A project's codebook in and out: the codes of a codebook file added to a project, and back.

The files themselves (qualcode JSON, an Excel sheet) are read and written by
:mod:`qualcode.io.exchange.codebooks.json_format` and :mod:`qualcode.io.exchange.codebooks.excel_format`
into plain :class:`~qualcode.core.model.Codebook` values; this module is
where those values meet the project.  Adding a codebook is one transaction
and never overwrites what the researcher wrote: a code already at the same
path keeps its definitions and only has its empty fields filled.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import Codebook, CodebookEntry
from qualcode.core.themes.levels import links as level_links
from qualcode.core.themes.levels import participant_names
from qualcode.core.themes.naming import clashing_sibling
from qualcode.io.exchange.codebooks.excel_format import read_codebook, read_codebook_xlsx
from qualcode.io.exchange.codebooks.json_format import (
    DETAILS,
    codebook_from_dict,
    codebook_to_dict,
    read_codebook_json,
    write_codebook_json,
)
from qualcode.store.schema import ParticipantRow, ThemeLinkRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.core.project import Project


def codebook_of(project: Project, with_counts: bool = True) -> Codebook:
    """The project's codes, parents first, with their coded extracts and participants when asked."""
    codes = project.codes.list()
    counts = project.queries.code_counts() if with_counts else {}
    owners, links = participant_names(project), level_links(project)
    guids = {c.id: c.guid for c in codes}
    paths: dict[int, tuple[str, ...]] = {}
    entries = []
    for c in codes:
        parent = paths.get(c.parent_id, ()) if c.parent_id is not None else ()
        paths[c.id] = (*parent, c.name)
        count = counts.get(c.id)
        entries.append(CodebookEntry(c.name, parent, c.role, c.colour, c.description, c.inclusion, c.exclusion,
                                     c.example, c.guid, count.segments if count else None,
                                     count.participants if count else None,
                                     owners.get(c.participant_id, "") if c.participant_id is not None else "",
                                     tuple(guids[p] for p in links.get(c.id, ()))))
    return Codebook(project.name, tuple(entries))


def codebook_dict(project: Project, with_counts: bool = True) -> dict:
    """The project's codebook in the JSON file's shape (codes nested under ``children``)."""
    return codebook_to_dict(codebook_of(project, with_counts))


def export_codebook_json(project: Project, path: str | Path) -> None:
    write_codebook_json(codebook_of(project), path, reads=(project.location,))


def add_codebook(project: Project, codebook: Codebook, source_name: str) -> tuple[int, int]:
    """Add a codebook's codes in one transaction; returns (created, already there).

    A code already at the same path is kept; its empty definition fields are
    filled from the codebook, nothing the researcher wrote is overwritten.
    """
    created = existing = 0
    project.backups.before("codebook import")
    with project.transaction() as s:
        ids: dict[tuple[str, ...], int] = {}  # the latest code at a path: its children follow it in the file
        people = dict(s.execute(select(ParticipantRow.pseudonym, ParticipantRow.id)).all())
        by_guid: dict[str, int] = {}
        for entry in codebook.entries:
            parent_id = _parent_id(project, s, ids, entry.parent)
            # A PET and a GET may share a name (qualcode.core.themes.naming): match on the entry's own level.
            owner = people.get(entry.participant) if entry.participant else None
            row = clashing_sibling(s, entry.name, parent_id, None, entry.role, owner)
            details = {k: getattr(entry, k) for k in DETAILS}
            if row is None:
                row = project.codes.create_in(s, entry.name, entry.role, parent_id, entry.colour, **details)
                row.participant_id = owner
                created += 1
            else:
                for k, v in details.items():
                    if v and not getattr(row, k):
                        setattr(row, k, v)
                existing += 1
            ids[_key(entry.path)] = row.id
            if entry.guid:
                by_guid[entry.guid] = row.id
        linked = _link(s, codebook, by_guid, ids)
        project.audit(s, "import codebook", "project", None,
                      {"file": source_name, "created": created, "existing": existing}
                      | ({"links_added": linked} if linked else {}))
    project.emit("codes")
    return created, existing


def import_codebook(project: Project, path: str | Path) -> tuple[int, int]:
    """A codebook from qualcode JSON or an Excel sheet, by the file's suffix; returns (created, already there)."""
    return add_codebook(project, read_codebook(path), Path(path).name)


def import_codebook_qdc(project: Project, path: str | Path, flat_names: bool = False) -> tuple[int, int, list[str]]:
    """Add a REFI-QDA codebook's codes; returns (created, already there, notes on what was not read).

    Names flattened by another tool (``Coke::diet Coke``, ``interesting\\places``)
    are nested unless ``flat_names``; the notes say so.
    """
    from qualcode.core.transcripts.refi_import import split_flattened
    from qualcode.io.exchange.codebooks.qdc_format import read_qdc

    name, codes, notes = read_qdc(path)
    if not flat_names:
        codes, said = split_flattened(codes)
        notes = [said, *notes] if said else notes
    paths: dict[str, tuple[str, ...]] = {}
    entries = []
    for code in codes:
        parent = paths.get(code.parent_guid, ()) if code.parent_guid else ()
        paths[code.guid] = (*parent, code.name)
        colour = code.colour if code.colour and len(code.colour) == 7 and code.colour.startswith("#") else None
        entries.append(CodebookEntry(code.name, parent, colour=colour, description=code.description))
    created, existing = add_codebook(project, Codebook(name, tuple(entries)), Path(path).name)
    return created, existing, notes


def import_codebook_json(project: Project, path: str | Path) -> tuple[int, int]:
    """Add a qualcode codebook file's codes; returns (created, already there)."""
    return add_codebook(project, read_codebook_json(path), Path(path).name)


def import_codebook_xlsx(project: Project, path: str | Path) -> tuple[int, int]:
    """Add an Excel codebook sheet's codes; returns (created, already there)."""
    return add_codebook(project, codebook_from_dict(read_codebook_xlsx(path), Path(path).stem), Path(path).name)


def _link(s: Session, codebook: Codebook, by_guid: dict[str, int], ids: dict[tuple[str, ...], int]) -> int:
    """Link each group theme to the PETs the file lists on it (by their guids in the file); returns links added."""
    have = {(g, p) for g, p in s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id))}
    added = 0
    for entry in codebook.entries:
        group = by_guid.get(entry.guid) if entry.guid else ids.get(_key(entry.path))
        for guid in entry.links:
            pet = by_guid.get(guid)
            if group is not None and pet is not None and (group, pet) not in have:
                s.add(ThemeLinkRow(group_id=group, personal_id=pet))
                have.add((group, pet))
                added += 1
    s.flush()
    return added


def _key(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.strip().casefold() for p in path)


def _parent_id(project: Project, s: Session, ids: dict[tuple[str, ...], int],
               parent: tuple[str, ...]) -> int | None:
    """The code at ``parent`` (names, case-insensitive), as added or found earlier in this codebook."""
    if not parent:
        return None
    if _key(parent) in ids:
        return ids[_key(parent)]
    # Entries list parents first, so this is reached only by a caller's own, partial list.
    parent_id = None
    for depth, name in enumerate(parent, 1):
        row = project.codes.child_named_in(s, parent_id, name)
        if row is None:
            raise ValueError(f"the codebook lists ‘{'/'.join(parent)}’ before adding it")
        parent_id = ids[_key(parent[:depth])] = row.id
    return parent_id
