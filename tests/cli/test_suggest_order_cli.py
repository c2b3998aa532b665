"""``qualcode suggest --codes-for answers --order least-sure``: what to code next, first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.project import Project

CODED = {"Pay": ["The pay is far too low", "Better salary would keep me", "Pay and salary are too low",
                 "A pay rise would help", "Our pay band and salary are unfair"],
         "Workload": ["Too much paperwork and admin", "The workload and paperwork never stop",
                      "Endless admin forms every day", "Too much work and admin for one person",
                      "Paperwork on top of the workload"],
         "Team": ["My team mates keep me here", "A supportive team", "Great team of colleagues",
                  "Wonderful team spirit", "The team and colleagues are lovely"]}
UNCODED = {"U1": "Honestly the salary and pay are too low", "U2": "The canteen food is always cold",
           "U3": "N/A", "U4": "So much admin and paperwork"}


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    from qualcode.store.schema import QuestionRow

    path = tmp_path / "survey.qualcode"
    project = Project.create(path)
    project.set_coder("Ann")
    with project.transaction() as s:
        q = QuestionRow(name="q1", text="What would help?", position=1)
        s.add(q)
        s.flush()
        rows = [(f"C{n}", text, code) for n, (text, code) in
                enumerate(((t, c) for c, ts in CODED.items() for t in ts), 1)]
        rows += [(rid, text, None) for rid, text in UNCODED.items()]
        docs = []
        for rid, text, code in rows:
            pid = project.participants.ensure_in(s, rid, "respondent").id
            docs.append((project.documents.add_answer_in(s, q.id, pid, text, title=rid), text, code))
    codes = {name: project.codes.create(name).id for name in CODED}
    for doc, text, code in docs:
        if code:
            project.coding.apply(doc.id, 0, len(text), codes[code])
    project.close()
    return path


def test_least_sure_first_lists_the_unlike_answer_first(survey: Path, capsys) -> None:
    assert main(["suggest", str(survey), "--codes-for", "answers", "--order", "least-sure",
                 "--backend", "tfidf", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [s["id"] for s in data["suggestions"]]
    assert ids[0] == "U2" and ids[-1] == "U3" and data["order"] == "least-sure"
    sure = [s["sureness"] for s in data["suggestions"][:-1]]
    assert sure == sorted(sure)


def test_file_order_is_the_default_and_the_summary_says_the_order(survey: Path, capsys) -> None:
    assert main(["suggest", str(survey), "--codes-for", "answers", "--backend", "tfidf", "--json"]) == 0
    assert [s["id"] for s in json.loads(capsys.readouterr().out)["suggestions"]] == ["U1", "U2", "U3", "U4"]
    assert main(["suggest", str(survey), "--codes-for", "answers", "--order", "least-sure",
                 "--backend", "tfidf"]) == 0
    out = capsys.readouterr().out
    assert "least sure first" in out and out.index("U2:") < out.index("U1:") and "sureness" in out


def test_least_sure_needs_answers(survey: Path, capsys) -> None:
    assert main(["suggest", str(survey), "--codes-for", "segments", "--order", "least-sure",
                 "--backend", "tfidf"]) != 0
    assert "use it with --codes-for answers" in capsys.readouterr().err
