"""Accepting at the two IPA levels: each PET linked once, and names a researcher need not clean up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from two_levels import TALK, statements_only

from qualcode.core.coding.undo import UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.themes import levels
from qualcode.core.themes.accept import AcceptSuggestion
from qualcode.core.themes.accepted import group_links
from qualcode.core.themes.codes import CodeError
from qualcode.core.themes.roles import ChangeCodeRole
from qualcode.store.schema import CodeRow, ThemeLinkRow


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.qualcode") as p:
        yield p


def _state(project: Project) -> tuple[list, list]:
    with project.read() as s:
        codes = sorted((r.id, r.guid, r.name, r.role, r.parent_id, r.position, r.participant_id)
                       for r in s.scalars(select(CodeRow)))
        links = sorted((r.group_id, r.personal_id) for r in s.scalars(select(ThemeLinkRow)))
    return codes, links


def _pets_of(project: Project, statements: dict[str, int], undo: UndoStack, who: str) -> dict[str, int]:
    """``who``'s statements as a ``statements`` suggestion names them, each PET labelled in a statement's words."""
    lines = TALK[who]
    groups = {g: [name for gg, name, _ in lines if gg == g] for g, _, _ in lines}
    clusters = []
    for names in groups.values():
        clusters.append({"label": names[0], "parent": None, "items": []})
        clusters.append({"label": names[1], "parent": names[0],
                         "items": [{"id": n, "participant": who, "code_id": statements[n]} for n in names]})
    command = AcceptSuggestion({"mode": "statements", "scope": {"participant": who}, "clusters": clusters})
    undo.push(command)
    return {names[0]: next(p.id for p in levels.personal_themes(project, who) if p.name == names[0])
            for names in groups.values()}


def _item(project: Project, pet_id: int) -> dict:
    pet = project.codes.get(pet_id)
    return {"id": pet.name, "participant": levels.participant_names(project)[pet.participant_id or -1],
            "code_id": pet_id}


def test_a_pet_is_named_in_its_statements_words_without_the_participants_name(project: Project) -> None:
    statements = statements_only(project)
    undo = UndoStack(project)
    pets = _pets_of(project, statements, undo, "Maya")
    # The PET keeps the statement's wording; both are there, on their own levels.
    assert set(pets) == {"Targets over people", "Supervision holds me"}
    named = [c for c in project.codes.list() if c.name == "Targets over people"]
    assert sorted(c.role for c in named) == sorted([CodeRole.EMERGENT, CodeRole.PERSONAL])
    assert not [c for c in project.codes.list() if "(Maya)" in c.name or "(theme)" in c.name]


def test_two_participants_pets_may_share_a_name_but_one_participants_may_not(project: Project) -> None:
    statements = statements_only(project)
    undo = UndoStack(project)
    maya = _pets_of(project, statements, undo, "Maya")
    # Tom's PET takes the very name of one of Maya's: a different participant, so not renamed.
    tom_data = {"mode": "statements", "scope": {"participant": "Tom"}, "clusters": [
        {"label": "Targets over people", "parent": None, "items": []},
        {"label": "Counted", "parent": "Targets over people",
         "items": [{"id": "Counting not caring", "participant": "Tom", "code_id": statements["Counting not caring"]}]}]}
    undo.push(AcceptSuggestion(tom_data))
    assert [p.name for p in levels.personal_themes(project, "Tom")] == ["Targets over people"]
    # A name Maya already has among her PETs is numbered, and renaming into one is refused.
    again = {"mode": "statements", "scope": {"participant": "Maya"}, "clusters": [
        {"label": "Targets over people", "parent": None, "items": []},
        {"label": "Figures", "parent": "Targets over people",
         "items": [{"id": "Judged on the figures", "participant": "Maya", "code_id": statements["Judged on the figures"]}]}]}
    undo.push(AcceptSuggestion(again, allow_moves=True))
    assert "Targets over people (2)" in [p.name for p in levels.personal_themes(project, "Maya")]
    with pytest.raises(CodeError, match="already exists"):
        project.codes.rename(maya["Supervision holds me"], "targets over people")
    # Two PETs now share a name: a bare name is refused with their paths, never the first taken quietly.
    from qualcode.core.errors import InvalidValue

    with pytest.raises(InvalidValue, match="codes are called ‘Targets over people’: .*Tom's personal"):
        project.codes.find("Targets over people")


def test_group_themes_link_each_pet_once_at_its_most_specific_place(project: Project) -> None:
    statements = statements_only(project)
    undo = UndoStack(project)
    pets = {who: _pets_of(project, statements, undo, who) for who in TALK}
    before = _state(project)
    numbers = [pets["Maya"]["Targets over people"], pets["Tom"]["Counting not caring"],
               pets["Lee"]["Scores on the wall"]]
    held = [pets["Maya"]["Supervision holds me"], pets["Tom"]["A supervisor who listens"]]
    # As `qualcode suggest --items personal-themes` writes it: every PET on its GET and again on its sub-theme;
    # Lee's PET sits on the GET in no sub-theme, and the second GET has no sub-theme at all.
    data = {"mode": "personal-themes", "clusters": [
        {"label": "Targets over people", "parent": None, "items": [_item(project, p) for p in numbers]},
        {"label": "Counting not caring", "parent": "Targets over people",
         "items": [_item(project, p) for p in numbers[:2]]},
        {"label": "Supervision holds me", "parent": None, "items": [_item(project, p) for p in held]}]}
    command = AcceptSuggestion(data)
    undo.push(command)
    assert command.record is not None
    by_name = {c.name + "/" + c.role.value: c.id for c in project.codes.list()}
    get, sub = by_name["Targets over people/theme"], by_name["Counting not caring/subtheme"]
    second = by_name["Supervision holds me/theme"]  # a GET may share its PET's name: no "(theme)"
    assert _state(project)[1] == sorted([(sub, numbers[0]), (sub, numbers[1]), (get, numbers[2]),
                                         (second, held[0]), (second, held[1])])
    assert "5 personal experiential themes linked" in command.record.summary
    assert command.record.summary.startswith("2 group experiential themes, 1 sub-theme, ")
    assert levels.counts(project).linked_personal_themes == 5
    after = _state(project)
    undo.undo()
    assert _state(project) == before
    undo.redo()
    assert _state(project) == after


def test_a_second_group_theme_of_the_same_name_is_numbered(project: Project) -> None:
    statements = statements_only(project)
    undo = UndoStack(project)
    pet = _pets_of(project, statements, undo, "Maya")["Targets over people"]
    for _ in range(2):
        undo.push(AcceptSuggestion({"mode": "personal-themes", "clusters": [
            {"label": "Performance culture", "parent": None, "items": [_item(project, pet)]}]}))
    assert sorted(g.name for g in levels.group_themes(project)) == ["Performance culture", "Performance culture (2)"]


def test_making_a_code_a_pet_refuses_a_name_its_participant_already_has(project: Project) -> None:
    statements = statements_only(project)
    undo = UndoStack(project)
    _pets_of(project, statements, undo, "Maya")
    holder = project.codes.create("Supervision holds me", CodeRole.THEME)  # beside Maya's PET: another level
    project.codes.move(statements["Someone in my corner"], holder.id)
    before = _state(project)
    with pytest.raises(CodeError, match="already exists"):
        ChangeCodeRole(holder.id, CodeRole.PERSONAL, holder.name).do(project)
    assert _state(project) == before


def test_group_links_rule_by_hand() -> None:
    # GET 1 lists PETs 10, 11, 12; its sub-theme 2 lists 10 and 11, sub-theme 3 lists 11 again (a hand edit).
    assert group_links([(1, [10, 11, 12])], [(1, 2, [10, 11]), (1, 3, [11])]) == [(2, 10), (2, 11), (1, 12)]
    # One PET under two GETs (the researcher's choice) stays under both.
    assert group_links([(1, [10]), (4, [10])], []) == [(1, 10), (4, 10)]
