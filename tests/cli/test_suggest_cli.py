"""``qualcode suggest --items`` speaks the one vocabulary of what is clustered, and writes the recurrence rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.model import CodeRole
from qualcode.core.project import Project

EMERGENT = [
    ("Maya", "Targets over people", "The targets matter more than the people sitting in front of me."),
    ("Maya", "Supervision holds me", "My supervisor listens and I feel held, supported, looked after."),
    ("Tom", "Counting not caring", "Every week the manager sends the numbers and the target spreadsheet."),
    ("Tom", "Held by supervision", "I feel supported and held when my supervisor makes time to listen."),
    ("Lee", "Scores on the wall", "The targets and numbers go up on the wall every week for everyone to see."),
]


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.qualcode"
    project = Project.create(path)
    project.set_coder("Ann")
    for who in ("Maya", "Tom", "Lee"):
        rows = [r for r in EMERGENT if r[0] == who]
        text = "\n\n".join(f"{who}: {quote}" for _, _, quote in rows) + "\n"
        doc = project.documents.add_transcript(who.lower(), text, participant=who)
        for _, label, quote in rows:
            start = text.index(quote)
            code = project.codes.create(label, CodeRole.EMERGENT)
            project.coding.apply(doc.id, start, start + len(quote), code.id)
    project.close()
    return path


def test_emergent_themes_across_participants_carry_the_recurrence_table(
        study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(study), "--items", "emergent", "--backend", "tfidf", "--clusters", "2",
                 "--themes", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "emergent"
    table = data["recurrence"]
    assert table["participants"] == ["Lee", "Maya", "Tom"] and table["threshold"] == 0.5
    assert all(list(row) == ["theme", "parent", "participants", "count", "below_threshold"]
               for row in table["themes"])
    theme = next(row for row in table["themes"] if row["parent"] is None)
    assert theme["count"] == 3 and not theme["below_threshold"]


@pytest.mark.parametrize(("items", "missing"), [("segments", "--code"), ("answers", "--question")])
def test_what_each_choice_needs_is_asked_for_by_its_flag(study: Path, capsys: pytest.CaptureFixture[str],
                                                         items: str, missing: str) -> None:
    assert main(["suggest", str(study), "--items", items]) == 2
    assert capsys.readouterr().err.splitlines() == [f"qualcode: {missing} is needed with --items {items}"]


def test_only_the_documented_words_are_choices(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["suggest", str(study), "--items", "paragraphs"])
    assert "(choose from 'emergent', 'segments', 'answers', 'statements', 'personal-themes')" in capsys.readouterr().err


def test_the_summary_says_why_an_answer_has_no_suggested_code() -> None:
    from qualcode.cli.suggest import _summary

    data = {"backend": "tfidf", "suggestions": [
        {"id": "R1", "text": "N/A", "codes": [], "no_suggestion": "not an answer"},
        {"id": "R2", "text": "Low pay", "codes": [{"code": "Pay", "score": 0.12}],
         "basis": "from similar coded passages"},
    ]}
    lines = _summary(data).splitlines()
    assert lines[2].strip() == "→ no suggestion: not an answer"
    assert lines[4].strip() == "→ Pay (0.12)  [from similar coded passages]"
