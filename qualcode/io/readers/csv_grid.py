"""CSV exports (.csv): delimiter and encoding found from the data.

Excel writes ";" in much of Europe and tab-separated UTF-16 for "Unicode
text"; Qualtrics and Google write UTF-8 with commas.  The delimiter is the
candidate that splits the first records into the same number of fields.

Quotes are read strictly.  An opening quote that is never closed would
otherwise take every following row into one answer, and a quote closed a
few lines late takes the next respondent's row into an answer that looks
fine; both are refused with the line where the quote opened.  Lines are
decoded one by one when a file mixes UTF-8 and Windows-1252
(:func:`~qualcode.io.textnorm.decode_lines`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.grid import Grid, clean_cell, trim_row
from qualcode.io.textnorm import decode_lines

DELIMITERS = (",", ";", "\t", "|")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def read_csv_grid(path: Path, data: bytes) -> Grid:
    """Every record with the line it starts on; blank lines are skipped."""
    decoded = decode_lines(data, path)
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused(path, "the file is empty")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused(path, _malformed(str(exc), start, reader.line_num)) from None
    _refuse_swallowed_rows(path, records, delimiter)
    rows, lines = [], []
    for start, record in records:
        # Not trimmed: "a,b," has three fields, and ragged rows are judged on that.
        row = [clean_cell(v) for v in record]
        if any(cell is not None for cell in row):
            rows.append(row)
            lines.append(start)
    return Grid(rows, lines, warnings=list(decoded.warnings))


def _malformed(error: str, start: int, line: int) -> str:
    if "unexpected end of data" in error:
        return (f"line {start}: a quote opened on this line is never closed, so every row after it would be "
                "read as one answer; add the missing quote (\") and import again")
    where = f"; the field that starts on line {start} probably lacks its closing quote" if start < line else ""
    return f"line {line}: the CSV is malformed ({error}){where}"


def _refuse_swallowed_rows(path: Path, records: list[tuple[int, list[str]]], delimiter: str) -> None:
    """Refuse an answer that runs on into what looks like the next respondent's row.

    A quote closed a few lines late leaves well-formed CSV: the rows in
    between become part of one answer.  Such a row is recognised by having
    several fields (no more than a row has) and a first cell of the same
    form as the other rows' first cells (an id or a date: digits in a fixed
    shape) that is no other row's first cell — it went missing.  A numbered
    list inside an answer ("1, more staff") repeats ids that exist.
    """
    widths = Counter(len(record) for _, record in records)
    width = widths.most_common(1)[0][0] if widths else 0
    shapes = Counter(_shape(record[0]) for _, record in records if record and record[0].strip())
    if width < 2 or not shapes:
        return
    shape, count = shapes.most_common(1)[0]
    if "9" not in shape or count < 0.5 * len(records):
        return
    firsts = {record[0].strip() for _, record in records if record}
    for start, record in records:
        newlines_before = 0
        for value in record:
            if "\n" not in value and "\r" not in value:
                continue
            value = value.replace("\r\n", "\n").replace("\r", "\n")
            for k, line in enumerate(value.split("\n")[1:], start=1):
                fields = next(csv.reader([line], delimiter=delimiter), [])
                if 2 <= len(fields) <= width and _shape(fields[0]) == shape and fields[0].strip() not in firsts:
                    raise ImportRefused(
                        path, f"line {start}: the quoted text that starts on this line runs on into line "
                        f"{start + newlines_before + k} ('{line[:40]}'), which looks like the next respondent's row; "
                        "a closing quote is probably missing — fix it and import again",
                    )
            newlines_before += value.count("\n")


def _shape(cell: str) -> str:
    """"R12" → "a9", "2024-03-01" → "9-9-9": the form of an id or a date, not its value."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", cell.strip()))


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most consistent field count over 50 records."""
    sample = text[:65_536]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if len(sample) < len(text) and len(records) > 1:
            records = records[:-1]  # the sample may cut the last record
        records = records[:50]
        if not records:
            continue
        widths = Counter(len(trim_row([clean_cell(v) for v in r])) or 1 for r in records)
        width, count = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (count / len(records), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def delimiter_name(delimiter: str) -> str:
    """"comma", "semicolon", ... for messages."""
    return _NAMES.get(delimiter, repr(delimiter))
