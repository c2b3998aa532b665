"""Survey exports and spreadsheets: answers, attributes and code sheets.

Report authors arrive with a CSV or Excel export (Qualtrics, SurveyMonkey,
Microsoft or Google Forms, or a sheet of their own): one row per respondent,
a few open-ended questions, closed fields that define groups, and sometimes
one 0/1 column per code.  This module reads such a sheet into a
:class:`SurveyTable` and pulls out what the import step needs; every
problem is an :class:`ImportRefused` naming the file, the line and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from qualcode.io.base import ImportRefused, file_hash
from qualcode.io.code_marks import header_path, not_a_code
from qualcode.io.code_marks import mark as _mark
from qualcode.io.csv_cells import restore as restore_cell
from qualcode.io.readers.grid import Cell, Grid, no_such
from qualcode.io.readers.survey_exports import read_header
from qualcode.io.registry import read_capped

ColumnType = Literal["number", "category", "date", "text"]
Value = int | float | dt.date | dt.datetime | str | None

# A short row is padded; more than this share of short rows means the
# delimiter or the quoting is wrong and padding would misplace answers.
MAX_SHORT_ROW_SHARE = 0.1

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$")
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ",
    "%d/%m/%Y", "%m/%d/%Y", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%d.%m.%Y", "%d.%m.%Y %H:%M", "%Y/%m/%d %I:%M:%S %p",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
)
# Google Forms adds the time zone ("10:15:00 AM GMT+1"); the time is kept as written.
_ZONE = re.compile(r"\s+(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?$")


@dataclass
class SurveyTable:
    """One sheet: unique column names, rows of cell text, detected column types."""

    path: str
    columns: list[str]
    rows: list[list[Cell]]
    column_types: dict[str, ColumnType]
    row_lines: list[int]  # line (CSV) or row (Excel) number of each row, for messages
    descriptions: dict[str, str] = field(default_factory=dict)  # question text per column
    shape: str = "plain"  # qualtrics | surveymonkey | microsoft_forms | google_forms | plain
    id_column: str | None = None  # the export's respondent id column, when recognised
    sheet: str | None = None
    source_hash: str = ""
    warnings: list[str] = field(default_factory=list)
    date_formats: dict[str, str] = field(default_factory=dict, repr=False)

    def index(self, column: str) -> int:
        """Position of ``column``, or a refusal that suggests the closest name."""
        try:
            return self.columns.index(column)
        except ValueError:
            raise ImportRefused(self.path, no_such("column", column, self.columns)) from None

    def values(self, column: str) -> list[Cell]:
        """The cells of one column, top to bottom."""
        j = self.index(column)
        return [row[j] for row in self.rows]

    def typed(self, column: str, cell: Cell) -> Value:
        """``cell`` as the Python value its column type implies (blank → None)."""
        if cell is None or not cell.strip():
            return None
        kind = self.column_types.get(column, "text")
        text = cell.strip()
        if kind == "number":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
        if kind == "date":
            fmt = self.date_formats.get(column)
            if not fmt:
                return text
            try:
                parsed = dt.datetime.strptime(_ZONE.sub("", text), fmt)
            except ValueError:
                return text
            return parsed.date() if "%H" not in fmt and "%I" not in fmt else parsed
        return text


@dataclass
class Respondent:
    id: str
    line: int
    attributes: dict[str, Value] = field(default_factory=dict)


@dataclass
class QuestionAnswers:
    """The non-blank answers to one question and how many left it blank."""

    column: str
    question: str  # the full question text where the export gives one
    answers: list[tuple[str, str]]  # (respondent id, answer text, stripped)
    blank: int


@dataclass
class SurveyAnswers:
    respondents: list[Respondent]
    questions: list[QuestionAnswers]
    warnings: list[str] = field(default_factory=list)


@dataclass
class CodeSheet:
    """Codings from a 0/1 sheet: per respondent the code paths applied."""

    codes: list[list[str]]  # every code column, as a path ["Theme", "Sub-theme", "Code"]
    rows: list[tuple[str, list[list[str]]]]
    ignored_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_table(path: str | Path, sheet: str | None = None) -> SurveyTable:
    """Read a .csv or .xlsx export into a :class:`SurveyTable`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".tsv"):
        hint = "; save it as .xlsx or .csv" if suffix in (".xls", ".ods", ".numbers") else ""
        raise ImportRefused(path, f"'{suffix or path.name}' files cannot be read as a survey table{hint}")
    data = read_capped(path)
    if not data:
        raise ImportRefused(path, "the file is empty")
    try:
        grid = _read_grid(path, data, suffix, sheet)
        return _build_table(path, grid, file_hash(data))
    except ImportRefused:
        raise
    except Exception as exc:  # any library failure becomes a refusal, not a crash
        raise ImportRefused(path, f"the file could not be read ({type(exc).__name__}: {exc})") from exc


def _read_grid(path: Path, data: bytes, suffix: str, sheet: str | None) -> Grid:
    if suffix == ".xlsx":
        from qualcode.io.readers.xlsx_grid import read_xlsx_grid

        return read_xlsx_grid(path, data, sheet)
    from qualcode.io.readers.csv_grid import read_csv_grid

    return read_csv_grid(path, data)


def _build_table(path: Path, grid: Grid, source_hash: str) -> SurveyTable:
    where = f"the sheet '{grid.sheet}'" if grid.sheet else "the file"
    if not grid.rows:
        raise ImportRefused(path, f"{where} is empty")
    header = read_header(path, grid)
    rows, lines = grid.rows[header.rows_used:], grid.lines[header.rows_used:]
    if not rows:
        raise ImportRefused(path, f"{where} has column names but no rows of answers")
    warnings = grid.warnings + header.warnings
    names = header.names
    rows = _fit_rows(path, grid, names, rows, lines, warnings)
    table = SurveyTable(
        str(path), names, rows, {}, lines, header.descriptions, header.shape, header.id_column,
        grid.sheet, source_hash, warnings,
    )
    for j, name in enumerate(names):
        table.column_types[name], fmt = detect_type([row[j] for row in rows])
        if fmt:
            table.date_formats[name] = fmt
    return table


def _fit_rows(path: Path, grid: Grid, names: list[str], rows: list[list[Cell]],
              lines: list[int], warnings: list[str]) -> list[list[Cell]]:
    """Make every row as wide as the header, or refuse when that would shift answers."""
    width = len(names)
    rows = [r[:width] if len(r) > width and not any(r[width:]) else r for r in rows]  # empty extra fields
    long = [(line, len(r)) for r, line in zip(rows, lines) if len(r) > width]
    if long and grid.ragged_allowed:
        extra = max(n for _, n in long)
        for j in range(width, extra):
            names.append(f"Column {j + 1}")
        warnings.append(f"{extra - width} column(s) with data but no name were called 'Column N'")
        width = extra
    elif long:
        shown = ", ".join(str(line) for line, _ in long[:5])
        raise ImportRefused(
            path,
            f"line(s) {shown} have more fields than the header ({long[0][1]} instead of {width}); an answer "
            "probably holds an unquoted delimiter — export the file again with quoted text fields",
        )
    short = [line for r, line in zip(rows, lines) if len(r) < width]
    if short and not grid.ragged_allowed:
        shown = ", ".join(str(n) for n in short[:5]) + (f" and {len(short) - 5} more" if len(short) > 5 else "")
        if len(short) > max(3, MAX_SHORT_ROW_SHARE * len(rows)):
            raise ImportRefused(
                path,
                f"{len(short)} of {len(rows)} rows have fewer fields than the header (lines {shown}); "
                "the file is too ragged to read safely — check the delimiter or export it again",
            )
        warnings.append(f"line(s) {shown} had fewer fields than the header; the missing cells were left blank")
    return [r + [None] * (width - len(r)) if len(r) < width else r for r in rows]


def detect_type(cells: list[Cell]) -> tuple[ColumnType, str | None]:
    """The type of a column and, for dates, the format that reads every value.

    Open-ended text is told from a short category by length and by how many
    values repeat: categories are short and recur, answers are long or
    mostly unique.
    """
    values = [c.strip() for c in cells if c and c.strip()]
    if not values:
        return "text", None
    if all(_NUMBER.match(v) for v in values):
        return "number", None
    fmt = _date_format(values)
    if fmt:
        return "date", fmt
    n = len(values)
    mean_len = sum(len(v) for v in values) / n
    mean_words = sum(v.count(" ") + 1 for v in values) / n
    distinct = len(set(values)) / n
    if mean_len >= 40 or max(len(v) for v in values) >= 150:
        return "text", None
    if distinct <= 0.5:
        return "category", None
    if mean_words >= 3:
        return "text", None
    # Mostly unique short phrases are brief answers; unique single words are ids or labels.
    phrases = sum(1 for v in values if " " in v) / n
    return ("text" if distinct > 0.8 and phrases >= 0.3 else "category"), None


def _date_format(values: list[str]) -> str | None:
    sample = [_ZONE.sub("", v) for v in values[:: max(1, len(values) // 300)]]
    if not sample[0][:1].isdigit():
        return None
    for fmt in _DATE_FORMATS:
        try:
            for v in sample:
                dt.datetime.strptime(v, fmt)
        except ValueError:
            continue
        return fmt
    return None


def _column_check(table: SurveyTable, columns: list[str]) -> list[int]:
    return [table.index(c) for c in columns]


def _respondent_ids(table: SurveyTable, id_column: str | None) -> list[str]:
    """One id per row; blank or repeated ids are refused with their lines."""
    if id_column is None:
        return [str(line) for line in table.row_lines]
    j = table.index(id_column)
    ids = [(row[j] or "").strip() for row in table.rows]
    blank = [line for rid, line in zip(ids, table.row_lines) if not rid]
    if blank:
        shown = ", ".join(map(str, blank[:5])) + (f" and {len(blank) - 5} more" if len(blank) > 5 else "")
        raise ImportRefused(table.path, f"the respondent id ('{id_column}') is blank on line(s) {shown}")
    where: defaultdict[str, list[int]] = defaultdict(list)
    for rid, line in zip(ids, table.row_lines):
        where[rid].append(line)
    repeated = [(rid, lines) for rid, lines in where.items() if len(lines) > 1]
    if repeated:
        shown = "; ".join(f"'{rid}' on lines {', '.join(map(str, lines[:4]))}" for rid, lines in repeated[:3])
        more = f" (and {len(repeated) - 3} more ids)" if len(repeated) > 3 else ""
        raise ImportRefused(
            table.path,
            f"{len(repeated)} respondent id(s) in '{id_column}' appear more than once: {shown}{more}; "
            "each respondent needs a unique id",
        )
    return ids


def survey_answers(table: SurveyTable, id_column: str | None, question_columns: Sequence[str],
                   attribute_columns: Sequence[str] = ()) -> SurveyAnswers:
    """Respondents with typed attributes and the answers to each open question.

    ``id_column`` None numbers respondents by their line (Google Forms has
    no id).  Answers are stripped; blank answers are counted, not kept, so
    prevalence can use the number who answered as its base.
    """
    question_idx = _column_check(table, list(question_columns))
    attribute_idx = _column_check(table, list(attribute_columns))
    ids = _respondent_ids(table, id_column)
    respondents = [
        Respondent(rid, line, {c: table.typed(c, row[j]) for c, j in zip(attribute_columns, attribute_idx)})
        for rid, line, row in zip(ids, table.row_lines, table.rows)
    ]
    questions = []
    for column, j in zip(question_columns, question_idx):
        answers = [(rid, _stripped(row[j])) for rid, row in zip(ids, table.rows) if _stripped(row[j])]
        question = table.descriptions.get(column, column)
        questions.append(QuestionAnswers(column, question, answers, len(table.rows) - len(answers)))
    warnings = list(table.warnings)
    if id_column is None:
        warnings.append("no respondent id column was chosen; respondents are numbered by their line")
    return SurveyAnswers(respondents, questions, warnings)


def read_attributes(path: str | Path, id_column: str, sheet: str | None = None) -> dict[str, dict[str, Value]]:
    """{respondent id: {attribute: typed value}} for every other column.

    Values are typed by column (int/float, date, or text); blank cells are
    None so every respondent has every attribute.
    """
    table = read_table(path, sheet)
    attributes = [c for c in table.columns if c != id_column]
    answers = survey_answers(table, id_column, [], attributes)
    return {r.id: r.attributes for r in answers.respondents}


def read_code_sheet(path: str | Path, id_column: str, sheet: str | None = None,
                    ignore_columns: Collection[str] = ()) -> CodeSheet:
    """Codings from a sheet with one column per code (header ``Theme/Sub-theme/Code``).

    A cell counts as applied for 1, yes, y, x, true or a tick, and not for
    0, no, false or blank.  Columns that are not 0/1 columns (e.g. a region)
    are ignored with a warning; a code column with a few unreadable cells is
    refused rather than guessed at.  ``ignore_columns`` names columns that are
    known not to be codes (the project's attributes, such as years in post,
    whose small numbers would otherwise read as counts).
    """
    ignored_names = {c.casefold() for c in ignore_columns}
    table = read_table(path, sheet)
    ids = _respondent_ids(table, id_column)
    id_j = table.index(id_column)
    # A CSV code sheet qualcode wrote carries a protecting quote before names and ids that a
    # spreadsheet would run as formulas ("'=SUM(A1)"); read them back as they were.
    from_csv = Path(path).suffix.lower() in (".csv", ".tsv", ".txt")
    if from_csv:
        ids = [restore_cell(i) for i in ids]
    code_columns: list[tuple[int, list[str]]] = []
    ignored: list[str] = []
    left_out: list[str] = []  # columns of marks that still are not codes: ratings, all blank
    for j, name in enumerate(table.columns):
        if j == id_j:
            continue
        if from_csv:
            name = restore_cell(name)
        if name.casefold() in ignored_names:
            ignored.append(name)
            continue
        cells = [(_stripped(row[j]), line) for row, line in zip(table.rows, table.row_lines) if _stripped(row[j])]
        odd = [(v, line) for v, line in cells if _mark(v) is None]
        why = None if odd else not_a_code([v for v, _ in cells])
        if why:
            left_out.append(f"'{name}' ({why})")
        elif not odd:
            code_columns.append((j, header_path(name)))  # "Theme/A\/B" or "A/ B": a "/" in a name
        elif len(odd) <= len(cells) / 2:
            shown = ", ".join(f"'{v}' on line {line}" for v, line in odd[:3])
            raise ImportRefused(
                table.path,
                f"the code column '{name}' has cells that are neither applied (1, yes, x) nor not applied "
                f"(0, no, blank): {shown}",
            )
        else:
            ignored.append(name)
    if not code_columns:
        raise ImportRefused(table.path, "no column holds 1/0, yes/no or x marks, so there are no codes to read")
    rows = [
        (rid, [parts for j, parts in code_columns if _mark(_stripped(row[j]))])
        for rid, row in zip(ids, table.rows)
    ]
    warnings = list(table.warnings)
    if ignored:
        shown = ", ".join(f"'{c}'" for c in ignored[:10])
        warnings.append(f"column(s) {shown} were not read as codes (attributes, or no 1/0 or yes/no marks)")
    ratings, blank = [c for c in left_out if "blank" not in c], [c for c in left_out if "blank" in c]
    if ratings:  # a code column holds 0/1, yes/no or x marks
        warnings.append(f"column(s) {', '.join(ratings)} were left out: a rating is not a code "
                        "(import it as an attribute: --survey with --attribute-column)")
    if blank:
        warnings.append(f"column(s) {', '.join(c.removesuffix(' (blank in every row)') for c in blank)} were left "
                        "out: blank in every row, so no code was made")
    return CodeSheet([parts for _, parts in code_columns], rows, ignored, warnings)


def _stripped(cell: Cell) -> str:
    """A cell's text without the spaces around it; an empty cell is ``""``."""
    return cell.strip() if cell else ""
