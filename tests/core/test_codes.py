"""Codes: hierarchy, rename, move, merge and delete keep every coding."""

from __future__ import annotations

import pytest

from qualcode.core.model import CodeRole
from qualcode.core.themes.codes import CodeError


@pytest.fixture
def coded(transcript_project):
    project, doc = transcript_project
    text = project.documents.text(doc.id)
    theme = project.codes.create("Working on the production line", CodeRole.THEME)
    sub = project.codes.create("Numbers before people", CodeRole.SUBTHEME, parent_id=theme.id)
    line = project.codes.create("Production line", parent_id=sub.id)
    belt = project.codes.create("Conveyor belt", parent_id=sub.id)
    a = text.index("It feels like")
    b = text.index("waiting room.")
    project.coding.apply(doc.id, a, a + 30, line.id)
    project.coding.apply(doc.id, b, b + 12, belt.id)
    project.coding.apply(doc.id, a, a + 30, belt.id)  # same span, both codes
    project.coding.apply(doc.id, b, b + 12, belt.id, coder="Ben")
    return project, doc, theme, sub, line, belt


def codings_by_code(project) -> dict[str, int]:
    out: dict[str, int] = {}
    for code in project.codes.list():
        out[code.name] = len(project.queries.codings_of_code(code.id, include_descendants=False))
    return out


def test_codings_of_a_theme_include_its_descendants(coded) -> None:
    project, _, theme, _sub, _line, _belt = coded
    assert len(project.queries.codings_of_code(theme.id)) == 4
    assert len(project.queries.codings_of_code(theme.id, include_descendants=False)) == 0
    counts = project.queries.code_counts()
    assert counts[theme.id].segments == 2  # two distinct spans
    assert counts[theme.id].participants == 1


def test_move_keeps_codings_and_refuses_loops(coded) -> None:
    project, _, _theme, sub, line, _belt = coded
    other = project.codes.create("Why I stay", CodeRole.THEME)
    before = codings_by_code(project)
    project.codes.move(sub.id, other.id)
    assert project.codes.path(line.id) == ["Why I stay", "Numbers before people", "Production line"]
    assert codings_by_code(project) == before
    with pytest.raises(CodeError, match="inside itself"):
        project.codes.move(other.id, line.id)


def test_merge_moves_every_coding_and_keeps_one_per_span_and_coder(coded) -> None:
    project, _doc, _theme, _sub, line, belt = coded
    record = project.codes.merge(belt.id, line.id)
    names = [c.name for c in project.codes.list()]
    assert "Conveyor belt" not in names
    extracts = project.queries.codings_of_code(line.id)
    # belt had 3 codings; one duplicated line's (same span, same coder) and is folded in.
    spans = sorted((e.start, e.end, e.coder) for e in extracts)
    assert len(spans) == 3 == len(set(spans))
    assert {e.coder for e in extracts} == {"Ann", "Ben"}
    assert len(record.dropped_codings) == 1
    # Undo restores the source code and its codings exactly.
    project.codes.unmerge(record)
    assert codings_by_code(project)["Conveyor belt"] == 3
    assert codings_by_code(project)["Production line"] == 1


def test_merge_into_own_descendant_is_refused(coded) -> None:
    project, _, _theme, sub, line, _belt = coded
    with pytest.raises(CodeError):
        project.codes.merge(sub.id, line.id)


def test_delete_asks_what_happens_to_codings(coded) -> None:
    project, _, _theme, sub, _line, belt = coded
    record = project.codes.delete(belt.id, codings="parent")
    assert len(project.queries.codings_of_code(sub.id, include_descendants=False)) == 3
    project.codes.undelete(record)
    assert codings_by_code(project)["Conveyor belt"] == 3
    record = project.codes.delete(belt.id, codings="delete")
    assert project.queries.counts()["codings"] == 1
    project.codes.undelete(record)
    assert project.queries.counts()["codings"] == 4


def test_deleting_a_theme_lifts_its_children(coded) -> None:
    project, _, theme, sub, _line, _belt = coded
    project.codes.delete(theme.id)
    assert project.codes.get(sub.id).parent_id is None
    assert project.queries.counts()["codings"] == 4


def test_sibling_names_are_unique_but_may_repeat_elsewhere(coded) -> None:
    project, _, theme, sub, _line, belt = coded
    with pytest.raises(CodeError, match="already exists"):
        project.codes.create("production LINE", parent_id=sub.id)
    again = project.codes.create("Production line", parent_id=theme.id)
    assert project.codes.find("Working on the production line/Production line").id == again.id
    with pytest.raises(CodeError):
        project.codes.rename(belt.id, "Production line")


def test_rename_recolour_and_definition(coded) -> None:
    project, *_, line, _belt = coded
    project.codes.rename(line.id, "“Production line”")
    project.codes.recolour(line.id, "#112233")
    project.codes.update(line.id, description="Work as mass production", inclusion="factory metaphors",
                         exclusion="literal manufacturing", example="It's a production line")
    code = project.codes.get(line.id)
    assert (code.name, code.colour, code.inclusion) == ("“Production line”", "#112233", "factory metaphors")
    with pytest.raises(CodeError):
        project.codes.recolour(line.id, "red")
