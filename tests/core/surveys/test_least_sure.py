"""Least sure first: the survey answers the suggester is least sure of come first."""

from __future__ import annotations

import pytest

from qualcode.core.errors import QualcodeError
from qualcode.core.surveys.least_sure import least_sure_first, least_sure_order
from qualcode.core.themes import suggestions as sg

CODED = {
    "Pay": ["The pay is far too low", "Better salary would keep me", "Pay and salary are too low",
            "A pay rise would help", "Our pay band and salary are unfair"],
    "Workload": ["Too much paperwork and admin", "The workload and paperwork never stop",
                 "Endless admin forms every day", "Too much work and admin for one person",
                 "Paperwork on top of the workload"],
    "Team": ["My team mates keep me here", "A supportive team", "Great team of colleagues",
             "Wonderful team spirit", "The team and colleagues are lovely"],
}
UNCODED = {"U1": "Honestly the salary and pay are too low", "U2": "The canteen food is always cold",
           "U3": "N/A", "U4": "So much admin and paperwork"}


@pytest.fixture
def survey(project):
    from qualcode.store.schema import QuestionRow

    docs = {}
    with project.transaction() as s:
        q = QuestionRow(name="q1", text="What would help?", position=1)
        s.add(q)
        s.flush()
        n = 0
        for code, texts in CODED.items():
            for text in texts:
                n += 1
                pid = project.participants.ensure_in(s, f"C{n}", "respondent").id
                docs[f"C{n}"] = (project.documents.add_answer_in(s, q.id, pid, text, title=f"C{n}"), code, text)
        for rid, text in UNCODED.items():
            pid = project.participants.ensure_in(s, rid, "respondent").id
            docs[rid] = (project.documents.add_answer_in(s, q.id, pid, text, title=rid), None, text)
    codes = {name: project.codes.create(name).id for name in CODED}
    for doc, code, text in docs.values():
        if code:
            project.coding.apply(doc.id, 0, len(text), codes[code])
    project.test_docs = {rid: doc.id for rid, (doc, _c, _t) in docs.items()}
    project.test_codes = codes
    return project


def test_the_least_sure_answer_comes_first_non_answers_and_coded_last(survey) -> None:
    ids = survey.test_docs
    order = least_sure_order(survey, "q1", backend="tfidf")
    assert order.document_ids[0] == ids["U2"]  # about the canteen: like nothing coded so far
    assert order.sureness[ids["U2"]] < min(order.sureness[ids["U1"]], order.sureness[ids["U4"]])
    assert order.document_ids[3] == ids["U3"]  # "N/A": after the answers, nothing to learn from it
    assert ids["U3"] not in order.sureness
    assert order.document_ids[4:] == [ids[f"C{n}"] for n in range(1, 16)]  # coded, in survey order
    assert order.coded == 15


def test_applying_a_code_is_learned_at_the_next_order(survey) -> None:
    ids = survey.test_docs
    first = least_sure_order(survey, "q1", backend="tfidf")
    survey.coding.apply(ids["U1"], 0, len(UNCODED["U1"]), survey.test_codes["Pay"])
    again = least_sure_order(survey, "q1", backend="tfidf")
    assert again.coded == 16 and ids["U1"] not in again.sureness
    assert again.relearned == 1  # only Pay gained an example: the refit learned it again, kept the others
    assert again.sureness[ids["U4"]] == pytest.approx(first.sureness[ids["U4"]], abs=0.05)


def test_answers_already_seen_stay_first(survey) -> None:
    ids = survey.test_docs
    order = least_sure_order(survey, "q1", backend="tfidf", keep_first=[ids["U4"], ids["C1"]])
    assert order.document_ids[:2] == [ids["U4"], ids["C1"]]
    assert sorted(order.document_ids) == sorted(ids.values())


def test_nothing_coded_is_refused_in_words(project) -> None:
    from qualcode.store.schema import QuestionRow

    with project.transaction() as s:
        q = QuestionRow(name="q1", text="?", position=1)
        s.add(q)
        s.flush()
        pid = project.participants.ensure_in(s, "R1", "respondent").id
        project.documents.add_answer_in(s, q.id, pid, "Pay", title="R1")
    with pytest.raises(QualcodeError, match="nothing is coded yet"):
        least_sure_order(project, "q1", backend="tfidf")
    with pytest.raises(QualcodeError, match="no question ‘q9’"):
        least_sure_order(project, "q9", backend="tfidf")


def test_suggestions_listed_least_sure_first(survey) -> None:
    data = sg.suggest_codes(survey, "answers", "q1", top=2, backend="tfidf")
    ordered = least_sure_first(survey, data, "q1", backend="tfidf")
    assert ordered["suggestions"][0]["id"] == "U2"
    assert ordered["suggestions"][-1]["id"] == "U3" and "sureness" not in ordered["suggestions"][-1]
    sure = [s["sureness"] for s in ordered["suggestions"][:-1]]
    assert sure == sorted(sure) and ordered["order"] == "least-sure"
