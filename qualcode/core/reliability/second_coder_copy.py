"""Prepare a copy of the project for a second coder.

The second analyst codes the same material (all of it, or a 10–25% sample)
without seeing the first analyst's coding, using the same codebook
(METHODS.md §3).  The copy carries the documents of the sample with their
text and fixed line numbers exactly as here, the codebook (codes keep their
guids and definitions), participants with their attributes, and questions;
it carries no codings, notes or memos.  The copy records where it came from
and how the sample was drawn, opens in blind coding, and is brought back
with :func:`qualcode.core.reliability.merge.merge_project`.

A sample is drawn per stratum (a question, or a value of an attribute such
as role group) with a seed, so the same seed draws the same documents.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from qualcode.core.errors import QualcodeError
from qualcode.core.progress import Progress
from qualcode.core.reliability.blind import BLIND_KEY
from qualcode.core.reliability.ipa_levels import copy_levels
from qualcode.io.output import replacing
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CodeRow,
    DocumentRow,
    MetaRow,
    ParticipantRow,
    QuestionRow,
    TurnRow,
    new_guid,
    utcnow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project

NO_VALUE = "(no value)"
ORIGIN_KEY = "origin"


class SplitError(QualcodeError):
    """The copy cannot be prepared as asked; worded for the researcher."""


@dataclass(frozen=True)
class SampleSpec:
    """Which documents travel: all (``fraction`` None), or a seeded sample.

    ``stratify`` is ``"question"`` or the name of a participant attribute;
    each stratum gives its share of the sample (largest remainders), so a
    20% sample stratified by role group holds about 20% of every group.
    """

    fraction: float | None = None
    seed: int = 1
    stratify: str | None = None
    document_ids: tuple[int, ...] | None = None  # choose among these only (default: every document)

    def to_json(self) -> dict[str, object]:
        return {"fraction": self.fraction, "seed": self.seed, "stratify": self.stratify,
                "restricted_to": len(self.document_ids) if self.document_ids is not None else None}


@dataclass
class SplitReport:
    """What went into the copy."""

    path: str
    coder: str | None
    documents: int
    of_documents: int
    codes: int
    participants: int
    strata: dict[str, tuple[int, int]] = field(default_factory=dict)  # stratum → (taken, of)

    def summary(self) -> str:
        share = f" ({self.documents / self.of_documents:.0%})" if self.of_documents else ""
        lines = [f"{Path(self.path).name}: {self.documents} of {self.of_documents} documents{share}, "
                 f"{self.codes} codes, {self.participants} participants; no codings or notes."]
        if self.coder:
            lines.append(f"It opens for {self.coder}, in blind coding.")
        lines += [f"  {name}: {taken} of {total}" for name, (taken, total) in self.strata.items() if name]
        return "\n".join(lines)


def _strata(project: Project, stratify: str | None, documents: Sequence[DocumentRow]) -> dict[int, str]:
    """The stratum of each document."""
    if stratify is None:
        return {d.id: "" for d in documents}
    with project.read() as s:
        if stratify == "question":
            # Keyed by nullable foreign keys on lookup: a document may have no question, no participant.
            names: dict[int | None, str] = dict(s.execute(select(QuestionRow.id, QuestionRow.name)).all())
            return {d.id: names.get(d.question_id, "(no question)") for d in documents}
        attribute = s.scalar(select(AttributeRow.id).where(AttributeRow.name == stratify))
        if attribute is None:
            known = ", ".join(["question", *s.scalars(select(AttributeRow.name).order_by(AttributeRow.name))])
            raise SplitError(f"no attribute called ‘{stratify}’ to stratify by (choose one of: {known})")
        values: dict[int | None, str | None] = dict(
            s.execute(select(AttributeValueRow.participant_id, AttributeValueRow.value)
                      .where(AttributeValueRow.attribute_id == attribute)).all())
    return {d.id: values.get(d.participant_id) or NO_VALUE for d in documents}


def _new_id(new_ids: Mapping[int, int], old: int | None) -> int | None:
    """The copy's id for an optional foreign key: none stays none, and so does one not copied."""
    return None if old is None else new_ids.get(old)


def _allocate(sizes: dict[str, int], fraction: float) -> dict[str, int]:
    """How many documents each stratum gives: largest remainders, totalling round(fraction × N)."""
    total = round(fraction * sum(sizes.values()))
    quotas = {k: fraction * n for k, n in sizes.items()}
    taken = {k: int(q) for k, q in quotas.items()}
    by_remainder = sorted(sizes, key=lambda k: (-(quotas[k] - taken[k]), k))
    for k in by_remainder[: max(0, total - sum(taken.values()))]:
        taken[k] += 1
    return {k: min(taken[k], sizes[k]) for k in sizes}


def choose_sample(strata: dict[int, str], fraction: float | None, seed: int) -> tuple[list[int], dict[str, tuple[int, int]]]:
    """The documents drawn (in their original order) and, per stratum, (taken, of).

    Each stratum draws with its own generator seeded by ``seed`` and the
    stratum's name, so a new stratum never changes another's draw.
    """
    groups: dict[str, list[int]] = {}
    for doc_id in sorted(strata):
        groups.setdefault(strata[doc_id], []).append(doc_id)
    if fraction is None:
        return sorted(strata), {k: (len(v), len(v)) for k, v in sorted(groups.items())}
    if not 0 < fraction <= 1:
        raise SplitError("the sample must be a share above 0 and at most 1 (e.g. 0.2 for 20%)")
    counts = _allocate({k: len(v) for k, v in groups.items()}, fraction)
    chosen: list[int] = []
    for name in sorted(groups):
        chosen += random.Random(f"{seed}/{name}").sample(groups[name], counts[name])
    return sorted(chosen), {k: (counts[k], len(groups[k])) for k in sorted(groups)}


def _documents(project: Project, sample: SampleSpec) -> list[DocumentRow]:
    with project.read() as s:
        documents = list(s.scalars(select(DocumentRow).order_by(DocumentRow.position, DocumentRow.id)))
    if sample.document_ids is not None:
        wanted = set(sample.document_ids)
        documents = [d for d in documents if d.id in wanted]
    return documents


def preview_sample(project: Project, sample: SampleSpec) -> dict[str, tuple[int, int]]:
    """Per stratum, (taken, of) — what :func:`prepare_copy` would draw, without writing anything."""
    documents = _documents(project, sample)
    return choose_sample(_strata(project, sample.stratify, documents), sample.fraction, sample.seed)[1]


def _project_guid(project: Project) -> str:
    guid = project.get_meta("project_guid")
    if guid is None:
        guid = new_guid()
        project.set_meta("project_guid", guid)
    return guid


def prepare_copy(project: Project, out: str | Path, coder: str | None = None,
                 sample: SampleSpec | None = None, progress: Progress | None = None) -> SplitReport:
    """Write a new project at ``out`` for a second coder; see the module docstring."""
    from qualcode.core.project import Project

    sample = sample or SampleSpec()
    out = Path(out)
    if out.exists():
        raise SplitError(f"{out}: a file already exists there; choose another name")
    documents = _documents(project, sample)
    if not documents:
        raise SplitError("the project has no documents to copy")
    chosen, strata = choose_sample(_strata(project, sample.stratify, documents), sample.fraction, sample.seed)
    origin = {"project": project.name, "project_guid": _project_guid(project), "location": str(project.location),
              "prepared_at": utcnow().isoformat(timespec="seconds"), "prepared_by": project.coder_name,
              "coder": coder, "sample": sample.to_json(), "documents": len(chosen),
              "of_documents": len(documents), "strata": {k: list(v) for k, v in strata.items()},
              # the codebook as the copy got it: a merge tells codes the second coder deleted from ours added since
              "code_guids": [c.guid for c in project.codes.list()]}
    # Built beside ``out`` under its own name and renamed into place when whole: a failure leaves nothing.
    with replacing(out, reads=(project.location,)) as partial:
        copy = Project.create(partial, name=f"{project.name} — for {coder}" if coder else f"{project.name} — copy")
        try:
            report = _fill(project, copy, chosen, origin, coder, progress)
        finally:
            copy.close()
        _checkpoint(partial)
        if out.exists():
            raise SplitError(f"{out}: a file already exists there; choose another name")
    report.path = str(out)
    report.strata = strata
    project.audit_now("prepare copy for second coder", "project", None,
                      {"path": str(out), "coder": coder, "sample": sample.to_json(), "documents": len(chosen),
                       "of_documents": len(documents)})
    return report


def _checkpoint(path: Path) -> None:
    """Fold a write-ahead log left beside ``path`` into it, so the renamed file holds everything."""
    if Path(f"{path}-wal").exists():
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _fill(project: Project, copy: Project, chosen: list[int], origin: dict, coder: str | None,
          progress: Progress | None) -> SplitReport:
    """Copy the codebook, people, questions and chosen documents in one transaction."""
    with project.read() as src, copy.transaction() as dst:
        codes, code_ids = _copy_codes(src, dst)
        owners: dict[int, int | None] = {i: p for i, p in src.execute(
            select(CodeRow.id, CodeRow.participant_id).where(CodeRow.participant_id.is_not(None)))}
        participants, questions = _copy_people_and_questions(src, dst, chosen, set(owners.values()))
        copy_levels(src, dst, code_ids, owners, participants)
        for i in range(0, len(chosen), 500):
            _copy_documents(src, dst, chosen[i:i + 500], participants, questions)
            if progress:
                progress(min(i + 500, len(chosen)), len(chosen))
        dst.merge(MetaRow(key=ORIGIN_KEY, value=json.dumps(origin, ensure_ascii=False)))
        dst.merge(MetaRow(key=BLIND_KEY, value="on"))
        if coder:
            dst.merge(MetaRow(key="last_coder", value=coder))
        copy.audit(dst, "prepared as a copy for a second coder", "project", None, origin)
    return SplitReport(str(copy.location), coder, len(chosen), origin["of_documents"], codes, len(participants))


def _copy_codes(src: Session, dst: Session) -> tuple[int, dict[int, int]]:
    """The codebook with guids, hierarchy, order and definitions (parents before children); new ids by old."""
    rows = list(src.scalars(select(CodeRow).order_by(CodeRow.id)))
    new_ids: dict[int, int] = {}
    pending = rows
    while pending:
        waiting = []
        for r in pending:
            if r.parent_id is not None and r.parent_id not in new_ids:
                waiting.append(r)
                continue
            row = CodeRow(guid=r.guid, name=r.name, role=r.role, colour=r.colour, description=r.description,
                          inclusion=r.inclusion, exclusion=r.exclusion, example=r.example,
                          parent_id=_new_id(new_ids, r.parent_id), position=r.position, created_at=r.created_at)
            dst.add(row)
            dst.flush()
            new_ids[r.id] = row.id
        if len(waiting) == len(pending):
            raise SplitError("the codebook's hierarchy has a loop; cannot copy it")
        pending = waiting
    return len(rows), new_ids


def _copy_people_and_questions(src: Session, dst: Session, chosen: list[int], pet_owners: set[int | None],
                               ) -> tuple[dict[int, int], dict[int, int]]:
    """Participants of the chosen documents (and those with none, or with PETs) with attributes; every question.

    A participant whose PETs are in the codebook comes too (without their
    transcripts), so each PET still says whose it is.

    Returns the new ids of participants and of questions, by old id.
    """
    questions = {}
    for q in src.scalars(select(QuestionRow).order_by(QuestionRow.id)):
        row = QuestionRow(guid=q.guid, name=q.name, text=q.text, position=q.position, blank_count=q.blank_count)
        dst.add(row)
        questions[q.id] = row
    attributes = {}
    for a in src.scalars(select(AttributeRow).order_by(AttributeRow.id)):
        attribute = AttributeRow(name=a.name, type=a.type)
        dst.add(attribute)
        attributes[a.id] = attribute
    dst.flush()
    owners = dict(src.execute(select(DocumentRow.id, DocumentRow.participant_id)).all())
    with_documents = {p for p in owners.values() if p is not None}
    wanted = {owners[d] for d in chosen if owners.get(d) is not None} | {p for p in pet_owners if p is not None}
    people: dict[int, ParticipantRow] = {}
    for p in src.scalars(select(ParticipantRow).order_by(ParticipantRow.id)):
        if p.id in wanted or p.id not in with_documents:
            people[p.id] = ParticipantRow(guid=p.guid, pseudonym=p.pseudonym, kind=p.kind)
    dst.add_all(people.values())
    dst.flush()
    values = src.execute(select(AttributeValueRow.participant_id, AttributeValueRow.attribute_id,
                                AttributeValueRow.value))
    dst.add_all(AttributeValueRow(participant_id=people[p].id, attribute_id=attributes[a].id, value=v)
                for p, a, v in values if p in people)
    return {k: v.id for k, v in people.items()}, {k: v.id for k, v in questions.items()}


def _copy_documents(src: Session, dst: Session, ids: list[int], participants: dict[int, int],
                    questions: dict[int, int]) -> None:
    """Documents exactly as here: guid, text, fixed lines, speaker turns."""
    rows = src.scalars(select(DocumentRow).options(undefer(DocumentRow.text), undefer(DocumentRow.line_starts))
                       .where(DocumentRow.id.in_(ids)).order_by(DocumentRow.id)).all()
    new: dict[int, DocumentRow] = {}
    for d in rows:
        new[d.id] = DocumentRow(guid=d.guid, title=d.title, kind=d.kind, text=d.text, line_starts=d.line_starts,
                                line_width=d.line_width, length=d.length, source_name=d.source_name,
                                source_hash=d.source_hash, imported_at=d.imported_at,
                                participant_id=_new_id(participants, d.participant_id),
                                question_id=_new_id(questions, d.question_id), position=d.position)
    dst.add_all(new.values())
    dst.flush()
    turns = src.scalars(select(TurnRow).where(TurnRow.document_id.in_(ids)).order_by(TurnRow.document_id, TurnRow.start))
    dst.add_all(TurnRow(document_id=new[t.document_id].id, start=t.start, end=t.end, speaker=t.speaker,
                        is_interviewer=t.is_interviewer, timestamp=t.timestamp) for t in turns)


def origin_of(project: Project) -> dict | None:
    """Where a copy came from and how its sample was drawn (None for an original project)."""
    value = project.get_meta(ORIGIN_KEY)
    return json.loads(value) if value else None
