"""Code sheets into codings: a 0/1 column per code, a row per respondent.

A code sheet is how a survey is often coded outside qualcode (in a
spreadsheet, or by a second coder), so its columns have to be matched to
the codebook with care: a typing slip in a header would otherwise create a
new code and leave the real one at 0, and a "/" may be a path or part of a
name.  The import also records what the sheet's coder coded through, so
agreement can be computed with them.  Each sheet is one transaction: a
refused sheet leaves the project exactly as it was.  Reading and checking
the file happen in :mod:`qualcode.io.survey_table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.model import CodeRole, join_path
from qualcode.core.reliability.coverage import keep_inferred_in, mark_coded_in
from qualcode.io.base import ImportRefused
from qualcode.store.schema import CodeRow, DocumentRow, ParticipantRow, QuestionRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


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
    from qualcode.io.exchange.codebooks.json_format import MAX_DEPTH
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

