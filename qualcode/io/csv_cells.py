"""CSV cells a spreadsheet shows as text, never runs as a formula.

Answers, respondent ids, attribute values and code names come from
participants and other people's files.  Excel, LibreOffice and Google
Sheets run a CSV cell beginning with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(…)`` sends data away when clicked), and a leading
tab or carriage return can hide one.  As OWASP recommends ("CSV
Injection"), such a cell is written with a single quote in front, which
the spreadsheet shows as text.  A cell that is a plain number (``-0.5``, a
negative kappa, ``+3``, ``12.5%``) is left as it is, so it still sorts and
sums.  :func:`restore` takes the quote off again when qualcode reads back
a file it wrote (an edited pseudonym mapping).
"""

from __future__ import annotations

import re

#: The characters a spreadsheet may take as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def is_number(text: str) -> bool:
    """Whether ``text`` is a plain number, which no spreadsheet runs as a formula."""
    return _NUMBER.fullmatch(text) is not None


def _runs(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` once any quotes in front of it are taken off."""
    bare = text.lstrip("'")
    return bare.startswith(FORMULA_START) and not is_number(bare)


def neutralise(text: str) -> str:
    """``text`` as a CSV cell that can only be shown, never run.

    Text that already begins with quotes before a formula character gets
    one more, so :func:`restore` gives back exactly what was written.
    """
    return "'" + text if _runs(text) else text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given (a cell without its protecting quote)."""
    return text[1:] if text.startswith("'") and _runs(text) else text
