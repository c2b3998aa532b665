"""The header rows of survey exports: Qualtrics, SurveyMonkey, Forms, plain.

Survey tools do not agree on headers.  Qualtrics writes three header rows
(short ids, question text, ``{"ImportId":...}``); SurveyMonkey writes two,
the question spanning its option columns in the first and ``Response`` or
the option in the second; Microsoft and Google Forms write one plain row.
This module turns any of them into one unique name per column, keeps the
question text as a description, and notes the respondent id column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.grid import Cell, Grid, trim_row

_IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')
_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)\s*%?\s*$")
_DATE = re.compile(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_SM_RESPONSE = frozenset({"Response", "Open-Ended Response"})


@dataclass
class Header:
    """Column names for a grid and how many of its rows were header rows."""

    names: list[str]
    rows_used: int
    shape: str = "plain"  # qualtrics | surveymonkey | microsoft_forms | google_forms | plain
    id_column: str | None = None
    descriptions: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_header(path: Path, grid: Grid) -> Header:
    """Recognise the export shape and name every column."""
    rows = grid.rows
    first = [c.strip() if c else "" for c in trim_row(rows[0])]
    second = [c.strip() if c else "" for c in rows[1]] if len(rows) > 1 else []
    third = rows[2] if len(rows) > 2 else []
    if third and _mostly(third, lambda c: bool(_IMPORT_ID.match(c))):
        header = _qualtrics(first, second, 3)
    elif {"ResponseId", "ResponseID", "_recordId"} & set(first) and "StartDate" in first and second:
        header = _qualtrics(first, second, 2)
    elif _is_surveymonkey(first, second):
        header = _surveymonkey(first, second)
    else:
        _check_looks_like_header(path, grid)
        header = Header(list(first), 1)
        if first[:3] == ["ID", "Start time", "Completion time"]:
            header.shape, header.id_column = "microsoft_forms", "ID"
        elif first and first[0] == "Timestamp":
            header.shape = "google_forms"
            header.warnings.append(
                "Google Forms exports have no respondent id column; respondents are numbered by their "
                "line unless you choose an id column"
            )
    header.names = _unique_names(header.names, header.warnings)
    return header


def _mostly(row: list[Cell], test) -> bool:
    cells = [c for c in row if c]
    return bool(cells) and sum(1 for c in cells if test(c)) >= 0.8 * len(cells)


def _qualtrics(ids: list[str], questions: list[str], rows_used: int) -> Header:
    descriptions = {name: q for name, q in zip(ids, questions) if name and q and q != name}
    id_column = next((c for c in ("ResponseId", "ResponseID", "_recordId") if c in ids), None)
    return Header(list(ids), rows_used, "qualtrics", id_column, descriptions)


def _is_surveymonkey(first: list[str], second: list[str]) -> bool:
    if not second:
        return False
    fills_gaps = any(not first[j] and second[j] for j in range(min(len(first), len(second))))
    says_response = any(c in _SM_RESPONSE for c in second)
    return ("Respondent ID" in first and (fills_gaps or says_response)) or (fills_gaps and says_response)


def _surveymonkey(first: list[str], second: list[str]) -> Header:
    """Spread each question over the columns it spans and add the option label."""
    width = max(len(first), len(second))
    first = first + [""] * (width - len(first))
    second = second + [""] * (width - len(second))
    tops: list[str] = []
    current = ""
    for j in range(width):
        if first[j]:
            current = first[j]
        elif not second[j]:
            current = ""  # a blank pair ends the span
        tops.append(first[j] or current)
    span = Counter(tops)
    names, descriptions = [], {}
    for top, sub in zip(tops, second):
        # Two cases read plainer than one nested conditional expression.
        if not sub or (sub in _SM_RESPONSE and span[top] == 1):  # noqa: SIM108
            name = top
        else:
            name = f"{top} - {sub}" if top else sub
        names.append(name)
        if top and name != top:
            descriptions[name] = top
    id_column = "Respondent ID" if "Respondent ID" in first else None
    return Header(names, 2, "surveymonkey", id_column, descriptions)


def _unique_names(names: list[str], warnings: list[str]) -> list[str]:
    """Blank names become "Column 3"; repeated names get " (2)", with a warning."""
    out: list[str] = []
    seen: Counter[str] = Counter()
    blank, repeated = [], []
    for j, name in enumerate(names, start=1):
        name = " ".join(name.split())
        if not name:
            name = f"Column {j}"
            blank.append(j)
        seen[name.lower()] += 1
        if seen[name.lower()] > 1:
            repeated.append(name)
            name = f"{name} ({seen[name.lower()]})"
        out.append(name)
    if blank:
        warnings.append(f"column(s) {', '.join(map(str, blank[:10]))} had no name and were called 'Column N'")
    if repeated:
        shown = ", ".join(f"'{n}'" for n in dict.fromkeys(repeated))
        warnings.append(f"repeated column name(s) {shown} were numbered to keep them apart")
    return out


def _filled(rows: list[list[Cell]], j: int) -> list[str]:
    """Column ``j``'s non-blank cells, from the rows long enough to have one."""
    cells = [r[j] for r in rows if j < len(r)]
    return [c for c in cells if c]


def _check_looks_like_header(path: Path, grid: Grid) -> None:
    """Refuse a sheet whose first row is an answer rather than column names.

    Column names are rarely bare numbers or dates, and a name does not
    recur as a value in its own column; a first row of data does both.
    """
    first = grid.rows[0]
    below = grid.rows[1:21]
    for j, cell in enumerate(first):
        if cell and (_NUMBER.match(cell) or _DATE.match(cell)):
            column = _filled(below, j)
            if not column or sum(1 for c in column if _NUMBER.match(c) or _DATE.match(c)) >= 0.5 * len(column):
                raise ImportRefused(
                    path,
                    f"the first row looks like data, not a header: '{cell.strip()}' in column {j + 1} "
                    "is a number or date; add a first row that names each column",
                )
    for j, cell in enumerate(first):
        column = _filled(below, j)
        if cell and any(ch.isdigit() for ch in cell) and len(column) >= 3:
            shape = _shape(cell)
            if sum(1 for c in column if _shape(c) == shape) >= 0.8 * len(column):
                raise ImportRefused(
                    path,
                    f"the first row looks like data, not a header: '{cell.strip()}' in column {j + 1} "
                    "has the same form as the values below it; add a first row that names each column",
                )
    recurring = [
        j for j, cell in enumerate(first)
        if cell and any(c.strip().lower() == cell.strip().lower() for c in _filled(below, j))
    ]
    long_text = [c for c in first if c and len(c) > 80 and "?" not in c]
    if len(recurring) >= 2 or (recurring and long_text):
        shown = (first[recurring[0]] or "").strip()
        raise ImportRefused(
            path,
            f"the first row looks like data, not a header: '{shown}' in column {recurring[0] + 1} "
            "also appears as an answer below it; add a first row that names each column",
        )


def _shape(cell: str) -> str:
    """"R12" → "a9", "P-03" → "a-9": the form of an id, without its value."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", cell.strip()))
