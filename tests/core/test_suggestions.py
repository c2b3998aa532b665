"""Suggested themes and codes from a project, and accepting them (undoable)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode.core.coding.commands import UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.themes import suggestions as sg
from qualcode.core.themes.accept import AcceptError, AcceptSuggestion, accept_suggestion
from qualcode.core.themes.embedding_cache import EmbeddingCache

EMERGENT = [
    ("Maya", "Feeling like a number", "They only care about the scores and the targets on the spreadsheet."),
    ("Maya", "Targets over people", "The targets matter more than the people sitting in front of me."),
    ("Maya", "Supervision holds me", "My supervisor listens and I feel held, supported, looked after."),
    ("Tom", "Counting not caring", "Every week the manager sends the numbers and the target spreadsheet."),
    ("Tom", "A supervisor who listens", "Supervision is where someone listens and supports me properly."),
    ("Tom", "Held by supervision", "I feel supported and held when my supervisor makes time to listen."),
    ("Maya", "Judged on the figures", "My performance review was all about hitting the target figures."),
    ("Maya", "Someone in my corner", "In supervision I am listened to and someone is on my side."),
    ("Tom", "The league table", "We are ranked on a league table of targets and numbers every month."),
]


@pytest.fixture
def emergent_project(project):
    for who in ("Maya", "Tom"):
        rows = [r for r in EMERGENT if r[0] == who]
        text = "\n\n".join(f"{who}: {quote}" for _, _, quote in rows) + "\n"
        doc = project.documents.add_transcript(who.lower(), text, participant=who)
        for _, label, quote in rows:
            start = text.index(quote)
            code = project.codes.create(label, CodeRole.EMERGENT)
            project.coding.apply(doc.id, start, start + len(quote), code.id)
    return project


def test_emergent_items_carry_label_quote_and_participant(emergent_project) -> None:
    collected = sg.emergent_items(emergent_project, "Tom", context_lines=0)
    assert [s.label for s in collected.sources] == ["Counting not caring", "A supervisor who listens",
                                                    "Held by supervision", "The league table"]
    first = collected.sources[0]
    assert first.text.startswith("Counting not caring.") and "target spreadsheet" in first.text
    assert {s.participant for s in collected.sources} == {"Tom"}


def test_suggestion_groups_like_with_like_and_reports_recurrence(emergent_project) -> None:
    collected = sg.emergent_items(emergent_project, context_lines=0)
    data = sg.suggest_themes(emergent_project, collected, clusters=2, themes=2, backend="minilm")
    assert data["backend"].startswith("MiniLM")
    subs = [c for c in data["clusters"] if c["parent"]]
    groups = sorted(sorted(i["id"] for i in c["items"]) for c in subs)
    assert groups == [["A supervisor who listens", "Held by supervision", "Someone in my corner",
                       "Supervision holds me"],
                      ["Counting not caring", "Feeling like a number", "Judged on the figures",
                       "Targets over people", "The league table"]]
    rows = data["recurrence"]["themes"]
    assert data["recurrence"]["participants"] == ["Maya", "Tom"]
    assert all(r["count"] == 2 and not r["below_threshold"] for r in rows)
    # Nothing in the project changed.
    assert all(c.parent_id is None for c in emergent_project.codes.list())


def test_embeddings_are_cached_by_model_and_text(emergent_project) -> None:
    cache = EmbeddingCache(emergent_project)
    texts = ["one answer", "another answer", "one answer"]
    vectors, _ = sg.embed(emergent_project, texts, "minilm")
    assert cache.count() == 2  # the repeated text is embedded and stored once
    again, _ = sg.embed(emergent_project, texts, "minilm")
    assert (vectors == again).all()
    assert cache.count() == 2


def test_accept_places_emergent_themes_in_one_undoable_step(emergent_project, tmp_path: Path) -> None:
    project = emergent_project
    collected = sg.emergent_items(project, context_lines=0)
    data = sg.suggest_themes(project, collected, clusters=2, themes=2, backend="tfidf")
    # The researcher renames one theme and rejects nothing.
    theme = next(c for c in data["clusters"] if c["parent"] is None)
    for c in data["clusters"]:
        if c["parent"] == theme["label"]:
            c["parent"] = "Renamed by me"
    theme["label"] = "Renamed by me"
    stack = UndoStack(project)
    stack.push(AcceptSuggestion(json.loads(json.dumps(data))))
    codes = {c.name: c for c in project.codes.list()}
    assert "Renamed by me" in codes and codes["Renamed by me"].role == CodeRole.THEME
    emergent = [c for c in codes.values() if c.role == CodeRole.EMERGENT]
    assert all(c.parent_id is not None for c in emergent)
    assert all(project.codes.get(c.parent_id).role == CodeRole.SUBTHEME for c in emergent)
    assert project.queries.counts()["codings"] == 9  # placing codes keeps every coding
    # Accepting the same file again would pull the themes out of the new structure: refused.
    before = project.codes.list()
    with pytest.raises(AcceptError, match="already sit under themes"):
        accept_suggestion(project, json.loads(json.dumps(data)))
    assert project.codes.list() == before  # nothing created, nothing moved
    stack.undo()
    assert all(c.parent_id is None for c in project.codes.list())
    assert {c.role for c in project.codes.list()} == {CodeRole.EMERGENT}


def test_rejected_clusters_are_skipped_and_bad_files_refused(emergent_project) -> None:
    data = sg.suggest_themes(emergent_project, sg.emergent_items(emergent_project, context_lines=0),
                             clusters=2, themes=1, backend="tfidf")
    sub = next(c for c in data["clusters"] if c["parent"])
    sub["rejected"] = True
    record = accept_suggestion(emergent_project, data)
    moved = {c.name for c in emergent_project.codes.list() if c.role == CodeRole.EMERGENT and c.parent_id}
    assert moved and not moved & {i["id"] for i in sub["items"]}
    assert record.summary.startswith("1 themes, 1 sub-themes")
    with pytest.raises(AcceptError):
        accept_suggestion(emergent_project, {"nothing": []})


def test_answers_are_clustered_and_accepted_as_codes(project) -> None:
    from qualcode.store.schema import QuestionRow

    answers = {"R1": "More pay and better salaries", "R2": "Pay rise please, salaries are low",
               "R3": "Less paperwork and admin", "R4": "Too much admin and paperwork"}
    with project.transaction() as s:
        q = QuestionRow(name="q1", text="What would help?", position=1)
        s.add(q)
        s.flush()
        for rid, text in answers.items():
            pid = project.participants.ensure_in(s, rid, "respondent").id
            project.documents.add_answer_in(s, q.id, pid, text, title=rid)
    data = sg.suggest_themes(project, sg.answer_items(project, "q1"), clusters=2, themes=1, backend="tfidf")
    record = accept_suggestion(project, data)
    assert len(record.codings) == 4
    codes = [c for c in project.codes.list() if c.role == CodeRole.CODE]
    extracts = {c.name: sorted(e.participant for e in project.queries.codings_of_code(c.id)) for c in codes}
    assert sorted(extracts.values()) == [["R1", "R2"], ["R3", "R4"]]
    assert all(e.text == answers[e.participant] for c in codes for e in project.queries.codings_of_code(c.id))


def test_code_suggestions_rank_from_coded_examples(project) -> None:
    from qualcode.store.schema import QuestionRow

    answers = {"R1": "Better pay would keep me here", "R2": "Pay and salary are too low",
               "R3": "Less admin and paperwork", "R4": "The paperwork and admin never stop",
               "R5": "Honestly my salary and pay", "R6": "So much admin, forms and paperwork"}
    with project.transaction() as s:
        q = QuestionRow(name="q1", text="?", position=1)
        s.add(q)
        s.flush()
        docs = {}
        for rid, text in answers.items():
            pid = project.participants.ensure_in(s, rid, "respondent").id
            docs[rid] = project.documents.add_answer_in(s, q.id, pid, text, title=rid)
    pay = project.codes.create("Pay")
    admin = project.codes.create("Admin")
    for rid, code in (("R1", pay), ("R2", pay), ("R3", admin), ("R4", admin)):
        doc = docs[rid]
        project.coding.apply(doc.id, 0, len(answers[rid]), code.id)
    data = sg.suggest_codes(project, "answers", "q1", top=2, backend="tfidf")
    best = {s["id"]: s["codes"][0]["code"] for s in data["suggestions"]}
    assert best == {"R5": "Pay", "R6": "Admin"}
    assert project.queries.counts()["codings"] == 4  # hints only
