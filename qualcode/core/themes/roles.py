"""Changing what a code is (code, emergent theme, sub-theme, superordinate theme), undoably.

IPA analysis promotes emergent themes to sub-themes and codes to themes as
clusters form; the change is a command like every other edit, so it shows
as ``Undo Make “…” a sub-theme``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qualcode.core.model import CodeRole

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass
class ChangeCodeRole:
    code_id: int
    role: CodeRole
    code_name: str
    old: CodeRole | None = None
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Make “{self.code_name}” a {CodeRole(self.role).label.lower()}"

    def do(self, project: Project) -> None:
        self.old = project.codes.get(self.code_id).role
        project.codes.update(self.code_id, role=self.role)

    def undo(self, project: Project) -> None:
        assert self.old is not None
        project.codes.update(self.code_id, role=self.old)
