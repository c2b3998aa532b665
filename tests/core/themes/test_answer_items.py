"""The answers a theme suggestion groups: non-answers are left out and counted."""

from __future__ import annotations

from pathlib import Path

from qualcode.core.surveys.importing import import_survey
from qualcode.core.themes import suggestions as sg


def test_non_answers_are_left_out_of_the_grouping_and_counted(project, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,q1\nR1,Better pay\nR2,N/A\nR3,-\nR4,Smaller caseloads\nR5,Nothing.\nR6,More pay\n",
                    encoding="utf-8")
    import_survey(project, path, "id", ["q1"])
    collected = sg.answer_items(project, "q1")
    assert [s.key for s in collected.sources] == ["R1", "R4", "R6"]  # in file order
    assert [s.text for s in collected.sources] == ["Better pay", "Smaller caseloads", "More pay"]
    assert collected.scope["non_answers_left_out"] == 3
    assert all(s.document_id and s.end == len(s.text) for s in collected.sources)
