"""Survey answers, code sheets and attribute sheets into a project.

Each file is one transaction: a refused or cancelled file leaves the project
exactly as it was.  Reading and checking happen in :mod:`qualcode.io.survey_table`;
this module turns what was read into respondents, questions, answer
documents and codings.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import Cancelled
from qualcode.core.model import CodeRole, join_path
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.reliability.coverage import keep_inferred_in, mark_coded_in
from qualcode.core.surveys import non_answers
from qualcode.io.base import ImportRefused
from qualcode.store.schema import (
    AttributeValueRow,
    AuditRow,
    CodeRow,
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


@dataclass
class CodeSheetReport:
    path: str
    codings: int = 0
    codes_created: int = 0
    respondents: int = 0
    warnings: list[str] = field(default_factory=list)
    coded_through: int = 0  # answers recorded as coded through by the coder (every row of the sheet)

    def summary(self) -> str:
        new = f"{self.codes_created} new code{'' if self.codes_created == 1 else 's'}"
        return f"{Path(self.path).name}: {self.codings} codings for {self.respondents} respondents ({new})"


def _respondents(s: Session, project: Project, respondents: Sequence[Respondent],
                 types: dict[str, str]) -> dict[str, int]:
    """Participant ids of the respondents (new ones added), with their attributes set.

    Done in bulk — one query for the known ids, one flush for the new ones,
    attributes defined once — because one query per respondent made a
    5,000-respondent import take half a minute.
    """
    ids = {p: i for p, i in s.execute(select(ParticipantRow.pseudonym, ParticipantRow.id))}
    new = [ParticipantRow(pseudonym=r.id, kind="respondent") for r in respondents if r.id not in ids]
    s.add_all(new)
    s.flush()
    coder = project.coder_name  # read once: it is a query when no coder was set this session
    for row in new:
        ids[row.pseudonym] = row.id
        s.add(AuditRow(coder=coder, action="add participant", target_type="participant", target_id=row.id,
                       detail=json.dumps({"pseudonym": row.pseudonym}, ensure_ascii=False)))
    if not types:
        return ids
    attribute_ids = {c: project.participants.define_attribute_in(s, c, t).id for c, t in types.items()}
    new_ids = {row.id for row in new}
    for r in respondents:
        pid = ids[r.id]
        if pid not in new_ids:  # already in the project: update its values in place
            project.participants.set_attributes_in(s, pid, r.attributes, types)
            continue
        s.add_all(AttributeValueRow(participant_id=pid, attribute_id=attribute_ids[c], value=_attribute_text(v))
                  for c, v in r.attributes.items())
    return ids


def _attribute_text(value: object) -> str | None:
    """As :meth:`ParticipantService.set_attributes_in` stores a value."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


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
        ids = _respondents(s, project, data.respondents, types)
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
            for rid, answer in q.answers:
                doc_position += 1
                row = project.documents.add_answer_in(s, question.id, ids[rid], answer, title=rid,
                                                      source_name=path.name, position=doc_position,
                                                      line_width=width)
                row.source_hash = table.source_hash
                done += 1
                if done % 500 == 0:
                    if is_cancelled and is_cancelled():
                        raise Cancelled(f"{path.name}: import cancelled; nothing was kept")
                    if progress:
                        progress(done, total)
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


def _code_for_path(s: Session, project: Project, parts: list[str], created: list[int]) -> int:
    """The code at ``Theme/Sub-theme/Code``, creating what is missing with sensible roles."""
    roles = {1: [CodeRole.CODE], 2: [CodeRole.THEME, CodeRole.CODE],
             3: [CodeRole.THEME, CodeRole.SUBTHEME, CodeRole.CODE]}.get(
        len(parts), [CodeRole.THEME] + [CodeRole.SUBTHEME] * (len(parts) - 2) + [CodeRole.CODE])
    parent: int | None = None
    for part, role in zip(parts, roles):
        row = project.codes.child_named_in(s, parent, part)
        if row is None and len(parts) == 1:
            # A bare code name: use the codebook's code of that name wherever it sits.
            row = next((r for r in s.scalars(select(CodeRow)) if r.name.casefold() == part.casefold()), None)
        if row is None:
            row = project.codes.create_in(s, part, role, parent)
            created.append(row.id)
        parent = row.id
    assert parent is not None
    return parent


def _existing_code(s: Session, project: Project, parts: list[str], paths: dict[int, tuple[str, ...]]) -> int | None:
    """The codebook's code a column heads, or None: never creates one.

    Found by its path (case-insensitively), a bare name wherever it sits, or —
    for a header typed by hand with a name's "/" unescaped ("IAPT Team/Services")
    — the one code whose path or name reads the same with its slashes as they are.
    """
    parent: int | None = None
    for part in parts:
        row = project.codes.child_named_in(s, parent, part)
        if row is None:
            break
        parent = row.id
    else:
        return parent
    raw = "/".join(parts).casefold()
    if len(parts) == 1:  # a bare code name: the codebook's code of that name wherever it sits
        return next((cid for cid, p in paths.items() if p[-1].casefold() == raw), None)
    for whole in (lambda p: "/".join(p).casefold(), lambda p: p[-1].casefold()):
        found = [cid for cid, p in paths.items() if whole(p) == raw]
        if len(found) == 1:
            return found[0]
    return None


def _paths(s: Session) -> dict[int, tuple[str, ...]]:
    """Every code's path of names, by id."""
    rows = {r.id: (r.name, r.parent_id) for r in s.scalars(select(CodeRow))}
    out: dict[int, tuple[str, ...]] = {}
    for cid in rows:
        names: list[str] = []
        node: int | None = cid
        while node is not None and node in rows and len(names) <= len(rows):
            names.append(rows[node][0])
            node = rows[node][1]
        out[cid] = tuple(reversed(names))
    return out


def _unknown_columns(missing: list[list[str]], paths: dict[int, tuple[str, ...]]) -> str:
    """``‘d) CPD and Trainng’ (did you mean ‘Workforce/d) CPD and Training’?)``, for each column."""
    import difflib

    by_text = {join_path(p): p for p in paths.values()}
    by_name: dict[str, str] = {}
    for text, p in by_text.items():
        by_name.setdefault(p[-1].casefold(), text)
    out = []
    for parts in missing[:5]:
        header = join_path(parts)
        close = difflib.get_close_matches(header, list(by_text), n=1, cutoff=0.6)
        if not close:
            name = difflib.get_close_matches(parts[-1].casefold(), list(by_name), n=1, cutoff=0.6)
            close = [by_name[name[0]]] if name else []
        out.append(f"‘{header}’" + (f" (did you mean ‘{close[0]}’?)" if close else ""))
    return "; ".join(out) + ("; …" if len(missing) > 5 else "")


def import_code_sheet(
    project: Project,
    path: str | Path,
    id_column: str,
    coder: str,
    question: str | None = None,
    sheet: str | None = None,
    new_codes: bool = False,
) -> CodeSheetReport:
    """A 0/1 sheet (one row per respondent, one column per code) as whole-answer codings.

    A column must head a code of the codebook (its path ``Theme/Code``, a
    name's own "/" written ``\\/``: :func:`qualcode.core.model.split_path`).
    In a project that has a codebook, columns that match no code are refused
    with the closest codes ("did you mean"), since a typing slip in a header
    would otherwise create a new code and leave the real one at 0; with
    ``new_codes`` they become new codes (as they do in a project without codes).
    """
    from qualcode.io.exchange.codebook_json import MAX_DEPTH
    from qualcode.io.survey_table import read_code_sheet

    path = Path(path)
    if not coder.strip():
        raise ImportRefused(path, "name the coder whose codings these are (--coder)")
    # attributes and the answer texts a code sheet may carry ("answer") are not codes
    ignore = [*project.participants.attribute_types(), "answer"]
    data = read_code_sheet(path, id_column, sheet, ignore_columns=ignore)
    too_deep = next((p for p in data.codes if len(p) > MAX_DEPTH), None)
    if too_deep:  # a header of thousands of "/" would nest codes deeper than any codebook can hold
        raise ImportRefused(path, f"the column headed ‘{too_deep[0]}/…’ names a code {len(too_deep):,} levels deep; "
                                  f"qualcode reads codebooks up to {MAX_DEPTH} levels")
    report = CodeSheetReport(str(path), warnings=list(data.warnings))
    project.backups.before("code-sheet import")
    with project.transaction() as s:
        questions = dict(s.execute(select(QuestionRow.name, QuestionRow.id)).all())
        if question is None:
            if len(questions) != 1:
                names = ", ".join(sorted(questions)) or "none yet"
                raise ImportRefused(path, f"say which question the codes belong to (--question); "
                                          f"the project has: {names}")
            question = next(iter(questions))
        if question not in questions:
            raise ImportRefused(path, f"the project has no question ‘{question}’ "
                                      f"(it has: {', '.join(sorted(questions)) or 'none'})")
        answers = {pseud: (doc_id, length) for pseud, doc_id, length in s.execute(
            select(ParticipantRow.pseudonym, DocumentRow.id, DocumentRow.length)
            .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
            .where(DocumentRow.question_id == questions[question]))}
        created: list[int] = []
        known = [name for (name,) in s.execute(select(CodeRow.name))]
        paths = _paths(s)
        code_ids: dict[tuple[str, ...], int] = {}
        missing: list[list[str]] = []
        for p in data.codes:
            found = _existing_code(s, project, p, paths)
            if found is None:
                missing.append(p)
            else:
                code_ids[tuple(p)] = found
        if missing and known and not new_codes:
            n = len(missing)
            raise ImportRefused(path, f"{n} column{'' if n == 1 else 's'} match{'es' if n == 1 else ''} no code of "
                                      f"the codebook: {_unknown_columns(missing, paths)}; correct the header, or "
                                      "import with --new-codes to add them as new codes")
        for p in missing:
            code_ids[tuple(p)] = _code_for_path(s, project, p, created)
        nested = [join_path(p) for p in missing if len(p) > 1]
        if nested:  # "Transport to/ from services" is a code of its own far more often than a theme
            report.warnings.append(
                f"{len(nested)} new column header(s) were read as Theme/Code paths: "
                + ", ".join(f"‘{'/'.join(p)}’" for p in missing if len(p) > 1)
                + "; if a '/' belongs to a code's name, write it '\\/' in the header or import the codebook first")
        if created and known:
            # A new code in a project that has a codebook is often a typing slip in the sheet.
            import difflib

            for code_id in created:
                name = s.get_one(CodeRow, code_id).name
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f" (did you mean ‘{close[0]}’?)" if close and close[0] != name else ""
                report.warnings.append(f"new code ‘{name}’ created from the sheet's header{hint}")
        coder_id_name = coder.strip()
        # Coverage (qualcode.core.reliability.coverage): the coder read every answer to this question
        # that the sheet has a row for — a row of zeros is "nothing applied", not "not seen".
        sheet_coder = project.coder_id_in(s, coder_id_name)
        keep_inferred_in(s, sheet_coder)
        report.coded_through = mark_coded_in(
            s, sheet_coder, [answers[rid][0] for rid, _ in data.rows if rid in answers and answers[rid][1] > 0],
            "code sheet")
        unknown: list[str] = []
        no_answer: list[str] = []
        for rid, row_paths in data.rows:
            if not row_paths:
                continue
            if rid not in answers:
                (no_answer if s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == rid))
                 else unknown).append(rid)
                continue
            doc_id, length = answers[rid]
            if length == 0:
                continue
            report.respondents += 1
            for p in row_paths:
                project.coding.apply_in(s, doc_id, 0, length, code_ids[tuple(p)], coder=coder_id_name)
                report.codings += 1
        if unknown:
            report.warnings.append(f"{len(unknown)} respondent id(s) are not in the project and were skipped: "
                                   + ", ".join(unknown[:5]) + ("…" if len(unknown) > 5 else ""))
        if no_answer:
            report.warnings.append(f"{len(no_answer)} respondent(s) have codes but no answer to ‘{question}’: "
                                   + ", ".join(no_answer[:5]) + ("…" if len(no_answer) > 5 else ""))
        report.codes_created = len(created)
        project.audit(s, "import code sheet", "project", None,
                      {"file": path.name, "coder": coder_id_name, "question": question,
                       "codings": report.codings})
    project.emit(events.CODES_CHANGED)
    project.emit(events.CODINGS_CHANGED)
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
