"""One self-contained HTML page: inline CSS, charts as inline SVG, nothing fetched.

The page opens offline, can be mailed as one file, prints with the table
header repeated on every page, and pastes into Word or Google Docs as real
tables.  It is also what the export dialogs show as their live preview.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from qualcode.reports.document import (
    BarChart,
    Cell,
    Column,
    Heading,
    PageBreak,
    Paragraph,
    ReportDocument,
    Rich,
    Row,
    Table,
    cell_text,
    clean,
)
from qualcode.reports.writers import writer

CSS = """
body{font-family:Calibri,"Segoe UI",Arial,sans-serif;font-size:11pt;color:#1a1a1a;margin:2em auto;
max-width:60em;padding:0 1.5em;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em}h3{font-size:1.1em}
p.subtitle{color:#555;margin-top:0}
table{border-collapse:collapse;width:100%;margin:.4em 0 .3em;font-size:.92em}
caption{caption-side:top;text-align:left;font-style:italic;padding:.4em 0;font-size:.95em}
th,td{border:1px solid #a6a6a6;padding:.25em .45em;vertical-align:top;text-align:left;overflow-wrap:break-word}
thead th{background:#d9e2f3}
tr.group-0 th{background:#e8eef8}tr.group-1 th{background:#f4f6fa;font-weight:600}
tr.emphasis td{font-weight:600}
td.number,td.percent{text-align:right}td.tick,td.center{text-align:center}
.muted{color:#6b6b6b}.nowrap{white-space:nowrap}mark{background:#fff2cc}
p.note{font-size:.85em;color:#333}p.bullet{margin:.2em 0 .2em 1.2em}p.bullet::before{content:"• "}p.warning{color:#9c4a00}p.warning::before{content:"Warning: ";font-weight:bold}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-style:italic;font-size:.95em}
@media print{body{margin:0;max-width:none}thead{display:table-header-group}tr{page-break-inside:avoid}
.page-break{page-break-after:always}}
"""


def _inline(value: Cell, column: Column) -> str:
    if isinstance(value, Rich):
        parts = []
        for s in value.spans:
            text = escape(clean(s.text)).replace("\n", "<br>")
            tag = {"bold": "strong", "italic": "em", "mark": "mark"}.get(s.style)
            if tag:
                text = f"<{tag}>{text}</{tag}>"
            elif s.style in ("muted", "nowrap"):
                text = f'<span class="{s.style}">{text}</span>'
            parts.append(text)
        return "".join(parts)
    return escape(clean(cell_text(value, column, "document"))).replace("\n", "<br>")


def _table(table: Table, number: int, rows: list[Row], skip_groups: int = 0) -> str:
    shown = table.columns_for("document")
    groups = [i for i in shown if i < table.group_by][skip_groups:]
    body = [i for i in shown if i >= table.group_by]
    weight = sum(table.columns[i].width for i in body) or 1
    share = {i: f"{100 * table.columns[i].width / weight:.1f}%" for i in body}
    cols = "".join(f'<col style="width:{share[i]}">' for i in body)
    # ``width`` on the header cells too: Qt's rich text (the dialogs' preview) ignores <col>.
    head = "".join(f'<th width="{share[i]}">{_inline(table.columns[i].header, table.columns[i])}</th>'
                   for i in body)
    out = [f"<table><caption>Table {number}. {escape(clean(table.caption))}</caption>"
           f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>"]
    spans = _rowspans(table, rows, body, groups)
    current: list[object] = [object()] * len(groups)
    for r, row in enumerate(rows):
        key = [row.cells[g] for g in groups]
        changed = next((k for k in range(len(groups)) if key[k] != current[k]), None)
        if changed is not None:
            for level in range(changed, len(groups)):
                g = groups[level]
                out.append(f'<tr class="group-{level}"><th colspan="{len(body)}">'
                           f"{_inline(row.value(g, 'document'), table.columns[g])}</th></tr>")
            current = key
        cells = []
        for i in body:
            span = spans.get((r, i), 1)
            if span == 0:
                continue
            c = table.columns[i]
            cls = c.kind if c.kind != "text" else (c.align if c.align != "left" else "")
            attrs = (f' class="{cls}"' if cls else "") + (f' rowspan="{span}"' if span > 1 else "")
            cells.append(f"<td{attrs}>{_inline(row.value(i, 'document'), c)}</td>")
        tr = '<tr class="emphasis">' if row.emphasis else "<tr>"
        out.append(f'{tr}{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    out += [f'<p class="note"><em>Note.</em> {escape(clean(n))}</p>' for n in table.notes]
    return "".join(out)


def _rowspans(table: Table, rows: list[Row], body: list[int], groups: list[int]) -> dict[tuple[int, int], int]:
    """Rowspans for the merged leading columns: first row of a run → its length, the rest → 0."""
    spans: dict[tuple[int, int], int] = {}
    for i in body[:table.merge_first]:
        start = 0
        for r in range(1, len(rows) + 1):
            same = r < len(rows) and rows[r].cells[i] == rows[start].cells[i] and \
                all(rows[r].cells[g] == rows[start].cells[g] for g in groups)
            if not same:
                spans[(start, i)] = r - start
                for k in range(start + 1, r):
                    spans[(k, i)] = 0
                start = r
    return spans


def render_html(doc: ReportDocument, charts: bool = True) -> str:
    """The whole page as a string (the dialogs' preview calls this with ``charts=False``)."""
    from qualcode.reports.writers.charts import inline_svg

    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(doc.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{escape(clean(doc.title))}</h1>"]
    if doc.subtitle:
        out.append(f'<p class="subtitle">{escape(clean(doc.subtitle))}</p>')
    tables = figures = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = max(2, min(block.level + 1, 6))
            out.append(f"<h{level}>{escape(clean(block.text))}</h{level}>")
        elif isinstance(block, Paragraph):
            cls = "" if block.style == "body" else f' class="{block.style}"'
            out.append(f"<p{cls}>{escape(clean(str(block.text)))}</p>")
        elif isinstance(block, Table) and "document" in block.show_in:
            tables += 1
            out.append(_split(block, tables) if block.split_groups and block.group_by
                       else _table(block, tables, block.rows))
        elif isinstance(block, BarChart):
            figures += 1
            svg = inline_svg(block) if charts else '<p class="muted">(chart shown in the exported file)</p>'
            out.append(f"<figure>{svg}<figcaption>Figure {figures}. {escape(clean(block.title))}"
                       "</figcaption></figure>")
        elif isinstance(block, PageBreak):
            out.append('<div class="page-break"></div>')
    if doc.notes:
        out.append("<h2>Notes</h2>")
        out += [f'<p class="note">{escape(clean(n))}</p>' for n in doc.notes]
    out.append("</body></html>\n")
    return "".join(out)


def _split(table: Table, number: int) -> str:
    groups: dict[object, list[Row]] = {}
    for row in table.rows:
        groups.setdefault(row.cells[0], []).append(row)
    parts = []
    for k, rows in enumerate(groups.values()):
        title = escape(clean(str(rows[0].value(0, "document"))))
        parts.append(f'{"<div class=page-break></div>" if k else ""}<h3>{title}</h3>')
        parts.append(_table(table, number, rows, skip_groups=1))
    return "".join(parts)


@writer("html")
def write_html(doc: ReportDocument, path: Path) -> None:
    path.write_text(render_html(doc), encoding="utf-8")
