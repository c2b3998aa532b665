"""Participants (cases) and respondents, with typed attributes."""

from __future__ import annotations

import builtins  # the service's own list() method shadows the builtin in annotations
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.model import Participant
from qualcode.store.schema import AttributeRow, AttributeValueRow, ParticipantRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

ATTRIBUTE_TYPES = ("text", "number", "category", "date")


def parse_attribute(value: str | None, type_: str) -> object:
    """A stored attribute string as its typed value (None when empty)."""
    if value is None or value == "":
        return None
    if type_ == "number":
        number = float(value)
        return int(number) if number.is_integer() else number
    if type_ == "date":
        return date.fromisoformat(value[:10])
    return value


class ParticipantService:
    def __init__(self, project: Project) -> None:
        self._p = project

    def ensure_in(self, s: Session, pseudonym: str, kind: str = "participant") -> ParticipantRow:
        """The participant called ``pseudonym``, added if new.

        Two imports may name the same new participant at once: the write
        transaction is taken first (see :mod:`qualcode.store.writing`), and
        should another writer still have added it (a server database), the
        insert is taken back to its savepoint and the row read again.
        """
        row = s.scalar(select(ParticipantRow).where(ParticipantRow.pseudonym == pseudonym))
        if row is not None:
            return row
        try:
            with s.begin_nested():
                row = ParticipantRow(pseudonym=pseudonym, kind=kind)
                s.add(row)
                s.flush()
        except IntegrityError:
            found = s.scalar(select(ParticipantRow).where(ParticipantRow.pseudonym == pseudonym))
            if found is None:
                raise
            return found
        self._p.audit(s, "add participant", "participant", row.id, {"pseudonym": pseudonym})
        return row

    def ensure(self, pseudonym: str, kind: str = "participant") -> Participant:
        with self._p.transaction() as s:
            row = self.ensure_in(s, pseudonym, kind)
            result = Participant(row.id, row.guid, row.pseudonym, row.kind)
        self._p.emit(events.PARTICIPANTS_CHANGED)
        return result

    def define_attribute_in(self, s: Session, name: str, type_: str = "text") -> AttributeRow:
        if type_ not in ATTRIBUTE_TYPES:
            raise InvalidValue(f"‘{type_}’ is not an attribute type; choose one of {', '.join(ATTRIBUTE_TYPES)}")
        row = s.scalar(select(AttributeRow).where(AttributeRow.name == name))
        if row is None:
            row = AttributeRow(name=name, type=type_)
            s.add(row)
            s.flush()
        return row

    def set_attributes_in(self, s: Session, participant_id: int, values: Mapping[str, object],
                          types: Mapping[str, str] | None = None) -> None:
        for name, value in values.items():
            attr = self.define_attribute_in(s, name, (types or {}).get(name, "text"))
            text = None if value is None else (value.isoformat() if isinstance(value, date) else str(value))
            s.merge(AttributeValueRow(participant_id=participant_id, attribute_id=attr.id, value=text))

    def set_attributes(self, pseudonym: str, values: dict[str, object],
                       types: dict[str, str] | None = None) -> None:
        with self._p.transaction() as s:
            row = self.ensure_in(s, pseudonym)
            self.set_attributes_in(s, row.id, values, types)
            self._p.audit(s, "set attributes", "participant", row.id,
                          {k: str(v) for k, v in values.items()})
        self._p.emit(events.PARTICIPANTS_CHANGED)

    def list(self, kind: str | None = None) -> list[Participant]:
        with self._p.read() as s:
            q = select(ParticipantRow).order_by(ParticipantRow.pseudonym)
            if kind:
                q = q.where(ParticipantRow.kind == kind)
            rows = list(s.scalars(q))
            attrs = self._attributes(s, [r.id for r in rows])
            return [Participant(r.id, r.guid, r.pseudonym, r.kind, attrs.get(r.id, {})) for r in rows]

    def get(self, pseudonym: str) -> Participant:
        with self._p.read() as s:
            row = s.scalar(select(ParticipantRow).where(ParticipantRow.pseudonym == pseudonym))
            if row is None:
                raise NotFound(f"no participant called ‘{pseudonym}’ in this project")
            return Participant(row.id, row.guid, row.pseudonym, row.kind,
                               self._attributes(s, [row.id]).get(row.id, {}))

    def attribute_types(self) -> dict[str, str]:
        with self._p.read() as s:
            return {r.name: r.type for r in s.scalars(select(AttributeRow).order_by(AttributeRow.id))}

    def _attributes(self, s: Session, ids: builtins.list[int]) -> dict[int, dict[str, object]]:
        out: dict[int, dict[str, object]] = {}
        for i in range(0, len(ids), 500):
            rows = s.execute(
                select(AttributeValueRow.participant_id, AttributeRow.name, AttributeRow.type,
                       AttributeValueRow.value)
                .join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                .where(AttributeValueRow.participant_id.in_(ids[i:i + 500]))
            )
            for pid, name, type_, value in rows:
                out.setdefault(pid, {})[name] = parse_attribute(value, type_)
        return out
