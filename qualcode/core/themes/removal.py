"""Merging and deleting codes, each with a record that undoes it exactly.

A merge or a delete touches several tables at once (the code, its codings,
its sub-codes, its memos, its consensus decisions); the typed records below
keep what changed *by GUID*: rows taken away as :class:`KeptRow`, rows
pointed at another code as lists of GUIDs.  Another program may write the
project between the step and its undo, and SQLite hands a freed integer id
to the next row inserted, so undo never trusts an id: it finds every row by
GUID, puts a removed one back under its old id only when that id is free,
and refuses in one line — changing nothing — when someone else changed the
same rows since (the code's name taken, a coded passage gone, a moved
coding removed).  Each step works inside the caller's session (``*_in``), so
a command can compose several in one transaction; :class:`CodeService`
wraps them for a single action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from qualcode.core.reliability import decisions
from qualcode.core.reliability.decisions import KeptDecision, MovedDecision
from qualcode.core.themes.codes import CodeError, check_sibling_name, code_row
from qualcode.core.themes.kept_rows import KeptRow, UndoRefused, id_of, keep, put_back
from qualcode.core.themes.links import Link, give_links, restore_links, take_links
from qualcode.store.schema import CodeRow, CodingRow, MemoRow, ThemeLinkRow
from qualcode.store.snapshot import RowSnapshot, restore, snapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project

DELETE_CODINGS = ("delete", "parent")  # what a delete does with the code's codings


@dataclass(frozen=True)
class Moved:
    """Rows a step pointed at another code (by GUID), and that code's GUID (None: the top level)."""

    to: str | None
    codings: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    memos: tuple[str, ...] = ()
    decisions: tuple[MovedDecision, ...] = ()


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, so it can be undone."""

    source: KeptRow
    moved: Moved
    dropped_codings: tuple[KeptRow, ...]  # the source's codings folded into equal ones of the target
    links: tuple[Link, ...] = ()  # the source's GET↔PET links (qualcode.core.themes.links)
    links_added: tuple[Link, ...] = ()  # the links the target gained from them


@dataclass(frozen=True)
class DeleteRecord:
    """What a delete changed: the code, its codings (removed, or moved to the parent), sub-codes and memos."""

    code: KeptRow
    codings: tuple[KeptRow, ...]
    moved: Moved
    dropped_codings: tuple[KeptRow, ...]
    memos: tuple[KeptRow, ...]
    decisions: tuple[KeptDecision, ...]
    links: tuple[Link, ...] = ()  # the code's GET↔PET links


@dataclass(frozen=True)
class RemovedCode:
    """A code just created and taken away again (undo of a create), with its memos, for redo."""

    code: RowSnapshot
    memos: tuple[RowSnapshot, ...]


def _guids(s: Session, table: type[CodeRow] | type[CodingRow] | type[MemoRow], ids: list[int]) -> tuple[str, ...]:
    if not ids:
        return ()
    by_id = dict(s.execute(select(table.id, table.guid).where(table.id.in_(ids))).all())
    return tuple(by_id[i] for i in ids)


def _move_codings(s: Session, source_id: int, target_id: int
                  ) -> tuple[tuple[str, ...], list[KeptRow], dict[str, int]]:
    """Give ``source``'s codings to ``target``; fold exact duplicates into the target's.

    Returns the moved codings' GUIDs, the folded ones kept for undo, and for
    each folded GUID the target's coding that stays (consensus decisions follow it).
    """
    target_keys = {(seg, coder): cid for cid, seg, coder in s.execute(
        select(CodingRow.id, CodingRow.segment_id, CodingRow.coder_id).where(CodingRow.code_id == target_id))}
    duplicates = [r for r in s.scalars(select(CodingRow).where(CodingRow.code_id == source_id))
                  if (r.segment_id, r.coder_id) in target_keys]
    dropped = [keep(s, r) for r in duplicates]
    folded = {r.guid: target_keys[(r.segment_id, r.coder_id)] for r in duplicates}
    for r in duplicates:
        s.delete(r)
    s.flush()
    moved = list(s.scalars(select(CodingRow.id).where(CodingRow.code_id == source_id)))
    guids = _guids(s, CodingRow, moved)
    if moved:
        s.execute(update(CodingRow).where(CodingRow.id.in_(moved)).values(code_id=target_id))
    return guids, dropped, folded


def _move_to(s: Session, source: CodeRow, target_id: int | None, with_codings: bool,
             with_memos: bool) -> tuple[Moved, list[KeptRow]]:
    """Point the source's sub-codes at ``target`` (None: top level), and its codings (with their
    consensus decisions) and memos when asked."""
    codings: tuple[str, ...] = ()
    dropped: list[KeptRow] = []
    moving: list[MovedDecision] = []
    target = code_row(s, target_id) if target_id is not None else None
    if with_codings and target is not None:
        decisions.check_can_move(s, source.id, target.id, source.name, target.name)
        moving = decisions.note_before_move(s, source.id)
        codings, dropped, folded = _move_codings(s, source.id, target.id)
        decisions.move(s, moving, target.id, folded)
    children = list(s.scalars(select(CodeRow.id).where(CodeRow.parent_id == source.id)))
    for child in children:
        check_sibling_name(s, code_row(s, child).name, target_id, child)
    child_guids = _guids(s, CodeRow, children)
    if children:
        s.execute(update(CodeRow).where(CodeRow.id.in_(children)).values(parent_id=target_id))
    memos: tuple[str, ...] = ()
    if with_memos and target_id is not None:
        memo_ids = list(s.scalars(select(MemoRow.id).where(MemoRow.code_id == source.id)))
        memos = _guids(s, MemoRow, memo_ids)
        if memo_ids:
            s.execute(update(MemoRow).where(MemoRow.id.in_(memo_ids)).values(code_id=target_id))
    moved = Moved(target.guid if target is not None else None, codings, child_guids, memos, tuple(moving))
    return moved, dropped


def merge_in(project: Project, s: Session, source_id: int, target_id: int) -> MergeRecord:
    """Merge ``source`` into ``target`` (see :meth:`CodeService.merge`)."""
    if source_id == target_id:
        raise CodeError("a code cannot be merged into itself")
    source, target = code_row(s, source_id), code_row(s, target_id)
    ancestor: int | None = target.parent_id
    while ancestor is not None:
        if ancestor == source_id:
            raise CodeError(f"‘{source.name}’ cannot be merged into its own sub-code ‘{target.name}’")
        ancestor = code_row(s, ancestor).parent_id
    kept = keep(s, source)
    moved, dropped = _move_to(s, source, target_id, with_codings=True, with_memos=True)
    project.audit(s, "merge codes", "code", target_id,
                  {"source": source.name, "target": target.name, "codings_moved": len(moved.codings),
                   "duplicates_dropped": len(dropped)})
    taken, added = give_links(s, source_id, target_id)
    s.flush()
    s.delete(source)
    return MergeRecord(kept, moved, tuple(dropped), taken, added)


def unmerge_in(project: Project, s: Session, record: MergeRecord) -> int:
    """Undo a merge exactly: the source code returns with its own codings; returns its id."""
    code_id = _bring_back(project, s, record.source, record.moved, list(record.dropped_codings), (),
                          "undo merge codes")
    restore_links(s, record.links, record.links_added, f"‘{record.source.values['name']}’")
    return code_id


def delete_in(project: Project, s: Session, code_id: int, codings: str = "delete") -> DeleteRecord:
    """Delete a code (see :meth:`CodeService.delete`)."""
    if codings not in DELETE_CODINGS:
        raise CodeError("codings must be 'delete' or 'parent'")
    row = code_row(s, code_id)
    if codings == "parent" and row.parent_id is None:
        raise CodeError(f"‘{row.name}’ has no parent to take its codings")
    kept = keep(s, row)
    removed: list[KeptRow] = []
    taken: list[KeptDecision] = []
    if codings == "delete":
        taken = decisions.take_away(s, code_id)
        rows = list(s.scalars(select(CodingRow).where(CodingRow.code_id == code_id)))
        removed = [keep(s, r) for r in rows]
        for r in rows:
            s.delete(r)
    moved, dropped = _move_to(s, row, row.parent_id, with_codings=codings == "parent", with_memos=False)
    memo_rows = list(s.scalars(select(MemoRow).where(MemoRow.code_id == code_id)))
    memos = [keep(s, m) for m in memo_rows]
    for m in memo_rows:
        s.delete(m)
    project.audit(s, "delete code", "code", code_id,
                  {"name": row.name, "codings": codings,
                   "codings_affected": len(moved.codings) + len(removed) + len(dropped)})
    links = take_links(s, code_id)
    s.flush()
    s.delete(row)
    return DeleteRecord(kept, tuple(removed), moved, tuple(dropped), tuple(memos), tuple(taken), links)


def undelete_in(project: Project, s: Session, record: DeleteRecord) -> int:
    """Undo a delete exactly: the code, its codings, sub-codes, memos and decisions return; returns its id."""
    code_id = _bring_back(project, s, record.code, record.moved,
                          list(record.codings) + list(record.dropped_codings) + list(record.memos),
                          record.decisions, "undo delete code")
    restore_links(s, record.links, (), f"‘{record.code.values['name']}’")
    return code_id


def _ids_still_at(s: Session, table: type[CodeRow] | type[CodingRow] | type[MemoRow], column: str,
                  guids: tuple[str, ...], where: int | None, what: str, rows_name: str) -> list[int]:
    """The ids of rows a step moved, refused unless every one is still where the step put it."""
    if not guids:
        return []
    found = {g: (i, at) for g, i, at in s.execute(
        select(table.guid, table.id, getattr(table, column)).where(table.guid.in_(guids)))}
    changed = sum(1 for g in guids if g not in found or found[g][1] != where)
    if changed:
        raise UndoRefused(f"{changed} of the {rows_name} {what} gave away {'was' if changed == 1 else 'were'} "
                          "since removed or moved by someone else, so it cannot come back; nothing was changed")
    return [found[g][0] for g in guids]


def _bring_back(project: Project, s: Session, code: KeptRow, moved: Moved, rows: list[KeptRow],
                kept_decisions: tuple[KeptDecision, ...], action: str) -> int:
    """Re-insert a removed code and point what was moved away from it back at it; returns its id."""
    name = code.values["name"]
    what = f"‘{name}’"
    to_id = id_of(s, "code", moved.to)
    if moved.to is not None and to_id is None:
        raise UndoRefused(f"the code {what} gave its codings to has since been deleted, so it cannot come back; "
                          "nothing was changed")
    codings = _ids_still_at(s, CodingRow, "code_id", moved.codings, to_id, what, "codings")
    children = _ids_still_at(s, CodeRow, "parent_id", moved.children, to_id, what, "sub-codes")
    memos = _ids_still_at(s, MemoRow, "code_id", moved.memos, to_id, what, "memos")
    code_id = put_back(s, [code], what)[code.guid]
    parent_id = s.scalar(select(CodeRow.parent_id).where(CodeRow.id == code_id))
    try:
        check_sibling_name(s, name, parent_id, code_id)
    except CodeError as exc:
        raise UndoRefused(f"{exc.message} now, so {what} cannot come back; rename one and undo again; "
                          "nothing was changed") from exc
    for table, ids, column in ((CodingRow, codings, "code_id"), (CodeRow, children, "parent_id"),
                               (MemoRow, memos, "code_id")):
        if ids:
            s.execute(update(table).where(table.id.in_(ids)).values({column: code_id}))
    s.flush()
    put_back(s, rows, what)
    if moved.decisions:
        assert to_id is not None
        decisions.move_back(s, moved.decisions, to_id, code_id, what)
    decisions.bring_back(s, kept_decisions, what)
    project.audit(s, action, "code", code_id, {"name": name})
    return code_id


def delete_created_in(project: Project, s: Session, code_id: int, guid: str | None = None) -> RemovedCode:
    """Remove a code that has just been created (undo of a create); refused once it is in use.

    ``guid`` makes sure the code is still the one created: another writer
    may have deleted it and been given its id for a code of their own.
    """
    row = code_row(s, code_id)
    if guid is not None and row.guid != guid:
        raise UndoRefused("that code has since been deleted by someone else; nothing was changed")
    if s.scalar(select(func.count(CodingRow.id)).where(CodingRow.code_id == code_id)) or \
       s.scalar(select(func.count(CodeRow.id)).where(CodeRow.parent_id == code_id)) or \
       s.scalar(select(func.count()).select_from(ThemeLinkRow).where(
           (ThemeLinkRow.group_id == code_id) | (ThemeLinkRow.personal_id == code_id))):
        raise CodeError(f"‘{row.name}’ is in use and cannot simply be removed")
    memo_rows = list(s.scalars(select(MemoRow).where(MemoRow.code_id == code_id)))
    removed = RemovedCode(snapshot(row), tuple(snapshot(m) for m in memo_rows))
    for memo in memo_rows:
        s.delete(memo)
    project.audit(s, "remove new code", "code", code_id, {"name": row.name})
    s.flush()
    s.delete(row)
    return removed


def restore_created_in(s: Session, removed: RemovedCode) -> None:
    """Put back a code taken away by :func:`delete_created_in`, same id, guid and memos (redo of a create)."""
    restore(s, [removed.code])
    s.flush()
    restore(s, list(removed.memos))
