"""The live preview: the report's HTML in a QTextBrowser, charts as images.

Qt's rich text shows tables well but not inline SVG, so the preview renders
each chart as a small PNG and hands it to the browser's document as a
resource.  Long tables are cut to their first rows: the preview is for
checking choices, the file holds everything.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from qualcode.reports.document import BarChart, Paragraph, ReportDocument, Table

PREVIEW_ROWS = 150


def shortened(doc: ReportDocument, rows: int = PREVIEW_ROWS) -> ReportDocument:
    """A copy of ``doc`` with every table cut to ``rows`` rows (and a note saying so)."""
    short = copy.copy(doc)
    short.blocks = []
    for block in doc.blocks:
        if isinstance(block, Table) and "document" in block.show_in and len(block.rows) > rows:
            cut = copy.copy(block)
            cut.rows = block.rows[:rows]
            short.blocks.append(cut)
            short.blocks.append(Paragraph(f"Preview: the first {rows} of {len(block.rows)} rows; "
                                          "the exported file has them all.", "note"))
        else:
            short.blocks.append(block)
    return short


def preview_html(doc: ReportDocument) -> tuple[str, list[tuple[str, bytes]]]:
    """HTML for the preview and the chart images it refers to (name, PNG bytes).

    Runs in a worker thread: it touches no widget.
    """
    from qualcode.reports.writers.charts import render
    from qualcode.reports.writers.html_writer import render_html

    short = shortened(doc)
    charts = [b for b in short.blocks if isinstance(b, BarChart)]
    html = render_html(short, charts=False)
    images = []
    for k, chart in enumerate(charts, 1):
        name = f"chart-{k}.png"
        images.append((name, render(chart, "png", dpi=72)))
        html = html.replace('<p class="muted">(chart shown in the exported file)</p>',
                            f'<img src="{name}">', 1)
    return html, images


def show(browser: QTextBrowser, html: str, images: list[tuple[str, bytes]]) -> None:
    """Put the preview into ``browser`` (GUI thread), keeping the scroll position."""
    position = browser.verticalScrollBar().value()
    document = browser.document()
    for name, data in images:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(data))
    browser.setHtml(html)
    browser.verticalScrollBar().setValue(position)
