"""Codes and themes: the codebook and its hierarchy.

One table holds superordinate themes, sub-themes, codes and emergent themes;
``role`` says which.  Names are unique among siblings (case-insensitive), so
a path like ``Workload/Caseload size`` names one code.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import InvalidValue, NotFound, QualcodeError
from qualcode.core.model import Code, CodeRole
from qualcode.core.themes.naming import clashing_sibling
from qualcode.store.schema import CodeRow

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.core.themes.removal import DeleteRecord, MergeRecord, RemovedCode

# Tableau 10: distinct, print-friendly, readable under dark text.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")

DETAIL_FIELDS = ("description", "inclusion", "exclusion", "example")


class CodeError(QualcodeError):
    """A code change that would break the codebook, worded for the researcher."""


def to_code(row: CodeRow) -> Code:
    return Code(row.id, row.guid, row.name, CodeRole(row.role), row.colour, row.parent_id,
                row.position, row.description, row.inclusion, row.exclusion, row.example,
                row.participant_id)


def code_row(s: Session, code_id: int) -> CodeRow:
    """The code's row, or a refusal worded for the researcher when it has gone."""
    row = s.get(CodeRow, code_id)
    if row is None:
        raise CodeError("that code no longer exists")
    return row


def check_sibling_name(s: Session, name: str, parent_id: int | None, own_id: int | None,
                       role: CodeRole | str | None = None, participant_id: int | None = None) -> None:
    """Refuse a name a sibling on the same level already has (case-insensitively).

    The levels are :mod:`qualcode.core.themes.naming`'s: a group theme may share
    a PET's name, a PET a statement's; without ``role`` every sibling counts.
    """
    sib = clashing_sibling(s, name, parent_id, own_id, role, participant_id)
    if sib is not None:
        where = "at the top level" if parent_id is None else "under the same parent"
        raise CodeError(f"a code called ‘{sib.name}’ already exists {where}")


class CodeService:
    def __init__(self, project: Project) -> None:
        self._p = project

    # -- reading -------------------------------------------------------------------
    def list(self) -> list[Code]:
        """Every code, parents before children, siblings in their order."""
        with self._p.read() as s:
            rows = list(s.scalars(select(CodeRow).order_by(CodeRow.position, CodeRow.id)))
        by_parent: dict[int | None, list[CodeRow]] = {}
        for r in rows:
            by_parent.setdefault(r.parent_id, []).append(r)
        out: list[Code] = []

        def walk(parent: int | None) -> None:
            for r in by_parent.get(parent, []):
                out.append(to_code(r))
                walk(r.id)

        walk(None)
        return out

    def get(self, code_id: int) -> Code:
        with self._p.read() as s:
            row = s.get(CodeRow, code_id)
            if row is None:
                raise NotFound(f"no code {code_id} in this project (it may have been deleted)")
            return to_code(row)

    def children(self, code_id: int | None) -> builtins.list[Code]:
        with self._p.read() as s:
            rows = s.scalars(select(CodeRow).where(CodeRow.parent_id.is_(None) if code_id is None
                                                    else CodeRow.parent_id == code_id)
                             .order_by(CodeRow.position, CodeRow.id))
            return [to_code(r) for r in rows]

    def descendants(self, code_id: int) -> builtins.list[int]:
        """``code_id`` and every code below it."""
        codes = self.list()
        kids: dict[int | None, list[int]] = {}
        for c in codes:
            kids.setdefault(c.parent_id, []).append(c.id)
        out, stack = [], [code_id]
        while stack:
            cid = stack.pop()
            out.append(cid)
            stack.extend(kids.get(cid, []))
        return out

    def _owner(self, code: Code) -> str:
        """" (Tom's personal theme)" for a PET: two participants' PETs may share a name and a path."""
        if code.role != CodeRole.PERSONAL or code.participant_id is None:
            return ""
        from qualcode.store.schema import ParticipantRow

        with self._p.read() as s:
            who = s.scalar(select(ParticipantRow.pseudonym).where(ParticipantRow.id == code.participant_id))
        return f" ({who}'s personal theme)" if who else ""

    def path(self, code_id: int) -> builtins.list[str]:
        names, current = [], self.get(code_id)
        while True:
            names.append(current.name)
            if current.parent_id is None:
                return names[::-1]
            current = self.get(current.parent_id)

    def find(self, name_or_path: str, role: CodeRole | None = None) -> Code | None:
        """A code by name (``Caseload size``) or path (``Workload/Caseload size``).

        A bare name that several codes share (a PET and the GET named after
        it, two participants' PETs) is refused with their paths, unless
        ``role`` narrows it to one: picking the first would quietly act on
        the wrong theme.
        """
        parts = [p.strip() for p in name_or_path.split("/") if p.strip()]
        codes = self.list()
        if len(parts) > 1:
            parent: int | None = None
            found = None
            for part in parts:
                found = next((c for c in codes if c.parent_id == parent
                              and c.name.casefold() == part.casefold()), None)
                if found is None:
                    return None
                parent = found.id
            return found
        matches = [c for c in codes if c.name.casefold() == name_or_path.strip().casefold()
                   and (role is None or c.role == role)]
        if len(matches) > 1:
            paths = "; ".join("/".join(self.path(c.id)) + self._owner(c) for c in matches[:5])
            raise InvalidValue(f"{len(matches)} codes are called ‘{name_or_path.strip()}’: {paths} — "
                               "give the path of the one you mean")
        return matches[0] if matches else None

    @staticmethod
    def child_named_in(s: Session, parent_id: int | None, name: str) -> CodeRow | None:
        """The code called ``name`` (case-insensitively) directly under ``parent_id``."""
        q = select(CodeRow).where(CodeRow.parent_id.is_(None) if parent_id is None
                                  else CodeRow.parent_id == parent_id)
        return next((r for r in s.scalars(q) if r.name.casefold() == name.strip().casefold()), None)

    # -- creating and editing ------------------------------------------------------
    def create(self, name: str, role: CodeRole | str = CodeRole.CODE, parent_id: int | None = None,
               colour: str | None = None, **details: str) -> Code:
        with self._p.transaction() as s:
            row = self.create_in(s, name, role, parent_id, colour, **details)
            code = to_code(row)
        self._p.emit(events.CODES_CHANGED, (code.id,))
        return code

    def create_in(self, s: Session, name: str, role: CodeRole | str = CodeRole.CODE,
                  parent_id: int | None = None, colour: str | None = None, guid: str | None = None,
                  **details: str) -> CodeRow:
        name = name.strip()
        if not name:
            raise CodeError("a code needs a name")
        role = CodeRole(role)
        if parent_id is not None and s.get(CodeRow, parent_id) is None:
            raise CodeError("the parent code no longer exists")
        self._check_sibling_name(s, name, parent_id, None, role)
        unknown = set(details) - set(DETAIL_FIELDS)
        if unknown:
            raise CodeError(f"unknown code fields: {', '.join(sorted(unknown))}")
        count = s.scalar(select(func.count(CodeRow.id))) or 0
        position = (s.scalar(select(func.max(CodeRow.position)).where(
            CodeRow.parent_id.is_(None) if parent_id is None else CodeRow.parent_id == parent_id)) or 0) + 1
        if colour is None and parent_id is not None:
            colour = s.scalar(select(CodeRow.colour).where(CodeRow.id == parent_id))
        row = CodeRow(name=name, role=role.value, parent_id=parent_id,
                      colour=colour or PALETTE[count % len(PALETTE)], position=position,
                      **({"guid": guid} if guid else {}), **details)
        s.add(row)
        s.flush()
        self._p.audit(s, "create code", "code", row.id,
                      {"name": name, "role": role.value, "parent": parent_id})
        return row

    def rename(self, code_id: int, name: str) -> Code:
        name = name.strip()
        if not name:
            raise CodeError("a code needs a name")
        with self._p.transaction() as s:
            row = self._row(s, code_id)
            self._check_sibling_name(s, name, row.parent_id, code_id, row.role, row.participant_id)
            self._p.audit(s, "rename code", "code", code_id, {"from": row.name, "to": name})
            row.name = name
            code = to_code(row)
        self._p.emit(events.CODES_CHANGED, (code_id,))
        return code

    def recolour(self, code_id: int, colour: str) -> Code:
        if not (colour.startswith("#") and len(colour) in (7, 9)):
            raise CodeError(f"‘{colour}’ is not a colour like #4e79a7")
        with self._p.transaction() as s:
            row = self._row(s, code_id)
            self._p.audit(s, "recolour code", "code", code_id, {"from": row.colour, "to": colour})
            row.colour = colour
            code = to_code(row)
        self._p.emit(events.CODES_CHANGED, (code_id,))
        return code

    def update(self, code_id: int, role: CodeRole | str | None = None, **details: str) -> Code:
        """Change the definition fields (description, inclusion, exclusion, example) or role."""
        unknown = set(details) - set(DETAIL_FIELDS)
        if unknown:
            raise CodeError(f"unknown code fields: {', '.join(sorted(unknown))}")
        with self._p.transaction() as s:
            row = self._row(s, code_id)
            before = {k: getattr(row, k) for k in details}
            for key, value in details.items():
                setattr(row, key, value or "")
            if role is not None:
                before["role"] = row.role
                row.role = CodeRole(role).value
            self._p.audit(s, "edit code", "code", code_id, {"before": before})
            code = to_code(row)
        self._p.emit(events.CODES_CHANGED, (code_id,))
        return code

    def move(self, code_id: int, new_parent_id: int | None, position: int | None = None) -> Code:
        """Reparent a code (and everything under it); refuses to create a loop."""
        with self._p.transaction() as s:
            row = self._row(s, code_id)
            if new_parent_id is not None:
                ancestor: int | None = new_parent_id
                while ancestor is not None:
                    if ancestor == code_id:
                        raise CodeError(f"‘{row.name}’ cannot go inside itself or one of its own sub-codes")
                    parent_row = s.get(CodeRow, ancestor)
                    if parent_row is None:
                        raise CodeError("the new parent code no longer exists")
                    ancestor = parent_row.parent_id
            self._check_sibling_name(s, row.name, new_parent_id, code_id, row.role, row.participant_id)
            self._p.audit(s, "move code", "code", code_id,
                          {"from_parent": row.parent_id, "to_parent": new_parent_id,
                           "from_position": row.position})
            row.parent_id = new_parent_id
            if position is None:
                position = (s.scalar(select(func.max(CodeRow.position)).where(
                    CodeRow.parent_id.is_(None) if new_parent_id is None
                    else CodeRow.parent_id == new_parent_id)) or 0) + 1
            row.position = position
            code = to_code(row)
        self._p.emit(events.CODES_CHANGED, (code_id,))
        return code

    # -- merging and deleting (the steps and their undo records: removal.py) ----------
    def merge(self, source_id: int, target_id: int) -> MergeRecord:
        """Merge ``source`` into ``target``: every coding moves, nothing is lost.

        The source's sub-codes move under the target; a segment already coded
        with the target by the same coder keeps a single coding.
        """
        from qualcode.core.themes.removal import merge_in

        with self._p.transaction() as s:
            record = merge_in(self._p, s, source_id, target_id)
        self._codebook_changed()
        return record

    def unmerge(self, record: MergeRecord) -> int:
        """Undo a merge exactly: the source code returns with its own codings; returns its id.

        Refused, changing nothing, when someone else changed the same rows
        since (see :mod:`qualcode.core.themes.removal`).
        """
        from qualcode.core.themes.removal import unmerge_in

        with self._p.transaction() as s:
            code_id = unmerge_in(self._p, s, record)
        self._codebook_changed()
        return code_id

    def delete(self, code_id: int, codings: str = "delete") -> DeleteRecord:
        """Delete a code.  ``codings`` says what happens to its codings:

        ``"delete"`` removes them; ``"parent"`` moves them to the parent code.
        Sub-codes always move up to the deleted code's parent.
        """
        from qualcode.core.themes.removal import delete_in

        with self._p.transaction() as s:
            record = delete_in(self._p, s, code_id, codings)
        self._codebook_changed()
        return record

    def undelete(self, record: DeleteRecord) -> int:
        """Undo a delete exactly: the code, its codings, sub-codes and memos return; returns its id.

        Its id is the old one unless another writer has taken it since.
        """
        from qualcode.core.themes.removal import undelete_in

        with self._p.transaction() as s:
            code_id = undelete_in(self._p, s, record)
        self._codebook_changed()
        return code_id

    def delete_created(self, code_id: int) -> RemovedCode:
        """Remove a code that has just been created (undo of a create)."""
        from qualcode.core.themes.removal import delete_created_in

        with self._p.transaction() as s:
            removed = delete_created_in(self._p, s, code_id)
        self._p.emit(events.CODES_CHANGED)
        return removed

    def _codebook_changed(self) -> None:
        self._p.emit(events.CODES_CHANGED)
        self._p.emit(events.CODINGS_CHANGED)

    _row = staticmethod(code_row)
    _check_sibling_name = staticmethod(check_sibling_name)

