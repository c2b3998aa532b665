"""Consensus decisions follow their code when it is merged or deleted.

A decision (:class:`~qualcode.store.schema.ConsensusDecisionRow`) belongs to
one code and lists the consensus codings it made.  When the code's codings
move to another code (a merge, or a delete that gives them to the parent),
its decisions move with them, and a consensus coding folded into an equal
one of the other code is replaced in the list by the one that stays.  Two
decisions on the same passage cannot both move onto one code: the merge is
refused, saying which passage.  When a code is deleted with its codings,
its decisions are kept for undo (by GUID, :mod:`qualcode.core.themes.kept_rows`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core.themes.codes import CodeError
from qualcode.core.themes.kept_rows import KeptRow, UndoRefused, keep, put_back
from qualcode.store.schema import CodingRow, ConsensusDecisionRow, DocumentRow


@dataclass(frozen=True)
class MovedDecision:
    """A decision moved to another code, with its consensus codings as they were (GUIDs)."""

    guid: str
    coding_guids: tuple[str, ...]


@dataclass(frozen=True)
class KeptDecision:
    """A decision taken away with its code, and its consensus codings (GUIDs)."""

    row: KeptRow
    coding_guids: tuple[str, ...]


def _decisions(s: Session, code_id: int) -> list[ConsensusDecisionRow]:
    return list(s.scalars(select(ConsensusDecisionRow).where(ConsensusDecisionRow.code_id == code_id)
                          .order_by(ConsensusDecisionRow.id)))


def _coding_guids(s: Session, coding_ids: Sequence[int]) -> tuple[str, ...]:
    if not coding_ids:
        return ()
    by_id = dict(s.execute(select(CodingRow.id, CodingRow.guid).where(CodingRow.id.in_(coding_ids))).all())
    return tuple(by_id[i] for i in coding_ids if i in by_id)


def _ids_by_guid(s: Session, guids: Sequence[str]) -> dict[str, int]:
    if not guids:
        return {}
    return dict(s.execute(select(CodingRow.guid, CodingRow.id).where(CodingRow.guid.in_(guids))).all())


def _coding_ids(s: Session, guids: Sequence[str]) -> list[int]:
    """The codings still there, in the decision's order."""
    by_guid = _ids_by_guid(s, guids)
    return [by_guid[g] for g in guids if g in by_guid]


def check_can_move(s: Session, source_id: int, target_id: int, source_name: str, target_name: str) -> None:
    """Refuse when both codes hold a decision on the same passage (one would have to go)."""
    taken = {(d.document_id, d.start, d.end, d.unit) for d in _decisions(s, target_id)}
    for d in _decisions(s, source_id):
        if (d.document_id, d.start, d.end, d.unit) in taken:
            title = s.scalar(select(DocumentRow.title).where(DocumentRow.id == d.document_id)) or "a document"
            raise CodeError(f"‘{source_name}’ and ‘{target_name}’ both have a consensus decision on the same "
                            f"passage of ‘{title}’ ({d.unit} {d.start}–{d.end}); undo one of the two decisions "
                            "in the consensus review first")


def note_before_move(s: Session, source_id: int) -> list[MovedDecision]:
    """The source's decisions and their codings, read before any coding moves or is folded."""
    return [MovedDecision(d.guid, _coding_guids(s, json.loads(d.coding_ids))) for d in _decisions(s, source_id)]


def move(s: Session, moving: Sequence[MovedDecision], target_id: int, folded: Mapping[str, int]) -> None:
    """Give the decisions to ``target``; ``folded`` maps a folded coding's GUID to the coding that stays."""
    for m in moving:
        row = s.scalar(select(ConsensusDecisionRow).where(ConsensusDecisionRow.guid == m.guid))
        assert row is not None
        found = {**_ids_by_guid(s, m.coding_guids), **folded}
        ids = [found.get(g) for g in m.coding_guids]
        row.code_id = target_id
        row.coding_ids = json.dumps([i for i in ids if i is not None])
    s.flush()


def move_back(s: Session, moved: Sequence[MovedDecision], from_id: int, to_id: int, what: str) -> None:
    """Undo :func:`move`: each decision returns with its own codings (refused if someone changed it)."""
    for m in moved:
        row = s.scalar(select(ConsensusDecisionRow).where(ConsensusDecisionRow.guid == m.guid))
        if row is None or row.code_id != from_id:
            raise UndoRefused(f"one of the consensus decisions {what} gave away was since changed or undone by "
                              "someone else, so it cannot come back; nothing was changed")
        row.code_id = to_id
        row.coding_ids = json.dumps(_coding_ids(s, m.coding_guids))
    s.flush()


def take_away(s: Session, code_id: int) -> list[KeptDecision]:
    """Remove a code's decisions (its codings are going too), kept for undo."""
    kept = []
    for d in _decisions(s, code_id):
        kept.append(KeptDecision(keep(s, d), _coding_guids(s, json.loads(d.coding_ids))))
        s.delete(d)
    s.flush()
    return kept


def bring_back(s: Session, kept: Sequence[KeptDecision], what: str) -> None:
    """Undo :func:`take_away`, after the code and its codings are back."""
    for k in kept:
        put_back(s, [k.row], what)
        s.execute(ConsensusDecisionRow.__table__.update()  # type: ignore[attr-defined]
                  .where(ConsensusDecisionRow.guid == k.row.guid)
                  .values(coding_ids=json.dumps(_coding_ids(s, k.coding_guids))))
