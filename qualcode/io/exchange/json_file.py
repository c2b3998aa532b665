"""JSON files people edit by hand, read whole or refused in one line.

Codebooks and theme suggestions travel as JSON that researchers edit: a
missing comma, a name typed as a number, a list where a text belongs, a file
saved as Windows-1252, a link to a device, or a hostile file nested 20,000
levels deep.  :func:`read_json_file` refuses anything that is not a JSON
document of sane size and depth; :class:`Shape` checks the value of each
field a reader uses and names its place in the file (``codes[3].name is not
text``), so the researcher can find it in an editor and nothing half-read
reaches the project.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qualcode.core.errors import QualcodeError
from qualcode.io.base import ImportRefused
from qualcode.io.safety import read_regular_file

#: Far beyond any codebook or suggestion (a 5,000-code codebook is about 2 MB).
MAX_JSON_BYTES = 50 * 1024 * 1024


def read_json_file(path: str | Path) -> object:
    """The JSON value in ``path``: UTF-8 (with or without a BOM), standard JSON only.

    ``NaN`` and ``Infinity`` (which Python accepts and no other tool writes)
    are refused, as is nesting so deep that the parser would run out of stack.
    """
    path = Path(path)
    data = read_regular_file(path, MAX_JSON_BYTES, f"the file is over {MAX_JSON_BYTES // (1024 * 1024)} MB, "
                                                   "far larger than any codebook or suggestion")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(path, f"this is not UTF-8 text (byte {exc.start} cannot be read); save the file "
                                  "as UTF-8 and try again") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportRefused(path, f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except _NotJson as exc:
        raise ImportRefused(path, f"is not valid JSON ({exc.args[0]} is not a JSON number)") from None
    except RecursionError:
        raise ImportRefused(path, "is nested too deeply to be a codebook or a suggestion (lists or objects "
                                  "inside each other hundreds of levels deep)") from None


class _NotJson(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python extensions, not JSON."""


def _refuse_constant(name: str) -> object:
    raise _NotJson(name)


def kind_of(value: object) -> str:
    """What a JSON value is, in words: ``a number``, ``a list``, ``an object``…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


@dataclass(frozen=True)
class Shape:
    """Checks on the values read from one JSON document.

    ``refuse`` turns a problem (``codes[3].name is not text (it is a
    number)``) into the error to raise, e.g. an :class:`ImportRefused`
    naming the file.
    """

    refuse: Callable[[str], QualcodeError]

    def wrong(self, where: str, expected: str, value: object) -> QualcodeError:
        return self.refuse(f"{where} is not {expected} (it is {kind_of(value)})")

    def mapping(self, value: object, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.wrong(where, "an object", value)
        return value

    def items(self, value: object, where: str, missing_ok: bool = True) -> list:
        """A list; ``None`` (a missing field) is an empty list when ``missing_ok``."""
        if value is None and missing_ok:
            return []
        if not isinstance(value, list):
            raise self.wrong(where, "a list", value)
        return value

    def text(self, value: object, where: str, missing_ok: bool = True) -> str:
        """Text; ``None`` (a missing field or null) is ``""`` when ``missing_ok``."""
        if value is None and missing_ok:
            return ""
        if not isinstance(value, str):
            raise self.wrong(where, "text", value)
        return value

    def whole_number(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong(where, "a whole number", value)
        return value


def file_shape(path: str | Path) -> Shape:
    """A :class:`Shape` whose refusals name ``path``."""
    return Shape(lambda problem: ImportRefused(path, problem))
