"""Survey answers and attribute sheets into a project.

Each file is one transaction: a refused or cancelled file leaves the project
exactly as it was.  Reading and checking happen in :mod:`qualcode.io.survey_table`;
this module turns what was read into respondents, their attributes, questions
and answer documents.  Code sheets, which need matching against the codebook,
are imported by :mod:`qualcode.core.surveys.code_sheets`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import Cancelled
from qualcode.core.model import DocumentKind
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.surveys import non_answers
from qualcode.core.transcripts.lines import compute_line_starts, normalise_text
from qualcode.io.base import ImportRefused
from qualcode.store.bulk import audit_batch, insert_rows
from qualcode.store.schema import (
    AttributeValueRow,
    AuditRow,
    DocumentRow,
    MetaRow,
    ParticipantRow,
    QuestionRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.io.survey_table import Respondent


# Column types of a survey table → attribute types of the project.
ATTRIBUTE_TYPE = {"number": "number", "date": "date", "category": "category", "text": "text"}


#: The researcher cancelled; nothing of this file was kept (qualcode's one :class:`Cancelled`, under its old name).
ImportCancelled = Cancelled


@dataclass
class SurveyImportReport:
    path: str
    respondents: int = 0
    questions: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (answers, blank)
    warnings: list[str] = field(default_factory=list)
    #: question → the answers flagged as non-answers ("N/A", "-", …), by what was typed
    non_answers: dict[str, Counter[str]] = field(default_factory=dict)

    def summary(self) -> str:
        parts = []
        for name, (n, blank) in self.questions.items():
            flagged = self.non_answers.get(name) or Counter()
            said = ", ".join(f"“{t}”" + (f" ×{k}" if k > 1 else "") for t, k in flagged.most_common(4))
            more = ", …" if len(flagged) > 4 else ""
            non = (f", {flagged.total()} non-answer{'' if flagged.total() == 1 else 's'} ({said}{more}; "
                   "left out of bases)") if flagged else ""
            parts.append(f"{name}: {n} answers, {blank} blank{non}")
        return f"{Path(self.path).name}: {self.respondents} respondents; " + "; ".join(parts)



def _respondents(s: Session, project: Project, respondents: Sequence[Respondent],
                 types: dict[str, str], between_chunks: Callable[[int], None]) -> dict[str, int]:
    """Participant ids of the respondents (new ones added), with their attributes set.

    Done in bulk — one query for the known ids, plain-row inserts for the new
    ones with their attributes and audit rows — because one ORM object per
    row made a 100,000-respondent import take 40 seconds (bench/bench_scale_100k.py).
    """
    ids = {p: i for p, i in s.execute(select(ParticipantRow.pseudonym, ParticipantRow.id))}
    new = list(dict.fromkeys(r.id for r in respondents if r.id not in ids))
    insert_rows(s, ParticipantRow, ({"pseudonym": p, "kind": "respondent"} for p in new), between_chunks)
    if new:
        ids = {p: i for p, i in s.execute(select(ParticipantRow.pseudonym, ParticipantRow.id))}
    coder = project.coder_name  # read once: it is a query when no coder was set this session
    batch = audit_batch(s)
    insert_rows(s, AuditRow, ({"coder": coder, "action": "add participant", "target_type": "participant",
                               "target_id": ids[p], "batch": batch,
                               "detail": json.dumps({"pseudonym": p}, ensure_ascii=False)} for p in new))
    if not types:
        return ids
    attribute_ids = {c: project.participants.define_attribute_in(s, c, t).id for c, t in types.items()}
    fresh = set(new)
    values = []
    for r in respondents:
        pid = ids[r.id]
        if r.id not in fresh:  # already in the project: update its values in place
            project.participants.set_attributes_in(s, pid, r.attributes, types)
            continue
        values += [{"participant_id": pid, "attribute_id": attribute_ids[c], "value": _attribute_text(v)}
                   for c, v in r.attributes.items()]
    insert_rows(s, AttributeValueRow, values)
    return ids


def _attribute_text(value: object) -> str | None:
    """As :meth:`ParticipantService.set_attributes_in` stores a value."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _answer_row(question_id: int, participant_id: int, text: str, title: str, source_name: str,
                source_hash: str, position: int, width: int) -> dict[str, object]:
    """A survey answer's document row, as ``DocumentService.add_answer_in`` builds it."""
    text = normalise_text(text)
    return {"title": title, "kind": DocumentKind.ANSWER.value, "text": text,
            "line_starts": json.dumps(compute_line_starts(text, width)), "line_width": width,
            "length": len(text), "source_name": source_name, "source_hash": source_hash,
            "participant_id": participant_id, "question_id": question_id, "position": position}


def import_survey(
    project: Project,
    path: str | Path,
    id_column: str | None,
    question_columns: Sequence[str],
    attribute_columns: Sequence[str] = (),
    sheet: str | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> SurveyImportReport:
    """Each non-empty answer becomes a document under its question, linked to its respondent.

    Blank answers are counted per question (they are the difference between
    respondents and the base of a prevalence figure), not imported.  Answers
    that say nothing ("N/A", "-", "none": :mod:`qualcode.core.surveys.non_answers`)
    are imported and flagged: counted in the report, left out of bases.  The
    first survey keeps the non-answer list it was checked against in the
    project, so the researcher can review and edit it.
    """
    from qualcode.io.survey_table import read_table, survey_answers

    path = Path(path)
    if not question_columns:
        raise ImportRefused(path, "choose at least one open-question column")
    table = read_table(path, sheet)
    data = survey_answers(table, id_column, list(question_columns), list(attribute_columns))
    report = SurveyImportReport(str(path), len(data.respondents), warnings=list(data.warnings))
    total = sum(len(q.answers) for q in data.questions) + len(data.respondents)
    done = 0
    width = project.line_width
    wanted = non_answers.phrases(project)
    project.backups.before("survey import")
    with project.transaction() as s:
        if table.source_hash and s.scalar(select(DocumentRow.id).where(DocumentRow.source_hash == table.source_hash)):
            raise ImportRefused(path, "already imported (a survey with the same content is in the project)")
        existing = set(s.scalars(select(QuestionRow.name)))
        clash = [c for c in question_columns if c in existing]
        if clash:
            raise ImportRefused(path, f"the project already has a question called ‘{clash[0]}’; "
                                      "rename the column or import into a new project")
        types = {c: ATTRIBUTE_TYPE.get(table.column_types.get(c, "text"), "text") for c in attribute_columns}
        base = 0  # rows written before the current insert, for progress

        def between_chunks(inserted: int) -> None:
            if is_cancelled and is_cancelled():
                raise Cancelled(f"{path.name}: import cancelled; nothing was kept")
            if progress:
                progress(min(total, base + inserted), total)

        ids = _respondents(s, project, data.respondents, types, between_chunks)
        done += len(data.respondents)
        if progress:
            progress(done, total)
        position = (s.scalar(select(func.max(QuestionRow.position))) or 0)
        doc_position = (s.scalar(select(func.max(DocumentRow.position))) or 0)
        for q in data.questions:
            position += 1
            question = QuestionRow(name=q.column, text=q.question, position=position, blank_count=q.blank)
            s.add(question)
            s.flush()
            base = done
            insert_rows(s, DocumentRow, (
                _answer_row(question.id, ids[rid], answer, rid, path.name, table.source_hash,
                            doc_position + i, width)
                for i, (rid, answer) in enumerate(q.answers, start=1)), between_chunks)
            doc_position += len(q.answers)
            done += len(q.answers)
            report.questions[q.column] = (len(q.answers), q.blank)
            flagged = non_answers.flagged_in((a for _, a in q.answers), wanted)
            if flagged:
                report.non_answers[q.column] = flagged
        if s.get(MetaRow, non_answers.META_KEY) is None:  # the list these answers were checked against
            s.add(MetaRow(key=non_answers.META_KEY, value=json.dumps(wanted, ensure_ascii=False)))
        project.audit(s, "import survey", "project", None,
                      {"file": path.name, "respondents": report.respondents,
                       "questions": {k: list(v) for k, v in report.questions.items()}})
    if progress:
        progress(total, total)
    project.emit(events.DOCUMENTS_CHANGED)
    project.emit(events.PARTICIPANTS_CHANGED)
    return report



def import_attributes(project: Project, path: str | Path, id_column: str, sheet: str | None = None) -> int:
    """Add or update typed attributes of participants/respondents keyed by pseudonym or id.

    Returns how many participants were updated.  Ids not yet in the project
    are added as participants (a researcher may load attributes first).
    """
    from qualcode.io.survey_table import read_table, survey_answers

    table = read_table(path, sheet)
    columns = [c for c in table.columns if c != id_column]
    if not columns:
        raise ImportRefused(path, f"there are no attribute columns besides ‘{id_column}’")
    data = survey_answers(table, id_column, [], columns)
    types = {c: ATTRIBUTE_TYPE.get(table.column_types.get(c, "text"), "text") for c in columns}
    project.backups.before("attribute import")
    with project.transaction() as s:
        known = {p: k for p, k in s.execute(select(ParticipantRow.pseudonym, ParticipantRow.kind))}
        for r in data.respondents:
            row = project.participants.ensure_in(s, r.id, kind=known.get(r.id, "participant"))
            project.participants.set_attributes_in(s, row.id, r.attributes, types)
        project.audit(s, "import attributes", "project", None,
                      {"file": Path(path).name, "participants": len(data.respondents), "attributes": columns})
    project.emit(events.PARTICIPANTS_CHANGED)
    return len(data.respondents)
