"""The analysis as its tables show it: group themes → their parts → each participant's themes → statements.

An IPA thesis reports both levels (Smith, Flowers & Larkin 2022): for each
participant their personal experiential themes (PETs) with the statements
under them, and across participants the group experiential themes (GETs)
whose sub-themes gather PETs by link (:mod:`qualcode.core.themes.levels`).
Reports must not walk the code tree alone — a GET made by accepting
suggested group themes holds no code below it, only links — nor the links
alone: a project analysed before the two levels existed (or in one level by
choice) has its statements straight under the themes or their sub-themes.
This module reads both ways once, so the master table, the theme table and
the recurrence table agree on what a theme holds.  Pure reading, Qt-free.

A *part* is what a table shows under a group theme: each of its sub-themes,
and the theme itself when something sits on it directly (statements placed
straight under it, PETs linked to it, passages coded with it) or when it has
no sub-themes at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import Code, CodeRole
from qualcode.core.themes.levels import links, participant_names
from qualcode.store.schema import CodingRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class Statement:
    """A statement (or any code) inside a PET, with the PET sub-theme it sits in (None: straight under the PET)."""

    code: Code
    sub_theme: Code | None


@dataclass(frozen=True)
class PersonalPart:
    """A PET of one participant: its statements, and every code whose passages are its quotes."""

    code: Code
    participant: str | None  # the pseudonym; None for a PET nobody owns yet
    statements: tuple[Statement, ...]
    code_ids: tuple[int, ...]  # the PET, its sub-themes and statements

    @property
    def has_sub_themes(self) -> bool:
        return any(s.sub_theme is not None for s in self.statements)


@dataclass(frozen=True)
class GroupPart:
    """A sub-theme of a group theme (or the theme itself): the PETs linked to it and the codes below it.

    Linked PETs come participant by participant (by pseudonym), as the master table lists them.
    """

    code: Code
    personal: tuple[PersonalPart, ...]  # linked PETs, in codebook order
    code_ids: tuple[int, ...]  # codes in the tree under this part (older one-level projects: statements)
    is_theme: bool  # the group theme itself, not one of its sub-themes

    @property
    def owners(self) -> frozenset[str]:
        """The participants whose PETs are linked here."""
        return frozenset(p.participant for p in self.personal if p.participant)


@dataclass(frozen=True)
class GroupTheme:
    code: Code
    parts: tuple[GroupPart, ...]


def _tree(codes: list[Code]) -> dict[int | None, list[Code]]:
    kids: dict[int | None, list[Code]] = {}
    for c in codes:
        kids.setdefault(c.parent_id, []).append(c)
    return kids


def _below(code_id: int, kids: dict[int | None, list[Code]]) -> list[int]:
    out = [code_id]
    for c in kids.get(code_id, []):
        out.extend(_below(c.id, kids))
    return out


def _personal(pet: Code, kids: dict[int | None, list[Code]], names: dict[int, str]) -> PersonalPart:
    statements: list[Statement] = []
    for child in kids.get(pet.id, []):
        if kids.get(child.id):  # a PET sub-theme: its statements sit under it
            statements += [Statement(c, child) for c in _walk(child.id, kids)]
        else:
            statements.append(Statement(child, None))
    owner = names.get(pet.participant_id) if pet.participant_id is not None else None
    return PersonalPart(pet, owner, tuple(statements), tuple(_below(pet.id, kids)))


def _walk(code_id: int, kids: dict[int | None, list[Code]]) -> list[Code]:
    """Every code below ``code_id`` (not itself), depth first, in codebook order."""
    out: list[Code] = []
    for c in kids.get(code_id, []):
        out.append(c)
        out.extend(_walk(c.id, kids))
    return out


def personal_outline(project: Project, participant: str | None = None) -> list[PersonalPart]:
    """Every PET with its statements — participant by participant (by pseudonym), then in codebook order.

    Only ``participant``'s PETs when a pseudonym is given.
    """
    codes = project.codes.list()
    kids, names = _tree(codes), participant_names(project)
    pets = [_personal(c, kids, names) for c in codes if c.role == CodeRole.PERSONAL]
    if participant is not None:
        pets = [p for p in pets if p.participant == participant]
    order = {id(p): i for i, p in enumerate(pets)}
    return sorted(pets, key=lambda p: (p.participant is None, (p.participant or "").casefold(), order[id(p)]))


def group_outline(project: Project) -> list[GroupTheme]:
    """Every top-level code except PETs, with its parts, in codebook order.

    Codes that are not themes (an unplaced statement, a plain code) stand as
    a theme of their own, as they always have in the master table, so no
    quote is ever lost from it.
    """
    codes = project.codes.list()
    kids, names = _tree(codes), participant_names(project)
    pets = {c.id: _personal(c, kids, names) for c in codes if c.role == CodeRole.PERSONAL}
    order = {pet: i for i, pet in enumerate(pets)}
    linked = links(project)
    with project.read() as s:
        coded = set(s.scalars(select(CodingRow.code_id).distinct()))

    def linked_to(code_id: int) -> tuple[PersonalPart, ...]:
        mine = [pets[p] for p in linked.get(code_id, []) if p in pets]
        return tuple(sorted(mine, key=lambda p: ((p.participant or "").casefold(), order[p.code.id])))

    out = []
    for root in kids.get(None, []):
        if root.role == CodeRole.PERSONAL:
            continue
        children = kids.get(root.id, [])
        # Statements straight under the theme belong to the theme's own part, not a sub-theme each.
        direct = [c for c in children if c.role == CodeRole.EMERGENT]
        subs = [c for c in children if c.role != CodeRole.EMERGENT]
        own = (root.id, *(i for c in direct for i in _below(c.id, kids)))
        parts = [GroupPart(s, linked_to(s.id), tuple(_below(s.id, kids)), False) for s in subs]
        # A PET linked to the theme and to one of its sub-themes (as an accepted suggestion links the
        # theme's items) is shown once, under the sub-theme.
        in_subs = {p.code.id for part in parts for p in part.personal}
        on_theme = tuple(p for p in linked_to(root.id) if p.code.id not in in_subs)
        if not subs or direct or on_theme:
            parts.insert(0, GroupPart(root, on_theme, own, True))
        elif root.id in coded:  # passages coded with the theme itself, beside its sub-themes
            parts.insert(0, GroupPart(root, (), (root.id,), True))
        out.append(GroupTheme(root, tuple(parts)))
    return out
