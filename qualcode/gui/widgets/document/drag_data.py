"""Drag and drop between the text and the code tree: the data each side writes and the other reads.

A selection dragged onto a code codes it: the document and the offsets travel
as a private MIME type beside the plain text, so dropping a passage anywhere
else still pastes its words.  A code dragged from the tree carries its id,
read by the tree (moving it under another code) and by the text and the
survey table (coding the passage or answer it is dropped on).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

SPAN_MIME = "application/x-qualcode-span"
CODE_MIME = "application/x-qualcode-code-ids"


def span_mime(document_id: int, start: int, end: int) -> bytes:
    """The drag's payload for ``[start, end)`` of one document (offsets in code points)."""
    return json.dumps({"document_id": document_id, "start": start, "end": end}).encode()


def read_span_mime(mime: QMimeData) -> tuple[int, int, int] | None:
    """``(document id, start, end)`` from a drop, or ``None`` when it carries no passage."""
    if not mime.hasFormat(SPAN_MIME):
        return None
    data = json.loads(bytes(mime.data(SPAN_MIME)).decode())
    return int(data["document_id"]), int(data["start"]), int(data["end"])


def selection_mime(base: QMimeData, document_id: int | None, span: tuple[int, int] | None) -> QMimeData:
    """Qt's own data for a selection, plus the passage when there is one."""
    mime = QMimeData()  # a fresh object: data set on the base's Python wrapper does not stick
    for fmt in base.formats():
        mime.setData(fmt, base.data(fmt))
    if span and document_id is not None:
        mime.setData(SPAN_MIME, span_mime(document_id, *span))
    return mime


def code_mime(code_ids: list[int]) -> QMimeData:
    """The drag's data for codes taken from the code tree."""
    mime = QMimeData()
    mime.setData(CODE_MIME, json.dumps(code_ids).encode())
    return mime


def read_code_mime(mime: QMimeData) -> list[int]:
    """The ids of the codes dragged from the tree (empty when the drag carries none)."""
    if not mime.hasFormat(CODE_MIME):
        return []
    return [int(i) for i in json.loads(bytes(mime.data(CODE_MIME)).decode())]
