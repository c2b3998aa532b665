"""One case at a time: others' PETs only when asked, and code hints from the same participant's coding."""

from __future__ import annotations

from two_levels import personal_themes, statements_only, with_group_themes

from qualcode.core.coding.undo import UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.themes.board import ThemeBoard
from qualcode.core.themes.idiographic import other_cases, participant_of_document, statements_waiting
from qualcode.core.themes.passage_hints import coded_examples, explain_codes_for_text


def test_other_cases_lists_everyone_else_with_their_statements(project) -> None:
    with_group_themes(project)
    cases = other_cases(project, "Maya")
    assert [c.participant for c in cases] == ["Lee", "Tom"]
    tom = dict(cases[1].themes)
    assert tom["Tom: the numbers"] == ("Counting not caring", "The league table")
    assert [c.participant for c in other_cases(project, None)] == ["Lee", "Maya", "Tom"]


def test_hints_learn_from_the_same_participants_coding_by_default(project) -> None:
    statements_only(project)
    docs = {d.title: d.id for d in project.documents.list()}
    assert participant_of_document(project, docs["Tom interview"]) == "Tom"
    # A code only Tom's transcript carries, on a passage like Maya's.
    text = project.documents.text(docs["Tom interview"])
    quote = "We are ranked on a league table of targets and numbers."
    start = text.index(quote)
    ranking = project.codes.create("Ranked and compared", CodeRole.CODE)
    project.coding.apply(docs["Tom interview"], start, start + len(quote), ranking.id)

    examples, _codes = coded_examples(project, "Maya")
    maya_doc = docs["Maya interview"]
    assert examples and {u.document_id for u in examples} == {maya_doc}
    passage = "They rank us on the league table of targets and numbers."
    mine = explain_codes_for_text(project, passage, backend="tfidf", participant="Maya")
    assert mine["participant"] == "Maya" and mine["codes"]
    maya_codes = {c.id for c in project.codes.list() if c.name in ("Targets over people", "Judged on the figures",
                                                                   "Supervision holds me", "Someone in my corner")}
    assert {c["code_id"] for c in mine["codes"]} <= maya_codes
    everyone = explain_codes_for_text(project, passage, backend="tfidf")
    assert everyone["participant"] is None
    assert ranking.id in {c["code_id"] for c in everyone["codes"]}


def test_the_board_knows_its_level() -> None:
    def data(mode: str, scope: dict) -> dict:
        return {"mode": mode, "scope": scope, "clusters": [
            {"key": "T1", "label": "A", "parent": None, "parent_key": None, "items": []},
            {"key": "T1.1", "label": "B", "parent": "A", "parent_key": "T1",
             "items": [{"id": "x", "participant": "Maya"}]}]}

    personal = ThemeBoard(data("statements", {"participant": "Maya"}))
    assert personal.case == "Maya" and not personal.cross_case
    group = ThemeBoard(data("personal-themes", {}))
    assert group.case is None and group.cross_case
    assert "recurrence" in group.accept_data()


def test_statements_waiting_counts_what_is_in_no_pet_yet(project) -> None:
    statements = statements_only(project)
    assert statements_waiting(project) == {"Lee": 4, "Maya": 4, "Tom": 4}
    personal_themes(project, statements, UndoStack(project), "Maya")
    assert statements_waiting(project) == {"Lee": 4, "Tom": 4}
