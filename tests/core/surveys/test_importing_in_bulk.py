"""A survey imported in bulk reads back exactly as one added answer by answer."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from qualcode.core.errors import Cancelled
from qualcode.core.model import DocumentKind
from qualcode.core.surveys.importing import import_survey
from qualcode.core.transcripts.lines import compute_line_starts
from qualcode.store.schema import AuditRow, DocumentRow


def _write(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "group", "q1"])
        for i in range(n):
            answer = "" if i % 10 == 9 else f"Answer {i}: " + "the waiting time was long " * (i % 7)
            w.writerow([f"R{i:05d}", "ab"[i % 2], answer])
    return path


def test_answers_respondents_and_audit_rows_are_all_there(project, tmp_path: Path) -> None:
    report = import_survey(project, _write(tmp_path / "s.csv", 60), "id", ["q1"], ["group"])
    assert report.questions == {"q1": (54, 6)}
    docs = project.documents.list(DocumentKind.ANSWER)
    assert [d.title for d in docs] == [f"R{i:05d}" for i in range(60) if i % 10 != 9]
    assert len({d.guid for d in docs}) == 54 and all(d.imported_at for d in docs)
    texts = project.documents.texts(d.id for d in docs)
    with project.read() as s:
        for row in s.scalars(select(DocumentRow)):
            assert json.loads(row.line_starts) == compute_line_starts(texts[row.id], row.line_width)
            assert row.source_hash and row.participant_id is not None
        audit = list(s.scalars(select(AuditRow)))
    added = [a for a in audit if a.action == "add participant"]
    assert len(added) == 60
    # One researcher's action: the participants' rows share the import's batch.
    assert {a.batch for a in audit if a.action in ("add participant", "import survey")} == {added[0].batch}
    assert project.participants.get("R00003").attributes == {"group": "b"}


def test_a_known_respondent_keeps_its_row_and_gets_new_values(project, tmp_path: Path) -> None:
    project.participants.ensure("R00001", "respondent")
    project.participants.set_attributes("R00001", {"group": "z"})
    import_survey(project, _write(tmp_path / "s.csv", 5), "id", ["q1"], ["group"])
    assert project.participants.get("R00001").attributes == {"group": "b"}
    assert len(project.participants.list()) == 5


def test_a_cancel_midway_keeps_nothing(project, tmp_path: Path) -> None:
    path = _write(tmp_path / "big.csv", 12_000)  # more than one chunk of rows
    before = project.queries.counts()
    calls = []

    def cancel_after_first_chunk() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled, match="big.csv"):
        import_survey(project, path, "id", ["q1"], is_cancelled=cancel_after_first_chunk)
    assert project.queries.counts() == before
    assert project.participants.list() == []
