"""Word files that paste straight into a thesis or a report.

Real Word tables in a named table style ("Qualcode Table", which a
researcher can restyle once for every table), a header row that repeats on
each page, fixed column widths that fit the page, numbered captions
("Table 1", a SEQ field Word renumbers), headings in Word's own heading
styles so they appear in the navigation pane and a table of contents.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor

from qualcode.reports.document import (
    BarChart,
    Heading,
    PageBreak,
    Paragraph,
    ReportDocument,
    Row,
    Table,
    clean,
)
from qualcode.reports.writers import writer
from qualcode.reports.writers.word_tables import TABLE_STYLE_XML, W_NS, table_xml

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.2)
EMU_PER_TWIP = 635
WARNING_COLOUR = RGBColor(0x9C, 0x4A, 0x00)


def _setup(document, landscape: bool) -> int:
    """A4 page, margins, fonts, the table style; returns the text width in twips."""
    section = document.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = document.styles["Normal"]
    # Arial: on every Windows and Mac, and metric-identical to Liberation Sans, so
    # LibreOffice lays tables out exactly as Word does.
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        document.styles[name].font.name = "Arial"
    document.styles.element.append(parse_xml(TABLE_STYLE_XML))
    props = document.core_properties
    props.author = ""  # never leak a user name into a shared appendix
    props.last_modified_by = ""
    props.comments = "Written by qualcode"
    return int((width - 2 * MARGIN) / EMU_PER_TWIP)


def _caption(document, label: str, number: int, text: str, keep_next: bool) -> None:
    """``Table 1. text`` with a SEQ field, so Word renumbers tables when they move."""
    p = document.add_paragraph(style="Caption")
    p.add_run(f"{label} ").bold = True
    fld = parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" SEQ {label} \\* ARABIC "><w:r><w:rPr><w:b/>'
        f'<w:color w:val="000000"/><w:sz w:val="20"/></w:rPr><w:t>{number}</w:t></w:r></w:fldSimple>')
    p._p.append(fld)
    p.add_run(".").bold = True
    p.add_run(f" {clean(text)}").italic = True
    p.paragraph_format.keep_with_next = keep_next
    p.paragraph_format.space_before = Pt(8)
    for run in p.runs:
        run.font.size = Pt(10)
        run.font.color.rgb = RGBColor(0, 0, 0)


def _add_table(document, table: Table, rows: list[Row], width: int, skip_groups: int = 0) -> None:
    document.element.body.append(parse_xml(table_xml(table, rows, width, skip_groups)))
    # sectPr must stay the body's last child.
    body = document.element.body
    body.append(body.sectPr)


def _notes(document, notes: list[str]) -> None:
    for text in notes:
        p = document.add_paragraph()
        run = p.add_run("Note. ")
        run.italic = True
        p.add_run(clean(text))
        p.paragraph_format.space_before = Pt(3)
        for r in p.runs:
            r.font.size = Pt(9)


def _table(document, table: Table, number: int, width: int) -> None:
    _caption(document, "Table", number, table.caption, keep_next=True)
    if table.split_groups and table.group_by:
        groups: dict[object, list[Row]] = {}
        for row in table.rows:
            groups.setdefault(row.cells[0], []).append(row)
        for k, group_rows in enumerate(groups.values()):
            if k:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            heading = group_rows[0].value(0, "document")
            document.add_heading(clean(str(heading)), level=2)
            _add_table(document, table, group_rows, width, skip_groups=1)
    else:
        _add_table(document, table, table.rows, width)
    _notes(document, table.notes)


def _chart(document, chart: BarChart, number: int, width: int) -> None:
    from qualcode.reports.writers.charts import render

    document.add_picture(io.BytesIO(render(chart, "png")), width=min(Cm(16), width * EMU_PER_TWIP))
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    _caption(document, "Figure", number, chart.title, keep_next=False)


@writer("docx")
def write_docx(doc: ReportDocument, path: Path) -> None:
    document = Document()
    width = _setup(document, doc.landscape)
    document.core_properties.title = doc.title
    document.add_heading(clean(doc.title), level=0)
    if doc.subtitle:
        document.add_paragraph(clean(doc.subtitle))
    tables = charts = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(clean(block.text), level=max(1, min(block.level, 9)))
        elif isinstance(block, Paragraph):
            p = document.add_paragraph()
            if block.style == "warning":
                lead = p.add_run("Warning: ")
                lead.bold = True
                lead.font.color.rgb = WARNING_COLOUR
            if block.style == "bullet":
                p.style = document.styles["List Bullet"]
            run = p.add_run(clean(str(block.text)))
            if block.style == "note":
                run.font.size = Pt(9)
        elif isinstance(block, Table) and "document" in block.show_in:
            tables += 1
            _table(document, block, tables, width)
        elif isinstance(block, BarChart):
            charts += 1
            _chart(document, block, charts, width)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if doc.notes:
        document.add_heading("Notes", level=2)
        for text in doc.notes:
            document.add_paragraph().add_run(clean(text)).font.size = Pt(9)
    document.save(str(path))
