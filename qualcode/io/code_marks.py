"""Which cells of a code sheet mark a code as applied, and which columns are codes at all.

A code column holds 0/1, yes/no, x or ticks and blanks.  Survey exports
carry other small-number columns beside the codes — a 1–5 rating, a
sentiment score, an empty "Service type 2" — and reading those as codes
would put a code on almost every answer (3,868 codings of a "Comment
sentiment" column in a real NHS sheet), so they are left out with a note
saying why.  Shared by the importer and the import dialog's preview, so
the preview lists exactly the columns the import will read.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from qualcode.core.model import split_path

APPLIED = frozenset({"1", "yes", "y", "x", "true", "✓", "✔", "☑", "1.0"})
NOT_APPLIED = frozenset({"0", "no", "n", "false", "-", "0.0", "✗", "✘", "☐"})
_NUMBER = re.compile(r"^\d+(?:\.0+)?$")


def mark(value: str) -> bool | None:
    """True for an applied mark, False for not applied, None if unreadable.

    A whole number above 1 counts as applied (a count of how often the code
    applies) — unless :func:`not_a_code` has already set the column aside.
    """
    low = value.strip().lower()
    if low in APPLIED:
        return True
    if low in NOT_APPLIED or not low:
        return False
    if _NUMBER.match(low):
        return float(low) > 0
    return None


def not_a_code(cells: list[str]) -> str | None:
    """Why a column of (stripped) cells is not a code column, or None when it may be one.

    Only blanks: nothing marks it, so there is no code to read.  Two or more
    different numbers above 1 ("1".."5"): a rating or score, not presence.
    Counts with one value above 1 (0/1/2) are still read as codes.
    """
    filled = [c for c in cells if c]
    if not filled:
        return "blank in every row"
    numbers = sorted({int(float(c)) for c in filled if _NUMBER.match(c)})
    if len([n for n in numbers if n > 1]) >= 2:
        return f"numbers {numbers[0]}–{numbers[-1]}, a rating"
    return None


def code_columns(columns: list[str], rows: list[list[str | None]], id_column: str | None,
                 ignore: Collection[str] = ()) -> tuple[list[str], list[str]]:
    """(the columns read as codes, the others with why) — the import's rule, for a preview.

    A column is a code when every filled cell is a mark (:func:`mark`) and
    :func:`not_a_code` finds no reason against it; ``ignore`` holds names
    (casefolded) known not to be codes, such as the project's attributes.
    """
    codes: list[str] = []
    others: list[str] = []
    for j, name in enumerate(columns):
        if name == id_column:
            continue
        cells = [(row[j] or "").strip() for row in rows if j < len(row)]
        if name.casefold() in ignore or any(mark(c) is None for c in cells):
            others.append(f"‘{name}’")
            continue
        why = not_a_code(cells)
        (others.append(f"‘{name}’ ({why})") if why else codes.append(name))
    return codes, others


_SPACED_SLASH = re.compile(r"(?<!\\)(?:(?<=\s)/|/(?=\s))")


def header_path(header: str) -> list[str]:
    """The code path a column header names: ``Theme/Code``, but ``Transport to/ from services`` whole.

    Only a "/" with no space on either side separates a theme from its code;
    a "/ " or " /" is part of the name (the NHS framework's "Impact of
    treatment/ care"), so it is read as if written ``\\/``.
    """
    return split_path(_SPACED_SLASH.sub(r"\\/", header)) or [header]
