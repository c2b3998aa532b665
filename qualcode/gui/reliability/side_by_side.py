"""One coder's side of a disagreement: the unit in its context, their coding highlighted.

Two (or more) of these sit side by side in the review, showing the same
stretch of text so the eye can compare where each coder put the code.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from qualcode.core.reliability.review import Context, Side
from qualcode.gui import tones


def _marked(text: str, marks: list[int], colour: str) -> str:
    """HTML for a run of text, highlighted where the coder coded, shaded where the unit is."""
    out, i = [], 0
    unit_shade, ink = tones.css(tones.shade()), tones.css(tones.text())  # the unit's shade, light or dark
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        piece = html.escape(text[i:j].rstrip("\n")).replace("\n", "<br>")
        if marks[i] & 1:
            piece = f"<span style='background:{colour}; color:#111'>{piece}</span>"
        elif marks[i] & 2:
            piece = f"<span style='background:{unit_shade}; color:{ink}'>{piece}</span>"
        out.append(piece)
        i = j
    return "".join(out)


def side_html(context: Context, unit: tuple[int, int], side: Side, colour: str) -> str:
    """The context line by line with its fixed line numbers: the unit shaded, the coder's spans highlighted."""
    text, offset = context.text, context.offset
    marks = [0] * len(text)
    for a, b, _ in side.spans:
        for i in range(max(a - offset, 0), min(b - offset, len(text))):
            marks[i] |= 1
    for i in range(max(unit[0] - offset, 0), min(unit[1] - offset, len(text))):
        marks[i] |= 2
    rows = []
    lines = context.lines or ((context.first_line, offset, offset + len(text)),)
    for number, start, end in lines:
        a, b = start - offset, end - offset
        rows.append(f"<tr><td style='color:#9a9a9a; padding-right:10px' align='right'>{number}</td>"
                    f"<td>{_marked(text[a:b], marks[a:b], colour)}</td></tr>")
    return f"<table cellspacing='0' cellpadding='1' style='font-size:11pt'>{''.join(rows)}</table>"


class CoderSideView(QWidget):
    """A header ("Sam — applied ‘Pay’") over the context text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel(self)
        self.header.setStyleSheet("font-weight: 600; padding: 2px 0;")
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)

    def show_side(self, code: str, context: Context, unit: tuple[int, int], side: Side, colour: str) -> None:
        if side.applied is None:
            verdict = "did not code this document"
        elif side.applied:
            verdict = f"applied ‘{code}’"
        else:
            verdict = f"did not apply ‘{code}’"
        self.header.setText(f"{side.coder} — {verdict}")
        self.text.setHtml(side_html(context, unit, side, colour))
