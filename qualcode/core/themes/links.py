"""The links from group experiential themes to personal ones, through a delete or a merge and back.

A GET gathers PETs by link (:mod:`qualcode.core.themes.levels`), not by
parentage, so deleting or merging either end would silently drop links the
database cascades away.  These steps keep them *by GUID*, like every other
row a delete or merge touches (:mod:`qualcode.core.themes.removal`): a merge
gives the source's links to the target, and undo puts back exactly the
links there were, or refuses — changing nothing — when an end has gone.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from qualcode.core.themes.kept_rows import UndoRefused, id_of
from qualcode.store.schema import CodeRow, ThemeLinkRow

Link = tuple[str, str]  # (group theme's GUID, personal theme's GUID)


def _guid(s: Session, code_id: int) -> str:
    guid = s.scalar(select(CodeRow.guid).where(CodeRow.id == code_id))
    assert guid is not None
    return guid


def _pairs(s: Session, code_id: int) -> list[tuple[int, int]]:
    return [(g, p) for g, p in s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id).where(
        or_(ThemeLinkRow.group_id == code_id, ThemeLinkRow.personal_id == code_id)))]


def take_links(s: Session, code_id: int) -> tuple[Link, ...]:
    """Remove every link to or from a code (before it is deleted); returns them, for undo."""
    pairs = _pairs(s, code_id)
    kept = tuple((_guid(s, g), _guid(s, p)) for g, p in pairs)
    if pairs:
        s.execute(delete(ThemeLinkRow).where(
            or_(ThemeLinkRow.group_id == code_id, ThemeLinkRow.personal_id == code_id)))
    return kept


def give_links(s: Session, source_id: int, target_id: int) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """A merge: the source's links become the target's (one link where both had it).

    Returns the source's links (taken) and the links the target gained (added), for undo.
    """
    taken = take_links(s, source_id)
    target = _guid(s, target_id)
    source = _guid(s, source_id)
    have = {(_guid(s, g), _guid(s, p)) for g, p in _pairs(s, target_id)}
    added: list[Link] = []
    for group, personal in taken:
        link = (target if group == source else group, target if personal == source else personal)
        if link[0] != link[1] and link not in have and link not in added:
            added.append(link)
    _insert(s, added, "")
    return taken, tuple(added)


def _insert(s: Session, links: tuple[Link, ...] | list[Link], what: str) -> None:
    for group, personal in links:
        ids = id_of(s, "code", group), id_of(s, "code", personal)
        if ids[0] is None or ids[1] is None:
            raise UndoRefused(f"{what} cannot come back with its links: a theme it was linked to has since "
                              "been deleted; nothing was changed")
        s.add(ThemeLinkRow(group_id=ids[0], personal_id=ids[1]))
    s.flush()


def restore_links(s: Session, taken: tuple[Link, ...], added: tuple[Link, ...] = (), what: str = "") -> None:
    """Undo: drop the links a merge added, and put back those taken (the code itself is back by now)."""
    for group, personal in added:
        ids = id_of(s, "code", group), id_of(s, "code", personal)
        if ids[0] is not None and ids[1] is not None:
            s.execute(delete(ThemeLinkRow).where(ThemeLinkRow.group_id == ids[0],
                                                 ThemeLinkRow.personal_id == ids[1]))
    _insert(s, taken, what)
