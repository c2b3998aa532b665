"""Small helpers the GUI tests share (driving the document view as a researcher would)."""

from __future__ import annotations


def select_text(win, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """Select ``phrase`` in the shown document, as a mouse sweep would."""
    view = win.document_page.view
    start = -1
    for _ in range(occurrence + 1):
        start = view.text.index(phrase, start + 1)
    view.select_span(start, start + len(phrase))
    return start, start + len(phrase)
