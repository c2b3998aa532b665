"""Word exports opened with python-docx: real tables, the reference quotes, the right numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import hand_count, reference_master, sample, squash

from qualcode.core.project import Project
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory):
    """Every Word report of both sample projects, written once for this module."""
    folder = tmp_path_factory.mktemp("docx")
    with Project.open(sample("interviews", folder / "i.qualcode")) as p:
        export_report(p, "master", folder / "master.docx", options=ReportOptions(notes=True))
        export_report(p, "themes", folder / "themes.docx")
        export_report(p, "recurrence", folder / "recurrence.docx")
        export_report(p, "coded-transcript", folder / "transcripts.docx")
        export_report(p, "coded-transcript", folder / "transcripts-landscape.docx",
                      options=ReportOptions(participant="Maya", landscape=True))
    with Project.open(sample("survey", folder / "s.qualcode")) as p:
        export_report(p, "prevalence", folder / "prevalence.docx",
                      options=ReportOptions(question="q1_retention", by="role_group"))
        export_report(p, "codebook", folder / "codebook.docx")
        export_report(p, "quotes", folder / "quotes.docx",
                      options=ReportOptions(question="q1_retention", by="role_group", attributes=["role_group"]))
    return folder


def _is_group_row(row) -> bool:
    return len(row._tr.findall(qn("w:tc"))) == 1 and len(row.table.columns) > 1


def _caption_before(table) -> str:
    p = table._tbl.getprevious()
    return "".join(t.text for t in p.iter(qn("w:t")))


def test_master_table_is_a_real_word_table_with_every_quote_cited(out: Path) -> None:
    doc = Document(str(out / "master.docx"))
    [table] = doc.tables
    assert table.style.name == "Qualcode Table"
    assert _caption_before(table) == "Table 1. Master table of group experiential themes"
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None, "the header row repeats on each page"
    assert [c.text for c in header.cells] == ["Experiential statement", "Quote", "Exploratory notes"]
    theme = sub = None
    found = []
    for row in table.rows[1:]:
        if _is_group_row(row):
            text = row.cells[0].text
            number, _, name = text.partition(" ")
            if number.count(".") == 1 and number.endswith("."):
                theme = name
            else:
                sub = name.split("  (")[0]
            continue
        label, quote, _notes = (c.text for c in row.cells)
        found.append((theme, sub, label, squash(quote)))
    expected = [(r["superordinate_theme"], r["sub_theme"], r["emergent_theme"], f"“{r['quote']}” {r['citation']}")
                for r in reference_master()]
    assert found == expected


def test_quotes_keep_every_character(out: Path) -> None:
    doc = Document(str(out / "master.docx"))
    text = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    for r in reference_master():
        assert r["quote"] in squash(text) or r["quote"] in text
    assert "—" in text and "“" in text and "”" in text  # em dashes and curly quotes survive


def test_column_widths_fill_the_page_and_are_fixed(out: Path) -> None:
    doc = Document(str(out / "master.docx"))
    tbl = doc.tables[0]._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    section = doc.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert abs(sum(widths) - text_width) <= 2
    assert widths[1] > widths[0] and widths[1] > widths[2], "the quote column is the widest"


def test_theme_table_merges_the_superordinate_theme(out: Path) -> None:
    doc = Document(str(out / "themes.docx"))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Group experiential theme", "Sub-theme", "Participants", "Quotes"]
    assert table.rows[1].cells[0].text == "Working on the production line"
    assert table.rows[1].cells[0]._tc.tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    assert len(table.rows) == 12


def test_recurrence_ticks_and_flags(out: Path) -> None:
    doc = Document(str(out / "recurrence.docx"))
    table = doc.tables[0]
    rows = {r.cells[0].text.strip(): [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows["Supervision as surveillance"] == ["", "✓", "", "", "", "✓", "2/6", "Yes"]
    assert rows["Am I still any good at this?"][-2:] == ["2/6", "Yes"]
    assert sum(1 for v in rows.values() if v[-1] == "Yes") == 2
    assert rows["Why I stay"] == ["✓"] * 6 + ["6/6", ""]


def test_prevalence_numbers_and_the_embedded_chart(out: Path) -> None:
    bases, counts = hand_count("role_group")
    doc = Document(str(out / "prevalence.docx"))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[1:] == [f"{g.capitalize()}\n(n = {bases[g]})" for g in sorted(bases)] + \
        [f"All\n(n = {sum(bases.values())})"]
    rows = {r.cells[0].text.strip(): [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    for path, group_counts in (("Pay and careers/Pay", None), ("Workload and resourcing", None)):
        name = path.split("/")[-1]
        expected = [f"{counts[(path, g)]} ({100 * counts[(path, g)] / bases[g]:.0f}%)" for g in sorted(bases)]
        assert rows[name][:3] == expected, group_counts
    assert len(doc.inline_shapes) == 1, "the bar chart is embedded"
    png, svg = out / "prevalence.png", out / "prevalence.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:500] and "Caseload size" in svg.read_text(encoding="utf-8")
    captions = ["".join(t.text for t in p._p.iter(qn("w:t"))) for p in doc.paragraphs]
    assert "Figure 1. Prevalence of themes by role group: codes" in captions


def test_coded_transcripts_are_portrait_one_table_per_participant(out: Path) -> None:
    doc = Document(str(out / "transcripts.docx"))
    section = doc.sections[0]
    assert section.page_width < section.page_height
    assert len(doc.tables) == 6
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom"]
    maya = doc.tables[2]
    assert [c.text for c in maya.rows[0].cells] == ["Emergent themes", "Transcript", "Exploratory notes"]
    text = "\n".join(r.cells[1].text for r in maya.rows[1:])
    assert "\u2007\u2007\u20071  Interviewer:" in text and " 56  sandwich" in text.replace("\u2007", " ")


def test_coded_transcript_flows_across_pages_and_wraps_under_the_text(out: Path) -> None:
    """No page left half empty before a long passage; a wrapped line never runs under its number."""
    maya = Document(str(out / "transcripts.docx")).tables[2]
    body = maya.rows[1:]
    assert not [r for r in body if r._tr.find(f".//{qn('w:cantSplit')}") is not None]
    lines = [p for r in body for p in r.cells[1].paragraphs if p.text.strip()]
    numbered = [p for p in lines if p.text.replace("\u2007", " ").lstrip()[:1].isdigit()]
    assert len(numbered) == len(lines) > 300  # one paragraph per fixed line
    for p in numbered[:50]:
        ind = p._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert ind is not None and ind.get(qn("w:left")) == ind.get(qn("w:hanging")) != "0"
    landscape = Document(str(out / "transcripts-landscape.docx")).sections[0]
    assert landscape.page_width > landscape.page_height


def test_codebook_and_quotes(out: Path) -> None:
    doc = Document(str(out / "codebook.docx"))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Code", "Description", "Inclusion", "Exclusion", "Example",
                                                     "Answers", "Respondents"]
    assert len(table.rows) == 19
    quotes = Document(str(out / "quotes.docx")).tables[0]
    assert [c.text for c in quotes.rows[0].cells] == ["Quote", "Respondent", "Role group"]


def test_no_user_name_leaks_into_the_file(out: Path) -> None:
    props = Document(str(out / "master.docx")).core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert props.title == "Master table of group experiential themes"
