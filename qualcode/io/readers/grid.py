"""A sheet as read from a file: rows of cell strings and where each row was.

CSV and Excel readers both produce a :class:`Grid`, so the survey logic
(:mod:`qualcode.io.survey_table`) never needs to know the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | None


@dataclass
class Grid:
    """Rows of cells (None for blank), with the 1-based line or row number of each.

    Line numbers let every message point at the place a researcher can
    find in their spreadsheet or text editor.
    """

    rows: list[list[Cell]]
    lines: list[int]
    sheet: str | None = None
    warnings: list[str] = field(default_factory=list)
    ragged_allowed: bool = False  # Excel rows cannot be shifted by a stray delimiter


def clean_cell(value: str) -> Cell:
    """Line endings inside a cell made LF; blank cells become None."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value if value.strip() else None


def trim_row(row: list[Cell]) -> list[Cell]:
    """Without trailing blank cells (formatting often makes rows look wider)."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def no_such(kind: str, name: str, available: list[str]) -> str:
    """A message for a mistyped column or sheet name, with the closest match.

    Case is ignored when looking for a match, since "region" for "Region"
    is the most common slip.
    """
    from difflib import get_close_matches

    lowered = {a.lower(): a for a in available}
    close = [lowered[c] for c in get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)]
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    shown = ", ".join(f"'{a}'" for a in available[:25])
    more = f" and {len(available) - 25} more" if len(available) > 25 else ""
    return f"there is no {kind} named '{name}'{hint}; the {kind}s are {shown}{more}"
