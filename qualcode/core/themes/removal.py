"""Merging and deleting codes, each with a record that undoes it exactly.

A merge or a delete touches several tables at once (the code, its codings,
its sub-codes, its memos); the typed records below keep what changed, row
snapshots with their ids and guids included, so undo puts every row back as
it was.  Each step works inside the caller's session (``*_in``), so a
command can compose several in one transaction; :class:`CodeService` wraps
them for a single action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from qualcode.core.themes.codes import CodeError, check_sibling_name, code_row
from qualcode.store.schema import CodeRow, CodingRow, MemoRow
from qualcode.store.snapshot import RowSnapshot, restore, snapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project

DELETE_CODINGS = ("delete", "parent")  # what a delete does with the code's codings


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, so it can be undone."""

    source: RowSnapshot
    moved_codings: tuple[int, ...]
    dropped_codings: tuple[RowSnapshot, ...]
    moved_children: tuple[int, ...]
    moved_memos: tuple[int, ...]


@dataclass(frozen=True)
class DeleteRecord:
    """What a delete changed: the code, its codings (removed, or moved to the parent), sub-codes and memos."""

    code: RowSnapshot
    codings: tuple[RowSnapshot, ...]
    moved_codings: tuple[int, ...]
    dropped_codings: tuple[RowSnapshot, ...]
    moved_children: tuple[int, ...]
    memos: tuple[RowSnapshot, ...]


@dataclass(frozen=True)
class RemovedCode:
    """A code just created and taken away again (undo of a create), with its memos, for redo."""

    code: RowSnapshot
    memos: tuple[RowSnapshot, ...]


def _move_codings(s: Session, source_id: int, target_id: int) -> tuple[list[int], list[RowSnapshot]]:
    """Give ``source``'s codings to ``target``; drop exact duplicates."""
    duplicates = _duplicate_codings(s, source_id, target_id)
    dropped = [snapshot(r) for r in duplicates]
    for r in duplicates:
        s.delete(r)
    s.flush()
    moved = list(s.scalars(select(CodingRow.id).where(CodingRow.code_id == source_id)))
    if moved:
        s.execute(update(CodingRow).where(CodingRow.id.in_(moved)).values(code_id=target_id))
    return moved, dropped


def _duplicate_codings(s: Session, source_id: int, target_id: int) -> list[CodingRow]:
    target_keys = {(seg, coder) for seg, coder in s.execute(
        select(CodingRow.segment_id, CodingRow.coder_id).where(CodingRow.code_id == target_id))}
    return [r for r in s.scalars(select(CodingRow).where(CodingRow.code_id == source_id))
            if (r.segment_id, r.coder_id) in target_keys]


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
    source_snap = snapshot(source)
    moved, dropped = _move_codings(s, source_id, target_id)
    children = list(s.scalars(select(CodeRow.id).where(CodeRow.parent_id == source_id)))
    if children:
        s.execute(update(CodeRow).where(CodeRow.id.in_(children)).values(parent_id=target_id))
    memos = list(s.scalars(select(MemoRow.id).where(MemoRow.code_id == source_id)))
    if memos:
        s.execute(update(MemoRow).where(MemoRow.id.in_(memos)).values(code_id=target_id))
    project.audit(s, "merge codes", "code", target_id,
                  {"source": source.name, "target": target.name, "codings_moved": len(moved),
                   "duplicates_dropped": len(dropped)})
    s.flush()
    s.delete(source)
    return MergeRecord(source_snap, tuple(moved), tuple(dropped), tuple(children), tuple(memos))


def unmerge_in(project: Project, s: Session, record: MergeRecord) -> None:
    """Undo a merge exactly: the source code returns with its own codings."""
    _bring_back(project, s, record.source, record.moved_codings, record.moved_children, record.moved_memos,
                list(record.dropped_codings), "undo merge codes")


def delete_in(project: Project, s: Session, code_id: int, codings: str = "delete") -> DeleteRecord:
    """Delete a code (see :meth:`CodeService.delete`)."""
    if codings not in DELETE_CODINGS:
        raise CodeError("codings must be 'delete' or 'parent'")
    row = code_row(s, code_id)
    if codings == "parent" and row.parent_id is None:
        raise CodeError(f"‘{row.name}’ has no parent to take its codings")
    code_snap = snapshot(row)
    moved: list[int] = []
    dropped: list[RowSnapshot] = []
    removed: list[RowSnapshot] = []
    if codings == "parent" and row.parent_id is not None:
        moved, dropped = _move_codings(s, code_id, row.parent_id)
    else:
        rows = list(s.scalars(select(CodingRow).where(CodingRow.code_id == code_id)))
        removed = [snapshot(r) for r in rows]
        for r in rows:
            s.delete(r)
    children = list(s.scalars(select(CodeRow.id).where(CodeRow.parent_id == code_id)))
    for child in children:
        check_sibling_name(s, code_row(s, child).name, row.parent_id, child)
    if children:
        s.execute(update(CodeRow).where(CodeRow.id.in_(children)).values(parent_id=row.parent_id))
    memos = [snapshot(m) for m in s.scalars(select(MemoRow).where(MemoRow.code_id == code_id))]
    project.audit(s, "delete code", "code", code_id,
                  {"name": row.name, "codings": codings,
                   "codings_affected": len(moved) + len(removed) + len(dropped)})
    s.flush()
    s.delete(row)
    return DeleteRecord(code_snap, tuple(removed), tuple(moved), tuple(dropped), tuple(children), tuple(memos))


def undelete_in(project: Project, s: Session, record: DeleteRecord) -> None:
    """Undo a delete exactly: the code, its codings, sub-codes and memos return."""
    _bring_back(project, s, record.code, record.moved_codings, record.moved_children, (),
                list(record.codings) + list(record.dropped_codings) + list(record.memos),
                "undo delete code")


def _bring_back(project: Project, s: Session, code: RowSnapshot, codings: tuple[int, ...],
                children: tuple[int, ...], memos: tuple[int, ...], rows: list[RowSnapshot], action: str) -> None:
    """Re-insert a removed code and point what was moved away from it back at it."""
    restore(s, [code])
    s.flush()
    code_id = code.values["id"]
    for table, ids, column in ((CodingRow, codings, "code_id"), (CodeRow, children, "parent_id"),
                               (MemoRow, memos, "code_id")):
        if ids:
            s.execute(update(table).where(table.id.in_(ids)).values({column: code_id}))
    restore(s, rows)
    project.audit(s, action, "code", code_id, {"name": code.values["name"]})


def delete_created_in(project: Project, s: Session, code_id: int) -> RemovedCode:
    """Remove a code that has just been created (undo of a create); refused once it is in use."""
    row = code_row(s, code_id)
    if s.scalar(select(func.count(CodingRow.id)).where(CodingRow.code_id == code_id)) or \
       s.scalar(select(func.count(CodeRow.id)).where(CodeRow.parent_id == code_id)):
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
