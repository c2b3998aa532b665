"""OpenDocument text (.odt) via odfpy, as LibreOffice and Word write it.

ODF stores repeated spaces as ``text:s``, tabs as ``text:tab`` and manual
line breaks as ``text:line-break``; plain whitespace inside the XML is
collapsed to one space, as every ODF application displays it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.office import damaged_message, open_package
from qualcode.io.readers.tables import table_lines
from qualcode.io.registry import ReadText, transcript_reader

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_KIND, _APP = "OpenDocument text file", "LibreOffice"

_CONTAINERS = {(TEXT, n) for n in ("list", "list-item", "list-header", "section", "numbered-paragraph")}
_ROW_GROUPS = {(TABLE, n) for n in ("table-header-rows", "table-rows", "table-row-group")}
# Inline elements whose content is not running text: footnotes, comments,
# frames (images, text boxes), change markers.
_SKIP_INLINE = {"note", "annotation", "frame", "change", "change-start", "change-end", "bookmark-ref"}
_WHITESPACE = re.compile(r"[ \t\n\r]+")


@transcript_reader(".odt")
def read_odt(path: Path, data: bytes) -> ReadText:
    """Paragraphs, headings, lists and tables of the body, in order."""
    with open_package(path, data, _KIND, _APP, "StarOffice") as package:
        names = set(package.namelist())
        if "mimetype" in names and not package.read("mimetype").strip().startswith(_ODT_MIME):
            kind = package.read("mimetype").decode("ascii", "replace").rsplit(".", 1)[-1]
            raise ImportRefused(path, f"this is an OpenDocument {kind} file, not a text document")
        if "META-INF/manifest.xml" in names and b"encryption-data" in package.read("META-INF/manifest.xml"):
            raise ImportRefused(
                path, "the file is password-protected (encrypted); open it in LibreOffice, "
                "remove the password, save it and import it again",
            )
    body = _load_body(path, data)
    lines = list(_blocks(body))
    while lines and not lines[-1].strip():
        lines.pop()
    return ReadText("\n".join(lines))


def _load_body(path: Path, data: bytes):  # -> odf.element.Element
    import zipfile
    from xml.sax import SAXException

    from odf.opendocument import load

    try:
        return load(BytesIO(data)).text
    except (zipfile.BadZipFile, KeyError, SAXException, EOFError):
        raise ImportRefused(path, damaged_message(_KIND, _APP)) from None


def _blocks(node) -> Iterator[str]:
    for child in node.childNodes:
        qname = getattr(child, "qname", None)
        if qname is None:
            continue
        if qname in ((TEXT, "p"), (TEXT, "h")):
            yield _inline(child)
        elif qname in _CONTAINERS:
            yield from _blocks(child)
        elif qname == (TABLE, "table"):
            yield from table_lines(_table_rows(child))
        # tracked-changes, sequence-decls, tables of contents: not the text


def _table_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    for child in table.childNodes:
        qname = getattr(child, "qname", None)
        if qname in _ROW_GROUPS:
            rows.extend(_table_rows(child))
        elif qname == (TABLE, "table-row"):
            rows.append([
                "\n".join(_blocks(cell)).strip("\n")
                for cell in child.childNodes
                if getattr(cell, "qname", None) == (TABLE, "table-cell")
            ])
    return rows


def _inline(node) -> str:
    parts: list[str] = []
    for child in node.childNodes:
        qname = getattr(child, "qname", None)
        if qname is None:  # a text node
            parts.append(_WHITESPACE.sub(" ", getattr(child, "data", "")))
            continue
        ns, name = qname
        if ns == TEXT and name == "s":
            parts.append(" " * int(child.getAttribute("c") or 1))
        elif ns == TEXT and name == "tab":
            parts.append("\t")
        elif ns == TEXT and name == "line-break":
            parts.append("\n")
        elif name not in _SKIP_INLINE:
            parts.append(_inline(child))
    return "".join(parts)
