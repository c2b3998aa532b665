"""Changing what a code is (code, emergent theme, sub-theme, superordinate theme, personal theme), undoably.

IPA analysis promotes emergent themes to sub-themes and codes to themes as
clusters form; the change is a command like every other edit, so it shows
as ``Undo Make “…” a sub-theme``.  A code made a personal experiential
theme (PET) belongs to one participant: when everything coded under it
comes from one participant's transcripts, it becomes theirs in the same
step (otherwise it belongs to no one yet, and
:func:`qualcode.core.themes.levels.level_report` says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core import events
from qualcode.core.model import CodeRole
from qualcode.core.themes.codes import check_sibling_name, code_row
from qualcode.store.schema import CodingRow, DocumentRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass
class ChangeCodeRole:
    code_id: int
    role: CodeRole
    code_name: str
    old: CodeRole | None = field(default=None, init=False)  # the role before, set once the change is saved
    old_owner: int | None = field(default=None, init=False)  # the participant before (PETs)

    @property
    def label(self) -> str:
        return f"Make “{self.code_name}” a {CodeRole(self.role).label.lower()}"

    def do(self, project: Project) -> None:
        below = project.codes.descendants(self.code_id)
        with project.transaction() as s:
            row = code_row(s, self.code_id)
            old, old_owner = CodeRole(row.role), row.participant_id
            row.role = CodeRole(self.role).value
            if self.role == CodeRole.PERSONAL and row.participant_id is None:
                owners = set(s.scalars(select(DocumentRow.participant_id)
                                       .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
                                       .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
                                       .where(CodingRow.code_id.in_(below))))
                if len(owners) == 1:
                    row.participant_id = owners.pop()
            # A name free on the old level may be taken on the new one (two of Maya's PETs alike).
            check_sibling_name(s, row.name, row.parent_id, row.id, row.role, row.participant_id)
            project.audit(s, "edit code", "code", self.code_id,
                          {"before": {"role": old.value, "participant": old_owner}})
        self.old, self.old_owner = old, old_owner
        project.emit(events.CODES_CHANGED, (self.code_id,))

    def undo(self, project: Project) -> None:
        assert self.old is not None
        with project.transaction() as s:
            row = code_row(s, self.code_id)
            project.audit(s, "edit code", "code", self.code_id,
                          {"before": {"role": row.role, "participant": row.participant_id}})
            row.role, row.participant_id = self.old.value, self.old_owner
        project.emit(events.CODES_CHANGED, (self.code_id,))
