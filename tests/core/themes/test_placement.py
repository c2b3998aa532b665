"""A later participant's PETs placed under the group themes already there: ranked, linked by a click, undone."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select
from two_levels import with_group_themes

from qualcode.core.errors import QualcodeError
from qualcode.core.themes import levels
from qualcode.core.themes.placement import (
    LinkPersonalTheme,
    placement_suggestions,
    places,
    rank_places,
    unplaced_personal_themes,
)
from qualcode.store.schema import CodeRow, ThemeLinkRow


def _state(project) -> tuple[list, list]:
    with project.read() as s:
        codes = sorted((r.id, r.name, r.role, r.parent_id, r.position, r.participant_id)
                       for r in s.scalars(select(CodeRow)))
        links = sorted((r.group_id, r.personal_id) for r in s.scalars(select(ThemeLinkRow)))
    return codes, links


def test_rank_places_by_the_mean_direction_of_what_is_there() -> None:
    east, north = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    targets = {10: np.vstack([east, east * 5, np.array([0.9, 0.1])]),  # many rows, long ones: not favoured for that
               20: north[None, :],
               30: np.vstack([np.array([0.7, 0.7])]),
               40: np.zeros((0, 2))}  # nothing there: cannot be scored
    ranked = rank_places(np.array([0.1, 1.0]), targets)
    assert [key for key, _ in ranked] == [20, 30, 10]
    assert ranked[0][1] == pytest.approx(1.0 / np.hypot(0.1, 1.0), abs=1e-4)
    assert [key for key, _ in rank_places(np.array([1.0, 0.05]), targets, top=2)] == [10, 30]
    assert rank_places(east, {}) == []


def test_only_pets_in_no_group_theme_are_offered_with_the_nearest_places_first(project) -> None:
    built = with_group_themes(project)
    lee = built["pets"]["Lee"]
    assert {p.id for p in unplaced_personal_themes(project)} == set(lee.values())
    assert [p.id for p in places(project)] == [built["gets"]["Numbers"][1], built["gets"]["Held"][1]]

    offered = {p.personal_id: p for p in placement_suggestions(project, backend="tfidf")}
    assert set(offered) == set(lee.values())
    numbers, held = offered[lee["Numbers"]], offered[lee["Held"]]
    assert numbers.participant == "Lee" and numbers.personal_theme == "Lee: the numbers"
    assert numbers.places[0].code_id == built["gets"]["Numbers"][1]
    assert numbers.places[0].name == "Performance culture › Targets before people"
    assert held.places[0].code_id == built["gets"]["Held"][1]
    assert numbers.places[0].score > numbers.places[1].score


def test_linking_moves_nothing_counts_in_recurrence_and_undo_restores_exactly(project) -> None:
    built = with_group_themes(project)
    undo = built["undo"]
    before = _state(project)
    numbers_get, numbers_sub = built["gets"]["Numbers"]
    row = levels.group_recurrence(project).row(str(numbers_get))
    assert row.participants == ("Maya", "Tom")

    command = LinkPersonalTheme(numbers_sub, built["pets"]["Lee"]["Numbers"])
    undo.push(command)
    assert command.label == "Place ‘Lee: the numbers’ under ‘Targets before people’"
    codes, links = _state(project)
    assert codes == before[0]  # no PET, no statement moved
    assert links == sorted(before[1] + [(numbers_sub, built["pets"]["Lee"]["Numbers"])])
    assert levels.group_recurrence(project).row(str(numbers_get)).participants == ("Lee", "Maya", "Tom")
    assert built["pets"]["Lee"]["Numbers"] not in {p.id for p in unplaced_personal_themes(project)}

    undo.undo()
    assert _state(project) == before
    undo.redo()
    assert _state(project)[1] == links


def test_linking_refuses_what_is_not_a_pet_or_a_group_theme_or_is_there_already(project) -> None:
    built = with_group_themes(project)
    undo = built["undo"]
    before = _state(project)
    numbers_sub = built["gets"]["Numbers"][1]
    with pytest.raises(QualcodeError, match="not a personal theme"):
        undo.push(LinkPersonalTheme(numbers_sub, built["statements"]["Scores on the wall"]))
    with pytest.raises(QualcodeError, match="not a group theme"):
        undo.push(LinkPersonalTheme(built["pets"]["Maya"]["Held"], built["pets"]["Lee"]["Held"]))
    with pytest.raises(QualcodeError, match="already under"):
        undo.push(LinkPersonalTheme(numbers_sub, built["pets"]["Maya"]["Numbers"]))
    assert _state(project) == before
