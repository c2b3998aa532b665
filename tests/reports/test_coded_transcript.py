"""The three-column coded transcript."""

from __future__ import annotations

from report_samples import reference_master

from qualcode.reports.coded_transcript import build_coded_transcripts, coded_transcript_document
from qualcode.reports.options import ReportOptions


def test_every_line_numbered_and_every_theme_and_note_beside_its_start(interviews) -> None:
    [t] = build_coded_transcripts(interviews, ReportOptions(participant="Maya"))
    doc = interviews.documents.by_title("maya")
    text = interviews.documents.text(doc.id)
    assert "".join(t.lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert len(t.lines) == interviews.documents.line_index(doc.id).count
    mine = [r for r in reference_master() if r["participant"] == "Maya"]
    for r in mine:
        themes = t.themes_by_line[int(r["start_line"])]
        lines = r["start_line"] if r["start_line"] == r["end_line"] else f"{r['start_line']}-{r['end_line']}"
        assert f"{r['emergent_theme']} ({lines})" in themes
    notes = interviews.notes.for_document(doc.id)
    assert sum(len(v) for v in t.notes_by_line.values()) == len(notes) == 14
    # Passages cover every line once, in order.
    covered = [n for p in t.passages for n in range(p.first, p.last + 1)]
    assert covered == list(range(1, len(t.lines) + 1))


def test_document_and_data_readings(interviews) -> None:
    doc = coded_transcript_document(build_coded_transcripts(interviews))
    document_table, data_table = doc.tables
    assert document_table.show_in == frozenset({"document"}) and document_table.split_groups
    assert [c.header for c in document_table.columns][1:] == ["Emergent themes", "Transcript", "Exploratory notes"]
    assert {r.cells[0] for r in data_table.rows} == {"Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom"}
    coded = [r for r in data_table.rows if r.cells[4]]
    assert len(coded) == len({(r["participant"], r["start_line"]) for r in reference_master()})
    assert not doc.landscape, "portrait by default: it reads like the transcript"
    assert not document_table.keep_rows_whole
    assert coded_transcript_document(build_coded_transcripts(interviews), landscape=True).landscape
