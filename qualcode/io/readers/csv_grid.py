"""CSV exports (.csv): delimiter and encoding found from the data.

Excel writes ";" in much of Europe and tab-separated UTF-16 for "Unicode
text"; Qualtrics and Google write UTF-8 with commas.  The delimiter is the
candidate that splits the first records into the same number of fields.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.grid import Grid, clean_cell, trim_row
from qualcode.io.textnorm import decode_bytes

DELIMITERS = (",", ";", "\t", "|")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def read_csv_grid(path: Path, data: bytes) -> Grid:
    """Every record with the line it starts on; blank lines are skipped."""
    decoded = decode_bytes(data, path)
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused(path, "the file is empty")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, lines = [], []
    start = 1
    try:
        for record in reader:
            # Not trimmed: "a,b," has three fields, and ragged rows are judged on that.
            row = [clean_cell(v) for v in record]
            if any(cell is not None for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused(path, f"line {reader.line_num}: the CSV is malformed ({exc})") from None
    return Grid(rows, lines, warnings=list(decoded.warnings))


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
