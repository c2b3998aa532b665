"""A later participant's personal themes placed under the group themes already there.

IPA does not always finish every case before looking across: a seventh
interview arrives after the group experiential themes (GETs) were agreed.
Its personal themes (PETs) are then placed one by one under the existing
GETs rather than suggested afresh.  For each PET in no GET yet,
:func:`placement_suggestions` ranks the places a PET can be linked to — a
GET's sub-theme, or a GET without sub-themes (the recurrence rule counts a
GET through its sub-themes when it has any, :mod:`.recurrence`) — by how
alike the PET is to the PETs already there.  The researcher links one with
a click (:class:`LinkPersonalTheme`, undoable); nothing is linked for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select

from qualcode.core import events
from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.model import Code, CodeRole
from qualcode.core.progress import IsCancelled, Progress
from qualcode.store.schema import CodeRow, ThemeLinkRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.core.project import Project

TOP = 3


@dataclass(frozen=True)
class Place:
    """Where a PET can be linked: a GET, or one of its sub-themes (``name`` says “GET › sub-theme”)."""

    code_id: int
    name: str
    score: float  # cosine of the PET to the mean of the PETs already there (their names if none)


@dataclass(frozen=True)
class Placement:
    """A PET in no group theme yet, and the best places for it, best first."""

    personal_id: int
    personal_theme: str
    participant: str | None
    places: tuple[Place, ...]


def places(project: Project) -> list[Code]:
    """What a PET can be linked to: each GET's sub-themes, or the GET itself when it has none."""
    from qualcode.core.themes.levels import group_themes

    out: list[Code] = []
    for get in group_themes(project):
        subs = [c for c in project.codes.children(get.id) if c.role == CodeRole.SUBTHEME]
        out += subs or [get]
    return out


def place_name(project: Project, code: Code) -> str:
    """``GET › sub-theme`` for a sub-theme, the GET's own name otherwise."""
    if code.parent_id is None:
        return code.name
    return f"{project.codes.get(code.parent_id).name} › {code.name}"


def unplaced_personal_themes(project: Project) -> list[Code]:
    """The PETs no group theme (nor its sub-theme) links yet, in codebook order."""
    from qualcode.core.themes.levels import links, personal_themes

    linked = {pet for pets in links(project).values() for pet in pets}
    return [p for p in personal_themes(project) if p.id not in linked]


def rank_places(personal: np.ndarray, targets: dict[int, np.ndarray], top: int = TOP) -> list[tuple[int, float]]:
    """The ``top`` targets nearest a PET's vector: ``[(target id, cosine)]``, best first.

    ``targets`` maps each place to the vectors of what is there (one row per
    PET); a place is as near as the mean of its rows' directions, so a place
    with many PETs is not favoured for its size.  Ties keep the given order.
    """
    def unit(m: np.ndarray) -> np.ndarray:
        m = np.atleast_2d(np.asarray(m, dtype=float))
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return m / norms

    me = unit(personal)[0]
    scored = []
    for order, (key, rows) in enumerate(targets.items()):
        if np.asarray(rows).size == 0:
            continue
        centre = unit(rows).mean(axis=0)
        norm = float(np.linalg.norm(centre))
        scored.append((key, float(me @ centre / norm) if norm else 0.0, order))
    scored.sort(key=lambda t: (-t[1], t[2]))
    return [(key, round(score, 4)) for key, score, _ in scored[:top]]


def placement_suggestions(project: Project, backend: str = "minilm", top: int = TOP,
                          progress: Progress | None = None,
                          is_cancelled: IsCancelled | None = None) -> list[Placement]:
    """For each PET in no group theme yet, the ``top`` places most like it (``[]`` when none or nowhere).

    A PET reads as its name, its statements' names and their quotes (as when
    group themes are suggested); a place as the PETs linked to it, or its
    name while nothing is linked.  Vectors go through the project's cache.
    """
    from qualcode.core.themes.levels import links, participant_names
    from qualcode.core.themes.suggestions import embed, personal_theme_items

    unplaced = {p.id for p in unplaced_personal_themes(project)}
    targets = places(project)
    if not unplaced or not targets:
        return []
    sources = {s.code_id: s for s in personal_theme_items(project).sources if s.code_id is not None}
    linked = links(project)
    empty = [t for t in targets if not linked.get(t.id)]
    pet_ids = list(sources)
    texts = [sources[i].text for i in pet_ids] + [place_name(project, t) for t in empty]
    vectors, _label = embed(project, texts, backend, progress, is_cancelled)
    row = {pid: vectors[i] for i, pid in enumerate(pet_ids)}
    by_name = {t.id: vectors[len(pet_ids) + i] for i, t in enumerate(empty)}
    rows = {t.id: np.vstack([row[p] for p in linked[t.id] if p in row]) if linked.get(t.id) else by_name[t.id][None, :]
            for t in targets}
    names = {t.id: place_name(project, t) for t in targets}
    who = participant_names(project)
    out = []
    for pid in pet_ids:
        if pid not in unplaced:
            continue
        ranked = rank_places(row[pid], rows, top)
        pet = project.codes.get(pid)
        out.append(Placement(pid, pet.name, who.get(pet.participant_id or -1),
                             tuple(Place(key, names[key], score) for key, score in ranked)))
    return out


@dataclass
class LinkPersonalTheme:
    """Link a PET to a group theme (or its sub-theme): nothing moves; undo removes just this link."""

    group_id: int
    personal_id: int

    @property
    def label(self) -> str:
        return f"Place ‘{self._names[1]}’ under ‘{self._names[0]}’"

    def __post_init__(self) -> None:
        self._names = ("group theme", "personal theme")

    def do(self, project: Project) -> None:
        with project.transaction() as s:
            group, personal = s.get(CodeRow, self.group_id), s.get(CodeRow, self.personal_id)
            if group is None or personal is None:
                raise NotFound("that theme is no longer in the project; nothing was linked")
            if personal.role != CodeRole.PERSONAL.value:
                raise InvalidValue(f"‘{personal.name}’ is not a personal theme, so it cannot be placed "
                                   "under a group theme")
            if group.role not in (CodeRole.THEME.value, CodeRole.SUBTHEME.value) or _top_role(s, group) \
                    != CodeRole.THEME.value:
                raise InvalidValue(f"‘{group.name}’ is not a group theme or one of its sub-themes")
            if s.get(ThemeLinkRow, (self.group_id, self.personal_id)) is not None:
                raise InvalidValue(f"‘{personal.name}’ is already under ‘{group.name}’")
            s.add(ThemeLinkRow(group_id=self.group_id, personal_id=self.personal_id))
            self._names = (group.name, personal.name)
            project.audit(s, "link personal theme", "code", self.group_id,
                          {"personal": self.personal_id, "personal_name": personal.name})
        project.emit(events.CODES_CHANGED, (self.group_id, self.personal_id))

    def undo(self, project: Project) -> None:
        with project.transaction() as s:
            link = s.get(ThemeLinkRow, (self.group_id, self.personal_id))
            if link is not None:
                s.delete(link)
            project.audit(s, "unlink personal theme", "code", self.group_id,
                          {"personal": self.personal_id, "personal_name": self._names[1]})
        project.emit(events.CODES_CHANGED, (self.group_id, self.personal_id))


def _top_role(s: Session, row: CodeRow) -> str:
    while row.parent_id is not None:
        parent = s.get(CodeRow, row.parent_id)
        if parent is None:
            break
        row = parent
    return str(row.role)


def placed_under(project: Project, personal_ids: Sequence[int]) -> dict[int, list[int]]:
    """Each of these PETs → the places that link it now (empty list: in no group theme)."""
    with project.read() as s:
        out: dict[int, list[int]] = {p: [] for p in personal_ids}
        for g, p in s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id)
                              .where(ThemeLinkRow.personal_id.in_(list(personal_ids)))):
            out[p].append(g)
        return out
