"""`qualcode suggest --codes-for answers`: every suggested code says why, and non-answers get none."""

from __future__ import annotations

import qualcode.core.themes.suggestions as sg
from qualcode.store.schema import QuestionRow

ANSWERS = {
    "R1": "Better pay would keep me here", "R2": "Pay and salary are too low",
    "R3": "Less admin and paperwork", "R4": "The paperwork and admin never stop",
    "R5": "Honestly my salary and pay", "R6": "So much admin, forms and paperwork", "R7": "N/A",
}


def test_codes_come_with_their_nearest_coded_examples_and_words(project) -> None:
    with project.transaction() as s:
        q = QuestionRow(name="q1", text="?", position=1)
        s.add(q)
        s.flush()
        docs = {rid: project.documents.add_answer_in(s, q.id, project.participants.ensure_in(s, rid, "respondent").id,
                                                     text, title=rid)
                for rid, text in ANSWERS.items()}
    pay, admin = project.codes.create("Pay"), project.codes.create("Admin")
    for rid, code in (("R1", pay), ("R2", pay), ("R3", admin), ("R4", admin)):
        project.coding.apply(docs[rid].id, 0, len(ANSWERS[rid]), code.id)
    data = sg.suggest_codes(project, "answers", "q1", top=2, backend="tfidf")
    by_id = {s["id"]: s for s in data["suggestions"]}
    best = by_id["R5"]["codes"][0]
    assert best["code"] == "Pay" and set(best) >= {"code", "code_id", "score", "examples", "words"}
    assert {e["id"] for e in best["examples"]} <= {"R1", "R2"} and best["examples"]
    assert all(e["text"] == ANSWERS[e["id"]] for e in best["examples"])
    assert set(best["words"]) & {"salary", "pay"}
    assert by_id["R7"]["codes"] == [] and by_id["R7"]["no_suggestion"] == "not an answer"
    assert "no_suggestion" not in by_id["R6"]
