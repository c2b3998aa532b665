"""What the researcher asked to import, and running it file by file.

The import dialogs build *plans* — transcripts to read, a survey table with
its chosen columns, a code sheet, an attribute sheet — and
:func:`run_plans` carries them out in order, each file in its own
transaction, reporting on every file.  It is Qt-free so the same batch can
run in a GUI worker, from a script or in a test.

A cancelled batch keeps the files already imported; the file in progress
is rolled back whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core import events
from qualcode.core.errors import Cancelled
from qualcode.core.progress import IsCancelled, Progress
from qualcode.io.base import ImportRefused
from qualcode.io.safety import check_archive_file
from qualcode.store.schema import AttributeRow, DocumentRow, ParticipantRow, QuestionRow

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.io.survey_table import SurveyTable


TABLE_SUFFIXES = (".csv", ".xlsx", ".tsv")
CODEBOOK_SUFFIXES = (".json",)  # an .xlsx codebook is chosen in the mapping dialog
_STEP = 1000  # progress units per file


@dataclass(frozen=True)
class TranscriptFiles:
    """Transcripts (any supported format), imported one file at a time."""

    paths: tuple[str, ...]
    participant: str | None = None


@dataclass(frozen=True)
class SurveyPlan:
    """A survey export: one answer document per non-empty answer to each open question."""

    path: str
    id_column: str | None
    question_columns: tuple[str, ...]
    attribute_columns: tuple[str, ...] = ()
    attribute_types: dict[str, str] = field(default_factory=dict)  # the researcher's choice, by column
    sheet: str | None = None


@dataclass(frozen=True)
class CodeSheetPlan:
    """A 0/1 sheet of codes per respondent, as one coder's codings of one question."""

    path: str
    id_column: str
    coder: str
    question: str | None
    sheet: str | None = None
    new_codes: bool = False  # columns that match no code become new codes (else refused, "did you mean")


@dataclass(frozen=True)
class AttributesPlan:
    """Attributes (variables) of participants or respondents, keyed by pseudonym or id."""

    path: str
    id_column: str
    attribute_types: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None


@dataclass(frozen=True)
class CodebookPlan:
    """A codebook (qualcode JSON, or an Excel sheet with path/name and definition columns)."""

    path: str


Plan = TranscriptFiles | SurveyPlan | CodeSheetPlan | AttributesPlan | CodebookPlan


@dataclass(frozen=True)
class FileResult:
    """What happened to one file; ``message`` names the file."""

    path: str
    imported: bool
    message: str
    warnings: tuple[str, ...] = ()
    cancelled: bool = False

    @property
    def name(self) -> str:
        return Path(self.path).name


def split_by_kind(paths: Sequence[str | Path]) -> tuple[list[str], list[str], list[str]]:
    """Transcripts (everything else: unknown kinds are refused by name), tables and codebooks."""
    transcripts: list[str] = []
    tables: list[str] = []
    codebooks: list[str] = []
    for p in paths:
        suffix = Path(p).suffix.lower()
        kind = tables if suffix in TABLE_SUFFIXES else codebooks if suffix in CODEBOOK_SUFFIXES else transcripts
        kind.append(str(p))
    return transcripts, tables, codebooks


def plan_files(plan: Plan) -> list[str]:
    return list(plan.paths) if isinstance(plan, TranscriptFiles) else [plan.path]


def sheet_names(path: str | Path) -> list[str]:
    """The worksheets of an .xlsx file (empty for other files or an unreadable one)."""
    if Path(path).suffix.lower() != ".xlsx":
        return []
    try:
        from openpyxl import load_workbook

        check_archive_file(path)  # never hand openpyxl a zip bomb, even to list the sheets
        workbook = load_workbook(path, read_only=True)
        try:
            return list(workbook.sheetnames)
        finally:
            workbook.close()
    except Exception:
        return []


def read_survey_table(path: str | Path) -> SurveyTable:
    """The file's table; in a workbook, the first sheet that reads as one (a notes sheet often comes first)."""
    from qualcode.io.survey_table import read_table

    try:
        return read_table(path)
    except ImportRefused as first:
        for sheet in sheet_names(path)[1:]:
            try:
                return read_table(path, sheet)
            except ImportRefused:
                continue
        raise first


def respondents_with_answers(project: Project, question: str) -> set[str]:
    """Ids of the respondents with a (non-blank) answer to ``question`` — to check a code sheet's question."""
    with project.read() as s:
        return set(s.scalars(
            select(ParticipantRow.pseudonym)
            .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
            .join(QuestionRow, QuestionRow.id == DocumentRow.question_id)
            .where(QuestionRow.name == question)))


def run_plans(project: Project, plans: Sequence[Plan], progress: Progress | None = None,
              is_cancelled: IsCancelled | None = None) -> list[FileResult]:
    """Import every plan in order; every file gets a result."""
    from qualcode.core.surveys.code_sheets import import_code_sheet
    from qualcode.core.surveys.importing import import_attributes, import_survey
    from qualcode.core.transcripts.importing import import_transcripts

    files = [f for plan in plans for f in plan_files(plan)]
    total = len(files) * _STEP
    results: list[FileResult] = []

    def within(first: int) -> Progress:
        """Progress of a file that is file number ``first`` of the batch."""
        def report(done: int, of: int) -> None:
            if progress:
                progress(first * _STEP + (_STEP * done // of if of else 0), total)
        return report

    def files_done(first: int) -> Progress:
        """Progress of a transcript batch starting at file ``first``: ``done`` files finished."""
        return lambda done, _of: within(first + done)(0, 1)

    for plan in plans:
        first = len(results)
        if is_cancelled and is_cancelled():
            results += [_cancelled(f) for f in plan_files(plan)]
            continue
        try:
            if isinstance(plan, TranscriptFiles):
                report = import_transcripts(project, plan.paths, plan.participant,
                                            progress=files_done(first), is_cancelled=is_cancelled)
                results += [FileResult(o.path, o.imported, o.message) for o in report.outcomes]
                results += [_cancelled(p) for p in plan.paths[len(report.outcomes):]]
            elif isinstance(plan, SurveyPlan):
                survey = import_survey(project, plan.path, plan.id_column, plan.question_columns,
                                       plan.attribute_columns, plan.sheet, within(first), is_cancelled)
                _set_attribute_types(project, plan.attribute_types)
                results.append(FileResult(plan.path, True, survey.summary(), tuple(survey.warnings)))
            elif isinstance(plan, CodebookPlan):
                from qualcode.core.themes.codebook import import_codebook

                created, existing = import_codebook(project, plan.path)
                project.emit(events.CODES_CHANGED)
                results.append(FileResult(plan.path, True, f"{Path(plan.path).name}: {created} codes added, "
                                                            f"{existing} already there"))
            elif isinstance(plan, CodeSheetPlan):
                sheet = import_code_sheet(project, plan.path, plan.id_column, plan.coder, plan.question, plan.sheet,
                                          new_codes=plan.new_codes)
                results.append(FileResult(plan.path, True, sheet.summary(), tuple(sheet.warnings)))
            else:
                n = import_attributes(project, plan.path, plan.id_column, plan.sheet)
                _set_attribute_types(project, plan.attribute_types)
                results.append(FileResult(plan.path, True, f"{Path(plan.path).name}: attributes set for "
                                                            f"{n} participants or respondents"))
        except Cancelled as exc:
            results.append(FileResult(plan_files(plan)[0], False, str(exc), cancelled=True))
        except ImportRefused as exc:
            results.append(FileResult(plan_files(plan)[0], False, str(exc)))
        except Exception as exc:
            name = Path(plan_files(plan)[0]).name
            results.append(FileResult(plan_files(plan)[0], False,
                                      f"{name}: could not be imported ({type(exc).__name__}: {exc})"))
        within(len(results))(0, 1)
    return results


def _cancelled(path: str) -> FileResult:
    return FileResult(path, False, f"{Path(path).name}: not imported (the import was cancelled)", cancelled=True)


def _set_attribute_types(project: Project, types: dict[str, str]) -> None:
    """Apply the types the researcher chose over the detected ones (e.g. a number as a category)."""
    from qualcode.core.participants import ATTRIBUTE_TYPES

    chosen = {name: t for name, t in types.items() if t in ATTRIBUTE_TYPES}
    if not chosen:
        return
    with project.transaction() as s:
        for row in s.scalars(select(AttributeRow).where(AttributeRow.name.in_(list(chosen)))):
            if row.type != chosen[row.name]:
                project.audit(s, "set attribute type", "attribute", row.id,
                              {"name": row.name, "from": row.type, "to": chosen[row.name]})
                row.type = chosen[row.name]
    project.emit(events.PARTICIPANTS_CHANGED)


def allowed_attribute_types(detected: str) -> tuple[str, ...]:
    """Types a column may be given: its detected type, or the looser category and text.

    A text column cannot become a number or a date: its values would not read back.
    """
    return (detected, *[t for t in ("category", "text") if t != detected])
