"""Word tables built as WordprocessingML directly, for speed and for control.

python-docx's cell-by-cell API walks the whole grid on every access, which
makes a 2,000-quote master table take tens of seconds; writing the table's
XML in one string and parsing it once takes a fraction of a second.  It also
gives what a thesis table needs and the API lacks: a header row that
repeats on every page, group rows spanning the table, vertical merges, rows
that do not split across pages, fixed column widths.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from qualcode.reports.document import Cell, Column, Rich, Row, Span, Table, cell_text, clean

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLE_ID = "QualcodeTable"
HEADER_FILL = "D9E2F3"
GROUP_FILLS = ("E8EEF8", "F4F6FA", "FAFBFD")
MUTED = "6B6B6B"
MARK_FILL = "FFF2CC"
# Rows shorter than this many lines stay whole on one page; taller ones may
# split, or a page would be left half empty before them.
KEEP_ROW_LINES = 8
# A bold 9.5 pt character is about this wide in twips (generous: LibreOffice may
# substitute a wider font); the cell's left and right margins.
CHAR_TWIPS = 125
CELL_MARGINS = 240
# A digit or figure space at the table's 9.5 pt: the hanging indent under a line number.
NUMBER_CHAR_TWIPS = 106
SPACE_TWIPS = 53


def _run(text: str, bold: bool = False, italic: bool = False, colour: str | None = None,
         fill: str | None = None, nowrap: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
        (f'<w:color w:val="{colour}"/>' if colour else "") + \
        (f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    parts = clean(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts)
    if nowrap:  # Word's own non-breaking hyphen: still reads as "-" when copied
        body = body.replace("-", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')
    return f"<w:r>{rpr}{body}</w:r>"


def _span(span: Span, bold: bool) -> str:
    return _run(span.text, bold=bold or span.style == "bold", italic=span.style == "italic",
                colour=MUTED if span.style == "muted" else None,
                fill=MARK_FILL if span.style == "mark" else None, nowrap=span.style == "nowrap")


def _paragraphs(value: Cell, column: Column, bold: bool = False, keep_next: bool = False) -> str:
    jc = "" if column.align == "left" else f'<w:jc w:val="{"center" if column.align == "center" else "right"}"/>'
    ppr = f"<w:pPr>{'<w:keepNext/>' if keep_next else ''}{jc}</w:pPr>"
    if isinstance(value, Rich) and column.numbered_lines:
        return "".join(f"<w:p>{_hanging_ppr(line)}{''.join(_span(s, bold) for s in line)}</w:p>"
                       for line in _lines_of(value))
    if isinstance(value, Rich):
        return f"<w:p>{ppr}{''.join(_span(s, bold) for s in value.spans)}</w:p>"
    text = cell_text(value, column, "document")
    # A line break in plain text separates paragraphs (notes, lists of themes).
    return "".join(f"<w:p>{ppr}{_run(line, bold=bold) if line else ''}</w:p>" for line in text.split("\n"))


def _lines_of(value: Rich) -> list[list[Span]]:
    """The spans of each fixed line (a span "\n" separates them)."""
    lines: list[list[Span]] = [[]]
    for span in value.spans:
        if span.text == "\n":
            lines.append([])
        else:
            lines[-1].append(span)
    return lines


def _hanging_ppr(line: list[Span]) -> str:
    """A hanging indent as wide as the line's number, so a wrapped line continues under its text."""
    number = line[0].text if line else ""
    indent = sum(SPACE_TWIPS if ch == " " else NUMBER_CHAR_TWIPS for ch in number)
    return f'<w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>'


def _cell(inner: str, width: int, span: int = 1, fill: str | None = None, vmerge: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def _row(cells: str, header: bool = False, keep: bool = True) -> str:
    props = ("<w:cantSplit/>" if keep else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def column_widths(columns: list[Column], total: int, samples: list[list[str]] | None = None) -> list[int]:
    """Twips per column: proportional to the relative widths, but never so narrow
    that a header word ("Participant") or a short value ("12 (31%)") breaks.

    ``samples`` holds each column's cell texts; only short ones (counts,
    ticks, names) are measured, long text wraps anyway.
    """
    weight = sum(c.width for c in columns) or 1.0
    widths = [total * c.width / weight for c in columns]
    need = []
    for k, c in enumerate(columns):
        chars = _longest_word(c.header)
        for text in (samples[k] if samples else []):
            if len(text) <= 12:
                chars = max(chars, len(text))
        need.append(chars * CHAR_TWIPS + CELL_MARGINS)
    for _ in range(3):  # give narrow columns what they need, taken from the roomy ones
        deficit = sum(max(0.0, n - w) for n, w in zip(need, widths))
        slack = sum(max(0.0, w - n) for n, w in zip(need, widths))
        if deficit <= 0 or slack <= 0:
            break
        take = min(1.0, deficit / slack)
        widths = [n if w < n else w - (w - n) * take for n, w in zip(need, widths)]
    out = [int(w) for w in widths]
    out[-1] += total - sum(out)
    return out


def table_xml(table: Table, rows: list[Row], total_width: int, skip_groups: int = 0) -> str:
    """The ``<w:tbl>`` of ``table`` (document reading) over ``rows``.

    ``skip_groups`` leading group columns are left out (the writer has
    already turned them into headings).
    """
    shown = table.columns_for("document")
    groups = [i for i in shown if i < table.group_by][skip_groups:]
    body = [i for i in shown if i >= table.group_by]
    cols = [table.columns[i] for i in body]
    samples = [[cell_text(r.value(i, "document"), table.columns[i], "document") for r in rows[:200]]
               for i in body]
    widths = column_widths(cols, total_width, samples)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{STYLE_ID}"/>'
           f'<w:tblW w:w="{total_width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    header = "".join(_cell(_paragraphs(c.header, c, bold=True), w, fill=HEADER_FILL) for c, w in zip(cols, widths))
    out.append(_row(header, header=True))
    unset = object()
    current: list[object] = [unset] * len(groups)
    merge = body[:table.merge_first]
    above: dict[int, object] = {i: unset for i in merge}
    for row in rows:
        key = [row.cells[g] for g in groups]
        changed = next((k for k in range(len(groups)) if key[k] != current[k]), None)
        if changed is not None:
            for level in range(changed, len(groups)):
                inner = _paragraphs(row.value(groups[level], "document"), table.columns[groups[level]],
                                    bold=True, keep_next=True)
                fill = GROUP_FILLS[min(level, len(GROUP_FILLS) - 1)]
                out.append(_row(_cell(inner, total_width, span=len(cols), fill=fill)))
            current = key
            above = {i: unset for i in merge}  # merges never cross a group row
        cells = []
        height = 1.0
        for i, c, w in zip(body, cols, widths):
            value = row.value(i, "document")
            vmerge = None
            if i in above:
                vmerge = "continue" if row.cells[i] == above[i] else "restart"
                above[i] = row.cells[i]
                if vmerge == "continue":
                    cells.append(_cell("<w:p/>", w, vmerge=vmerge))
                    continue
            text = cell_text(value, c, "document")
            per_line = max(1.0, (w - CELL_MARGINS) / CHAR_TWIPS * 1.15)  # body text is not bold
            height = max(height, sum(max(1.0, -(-len(part) // per_line)) for part in text.split("\n")))
            cells.append(_cell(_paragraphs(value, c, bold=row.emphasis), w, vmerge=vmerge))
        out.append(_row("".join(cells), keep=table.keep_rows_whole and height < KEEP_ROW_LINES))
    out.append("</w:tbl>")
    return "".join(out)


TABLE_STYLE_XML = f"""<w:style xmlns:w="{W_NS}" w:type="table" w:customStyle="1" w:styleId="{STYLE_ID}">
<w:name w:val="Qualcode Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
<w:pPr><w:spacing w:before="20" w:after="20" w:line="252" w:lineRule="auto"/></w:pPr>
<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
<w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
<w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
<w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>
<w:bottom w:w="40" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr></w:tblStylePr>
</w:style>"""
