"""A selection dragged onto a code codes it: the drag's data, written by the view, read by the code tree.

The document and the offsets travel as a private MIME type beside the plain
text, so dropping a passage anywhere else still pastes its words.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

SPAN_MIME = "application/x-qualcode-span"


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
