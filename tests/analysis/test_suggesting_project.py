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


ONCE_EACH = {  # IPA-like coding: every code has exactly one example
    "R1": ("I lie awake replaying the calls from the day", "Replaying calls in bed"),
    "R2": ("The clock on the screen tells me I am running late", "Watching the clock"),
    "R3": ("My supervisor held me so I could hold my patients", "Being held"),
    "R4": ("When a patient gets worse I assume it must be my fault", "It must be me"),
    "R5": ("The targets turn people into numbers on a spreadsheet", "Numbers not people"),
    "R10": ("I feel guilty taking a lunch break", "Guilt at rest"),
    "R11": ("Nobody told me what the job would really be like", "Unprepared"),
    "R12": ("My partner says I bring work home with me", "Work at home"),
    "R13": ("I keep thinking about leaving the service", "Thinking of leaving"),
    "R14": ("Peer support on a Friday keeps me going", "Peer support"),
    "R15": ("I trained for this and I still love it", "Still love it"),
    "R16": ("The waiting list never gets shorter", "Endless waiting list"),
}


def test_codes_with_one_example_each_still_get_the_top_three_for_a_close_paraphrase(project) -> None:
    texts = {rid: text for rid, (text, _code) in ONCE_EACH.items()}
    texts |= {"R6": "At night in bed I keep replaying the day's calls", "R7": "N/A"}
    with project.transaction() as s:
        q = QuestionRow(name="q1", text="?", position=1)
        s.add(q)
        s.flush()
        docs = {rid: project.documents.add_answer_in(s, q.id, project.participants.ensure_in(s, rid, "respondent").id,
                                                     text, title=rid)
                for rid, text in texts.items()}
    for rid, (text, name) in ONCE_EACH.items():
        project.coding.apply(docs[rid].id, 0, len(text), project.codes.create(name).id)
    data = sg.suggest_codes(project, "answers", "q1", top=3, backend="tfidf")
    by_id = {s["id"]: s for s in data["suggestions"]}
    close = by_id["R6"]
    assert [c["code"] for c in close["codes"]][:1] == ["Replaying calls in bed"]
    assert len(close["codes"]) == 3 and "no_suggestion" not in close
    assert close["basis"] == "from similar coded passages"
    assert close["codes"][0]["examples"][0]["id"] == "R1"
    assert by_id["R7"]["codes"] == [] and by_id["R7"]["no_suggestion"] == "not an answer"
