"""Changing what a code is (code, emergent theme, sub-theme, superordinate theme), undoably.

IPA analysis promotes emergent themes to sub-themes and codes to themes as
clusters form; the change is a command like every other edit, so it shows
as ``Undo Make “…” a sub-theme``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qualcode.core.model import CodeRole

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass
class ChangeCodeRole:
    code_id: int
    role: CodeRole
    code_name: str
    old: CodeRole | None = field(default=None, init=False)  # the role before, set once the change is saved

    @property
    def label(self) -> str:
        return f"Make “{self.code_name}” a {CodeRole(self.role).label.lower()}"

    def do(self, project: Project) -> None:
        old = project.codes.get(self.code_id).role
        project.codes.update(self.code_id, role=self.role)
        self.old = old

    def undo(self, project: Project) -> None:
        assert self.old is not None
        project.codes.update(self.code_id, role=self.old)
