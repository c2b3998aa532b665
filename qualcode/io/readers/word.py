"""Word transcripts (.docx) via python-docx.

Paragraphs and tables are read in document order from the body.  Text in
tracked insertions, hyperlinks, fields and content controls is kept; text
in tracked deletions, text boxes, headers, footers and comments is not,
because it is not part of what the participant said.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.office import damaged_message, open_package
from qualcode.io.readers.tables import table_lines
from qualcode.io.registry import ReadText, transcript_reader

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_P, _TBL, _SDT, _CUSTOM = f"{{{W}}}p", f"{{{W}}}tbl", f"{{{W}}}sdt", f"{{{W}}}customXml"
_TR, _TC, _SDT_CONTENT = f"{{{W}}}tr", f"{{{W}}}tc", f"{{{W}}}sdtContent"

# Runs that carry text a reader of the document sees.
_VISIBLE_RUNS = (
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)"
    " and not(ancestor::w:txbxContent) and not(ancestor::mc:Fallback)]"
)
_RUN_TEXT = {
    f"{{{W}}}t": None,  # its own text
    f"{{{W}}}tab": "\t",
    f"{{{W}}}ptab": "\t",
    f"{{{W}}}cr": "\n",
    f"{{{W}}}noBreakHyphen": "-",
}
_BR = f"{{{W}}}br"

_KIND, _APP = "Word document", "Word"


@transcript_reader(".docx")
def read_docx(path: Path, data: bytes) -> ReadText:
    """Body paragraphs and tables in order, one line per paragraph."""
    open_package(path, data, _KIND, _APP, "Word (.doc)").close()
    body = _open_body(path, data)
    lines = list(_blocks(body))
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return ReadText("\n".join(lines))


def _open_body(path: Path, data: bytes):  # -> lxml element
    import zipfile
    from io import BytesIO

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, EOFError, OSError):
        raise ImportRefused(path, damaged_message(_KIND, _APP)) from None
    except ValueError as exc:
        if "content type" in str(exc):
            raise ImportRefused(
                path, "this is not a plain Word document (perhaps a template or macro file); "
                "open it in Word and save it as a .docx document",
            ) from None
        raise
    except Exception as exc:
        if type(exc).__name__ == "XMLSyntaxError":
            raise ImportRefused(path, damaged_message(_KIND, _APP)) from None
        raise
    return document.element.body


def _blocks(parent) -> Iterator[str]:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _P:
            yield _paragraph_text(child)
        elif tag == _TBL:
            yield from table_lines(_table_rows(child))
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif tag == _CUSTOM:
            yield from _blocks(child)


def _table_rows(tbl) -> list[list[str]]:
    """Cell texts row by row; merged cells count once, nested tables are flattened."""
    rows = []
    for tr in tbl.iterchildren(_TR):
        cells = []
        for tc in tr.iterchildren(_TC):
            cells.append("\n".join(_blocks(tc)).strip("\n"))
        rows.append(cells)
    return rows


@cache
def _visible_runs():  # -> lxml.etree.XPath, compiled once on first use
    from lxml import etree

    return etree.XPath(_VISIBLE_RUNS, namespaces=_NS)


def _paragraph_text(p) -> str:
    parts: list[str] = []
    for run in _visible_runs()(p):
        for child in run.iterchildren():
            tag = child.tag
            if tag == _BR:
                # Page and column breaks are layout, not text.
                if child.get(f"{{{W}}}type") in (None, "textWrapping"):
                    parts.append("\n")
            elif tag in _RUN_TEXT:
                fixed = _RUN_TEXT[tag]  # what a tab, break or hyphen stands for; None: its own text
                parts.append(fixed if fixed is not None else (child.text or ""))
    return "".join(parts)
