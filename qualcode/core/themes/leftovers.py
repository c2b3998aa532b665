"""Themes an accept left empty, cleared in the same undoable step instead of left behind.

Accepting a suggestion with ``--move`` (or the board's "Move emergent
themes?") takes statements out of the themes they sat in.  A theme left with
nothing in it — no statement, sub-theme, coding or link — used to stay
behind, and an exported master table then read "No quotes coded yet" for
each.  The accept now removes such themes in its own transaction, says how
many in its summary, and its undo puts them back exactly (ids, guids and
memos included) before the statements return to them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from qualcode.store.schema import CodeRow, CodingRow, MemoRow, ThemeLinkRow
from qualcode.store.snapshot import RowSnapshot, restore, snapshot


def _empty(s: Session, code_id: int) -> bool:
    return not s.scalar(select(
        exists().where(CodeRow.parent_id == code_id)
        | exists().where(CodingRow.code_id == code_id)
        | exists().where(or_(ThemeLinkRow.group_id == code_id, ThemeLinkRow.personal_id == code_id))))


def clear_emptied(s: Session, candidates: Iterable[int | None]) -> tuple[tuple[RowSnapshot, ...], tuple[str, ...]]:
    """Remove the candidates (and then their parents) that are now empty.

    Returns the rows removed — codes parents first, then their memos — for
    undo, and the names of the themes removed, for the summary.
    """
    codes: list[RowSnapshot] = []
    memos: list[RowSnapshot] = []
    names: list[str] = []
    todo = [c for c in dict.fromkeys(candidates) if c is not None]
    while todo:
        code_id = todo.pop(0)
        row = s.get(CodeRow, code_id)
        if row is None or not _empty(s, code_id):
            continue
        for memo in list(s.scalars(select(MemoRow).where(MemoRow.code_id == code_id))):
            memos.append(snapshot(memo))
            s.delete(memo)
        codes.insert(0, snapshot(row))  # a parent is cleared after its child: it goes first for restore
        names.append(row.name)
        parent = row.parent_id
        s.delete(row)
        s.flush()
        if parent is not None:
            todo.append(parent)
    return tuple(codes) + tuple(memos), tuple(names)


def put_back(s: Session, cleared: tuple[RowSnapshot, ...]) -> None:
    """Undo: the cleared themes and their memos return as they were."""
    restore(s, list(cleared))
    s.flush()


def clear_again(s: Session, cleared: tuple[RowSnapshot, ...]) -> None:
    """Redo: remove the very same themes again (memos first, children before parents)."""
    for snap in reversed(cleared):
        table = CodeRow if snap.table == "code" else MemoRow
        row = s.get(table, snap.values["id"])
        if row is not None:
            s.delete(row)
            s.flush()
