"""Rich Text Format (.rtf) via striprtf, as WordPad, TextEdit and Word save it.

RTF is 7-bit text that names its code page (``\\ansicpg1252``) and writes
other characters as ``\\'e9`` or ``\\u233``; characters outside the BMP
(emoji) arrive as two UTF-16 halves, which we join back together.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.registry import ReadText, transcript_reader

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
# A table row as striprtf writes it: cells ended by "|".
_CELLS = re.compile(r"^(?:[^|\n]*\|){2,}$")


@transcript_reader(".rtf")
def read_rtf(path: Path, data: bytes) -> ReadText:
    """Plain text of the document; two-column tables become ``Speaker: text``."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise ImportRefused(path, "this is not an RTF document (it does not start with {\\rtf)")
    encoding = _codepage(data)
    source = data.decode(encoding, errors="replace")
    text = rtf_to_text(source, encoding=encoding, errors="replace")
    warnings = []
    text, lone = _join_surrogates(text)
    if lone:
        warnings.append(f"{lone} character(s) could not be decoded and were replaced with \ufffd")
    lines = _tables_to_turns(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    while lines and not lines[-1].strip():
        lines.pop()
    return ReadText("\n".join(lines), warnings=warnings)


def _codepage(data: bytes) -> str:
    m = _CODEPAGE.search(data[:4096])
    if m:
        encoding = f"cp{m.group(1).decode()}"
        try:
            codecs.lookup(encoding)
            return encoding
        except LookupError:
            pass
    return "cp1252"


def _join_surrogates(text: str) -> tuple[str, int]:
    """Pairs of UTF-16 surrogates become one character; lone halves become U+FFFD."""
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text, 0
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return joined, joined.count("\ufffd") - text.count("\ufffd")


def _tables_to_turns(lines: list[str]) -> list[str]:
    """striprtf ends each table cell with "|"; rebuild rows for :func:`table_lines`."""
    from qualcode.io.readers.tables import table_lines

    out: list[str] = []
    block: list[list[str]] = []
    for line in lines + [""]:
        if _CELLS.match(line):
            block.append(line.split("|")[:-1])
            continue
        if block:
            out.extend(table_lines(block))
            block = []
        out.append(line)
    return out[:-1]
