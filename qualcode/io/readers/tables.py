"""Tables inside documents, turned into transcript lines.

Some typists lay a transcript out as a table, ``speaker | text`` (sometimes
with a time or line-number column first).  Each such row becomes a line
``Speaker: text`` so speaker turns are found the same way as in running
text.  Other tables keep their cells, separated by tabs, row by row.
"""

from __future__ import annotations

import re

_TIME_OR_NUMBER = re.compile(r"^\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?|\d{1,6}\.?)\s*$")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_HEADER_WORDS = frozenset(
    {"speaker", "name", "who", "text", "transcript", "speech", "utterance", "time", "timestamp",
     "line", "#", "no", "no.", "dialogue", "content", "what was said", "person", "role"}
)


def table_lines(rows: list[list[str]]) -> list[str]:
    """The lines a table contributes to the document text, in row order."""
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    body = rows[1:] if _is_header(rows[0]) and len(rows) > 1 else rows
    layout = _speaker_layout(body, width)
    if layout is None:
        return ["\t".join(_without_trailing_blanks(r)) for r in rows]
    lead, speaker_col, text_col = layout
    lines = []
    for r in body:
        speaker = r[speaker_col].strip().rstrip(":").strip()
        text = r[text_col].strip()
        prefix = ""
        if lead is not None and _TIME.search(r[lead]):
            stamp = r[lead].strip().strip("[]()")
            prefix = f"[{stamp}] "
        lines.append(f"{prefix}{speaker}: {text}" if speaker else f"{prefix}{text}")
    return lines


def _is_header(row: list[str]) -> bool:
    cells = [c.strip().lower().rstrip(":") for c in row if c.strip()]
    return bool(cells) and all(c in _HEADER_WORDS for c in cells)


def _speaker_layout(rows: list[list[str]], width: int) -> tuple[int | None, int, int] | None:
    """(lead column, speaker column, text column) when the table is a transcript."""
    if width == 2:
        lead, speaker_col, text_col = None, 0, 1
    elif width == 3 and all(_TIME_OR_NUMBER.match(r[0]) or not r[0].strip() for r in rows):
        lead, speaker_col, text_col = 0, 1, 2
    else:
        return None
    speakers = [r[speaker_col].strip().rstrip(":") for r in rows if r[speaker_col].strip()]
    if not speakers:
        return None
    short = all(len(s) <= 40 and len(s.split()) <= 4 and "\n" not in s for s in speakers)
    distinct = len({s.lower() for s in speakers})
    has_text = sum(1 for r in rows if r[text_col].strip()) >= len(rows) / 2
    if short and has_text and distinct <= max(3, len(rows) // 2):
        return lead, speaker_col, text_col
    return None


def _without_trailing_blanks(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]
