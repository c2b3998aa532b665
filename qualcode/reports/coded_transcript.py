"""The coded transcript: emergent themes | numbered lines | exploratory notes.

The three-column layout IPA researchers build by hand for an appendix or a
supervisor: the transcript in the middle with its fixed line numbers, the
emergent themes in the left margin beside the lines they come from, the
exploratory notes in the right margin.  Word and HTML get one row per
passage (a speaker turn, cut again where a theme or note starts, so each
margin entry sits beside its own lines), coded text marked; Excel and CSV get
one row per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qualcode.core.transcripts.lines import LineIndex
from qualcode.reports.document import (
    DATA,
    DOCUMENT,
    Column,
    ReportDocument,
    Rich,
    Row,
    Span,
    Style,
    Table,
)
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import NoteLine, Quote, fetch_notes, fetch_quotes, participant_id

if TYPE_CHECKING:
    from qualcode.core.project import Project

MAX_PASSAGE_LINES = 12
FIGURE_SPACE = "\u2007"  # as wide as a digit: right-aligns line numbers


@dataclass
class Passage:
    first: int
    last: int
    interviewer: bool
    themes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class CodedTranscript:
    participant: str
    title: str
    lines: list[str]  # the text of each fixed line (1-based: lines[0] is line 1)
    coded: list[list[tuple[int, int]]]  # per line: coded character ranges within the line
    passages: list[Passage]
    themes_by_line: dict[int, list[str]]
    notes_by_line: dict[int, list[str]]


def build_coded_transcripts(project: Project, options: ReportOptions | None = None) -> list[CodedTranscript]:
    """One coded transcript per transcript (or only the chosen participant's)."""
    options = options or ReportOptions()
    pid = participant_id(project, options.participant)
    docs = [d for d in project.documents.list() if d.kind.value == "transcript"
            and (pid is None or d.participant_id == pid)]
    quotes = fetch_quotes(project, participant=pid, coders=options.coders)
    notes = fetch_notes(project, [d.id for d in docs])
    codes = {c.id: c.name for c in project.codes.list()}
    out = []
    for d in docs:
        text = project.documents.text(d.id)
        index = project.documents.line_index(d.id)
        mine = [q for q in quotes if q.document_id == d.id]
        out.append(_transcript(project, d.id, d.title, text, index, mine, notes.get(d.id, []), codes))
    return out


def _transcript(project: Project, doc_id: int, title: str, text: str, index: LineIndex, quotes: list[Quote],
                notes: list[NoteLine], codes: dict[int, str]) -> CodedTranscript:
    lines = [text[slice(*index.span_of(n))].rstrip("\n") for n in range(1, index.count + 1)]
    coded: list[list[tuple[int, int]]] = [[] for _ in lines]
    themes: dict[int, list[str]] = {}
    for q in quotes:
        themes.setdefault(q.first_line, []).append(f"{codes.get(q.code_id, '?')} ({q.lines})")
        for n in range(q.first_line, q.last_line + 1):
            start, end = index.span_of(n)
            coded[n - 1].append((max(q.start, start) - start, min(q.end, end) - start))
    notes_by: dict[int, list[str]] = {}
    for note in notes:
        notes_by.setdefault(note.first_line, []).append(note.label)
    turns = project.documents.turns(doc_id)
    label = project.documents.participant_label(doc_id)
    starts = {index.line_of(t.start): t.is_interviewer for t in turns}
    passages: list[Passage] = []
    interviewer = False
    for n in range(1, len(lines) + 1):
        interviewer = starts.get(n, interviewer)
        breaks = (not passages or n in starts or n in themes or n in notes_by
                  or n - passages[-1].first >= MAX_PASSAGE_LINES)
        if breaks and lines[n - 1].strip() == "" and passages:
            passages[-1].last = n  # a blank line closes the passage above, never opens one
            continue
        if breaks:
            passages.append(Passage(n, n, interviewer))
        passages[-1].last = n
        passages[-1].themes += themes.get(n, [])
        passages[-1].notes += notes_by.get(n, [])
    return CodedTranscript(label, title, lines, coded, passages, themes, notes_by)


def _line_spans(number: int, text: str, ranges: list[tuple[int, int]], italic: bool) -> list[Span]:
    spans = [Span(f"{number:>4}".replace(" ", FIGURE_SPACE) + "  ", "muted")]
    plain: Style = "italic" if italic else ""
    pos = 0
    for start, end in sorted(ranges):
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            spans.append(Span(text[pos:start], plain))
        spans.append(Span(text[start:end], "mark"))
        pos = end
    if pos < len(text):
        spans.append(Span(text[pos:], plain))
    return spans


def coded_transcript_document(transcripts: list[CodedTranscript], landscape: bool = False) -> ReportDocument:
    """Portrait by default, read in order: passages flow across pages (no page left half
    empty before a long one) and a line too long for the column wraps under its own text."""
    doc_columns = [Column("Participant"), Column("Emergent themes", width=0.95),
                   Column("Transcript", width=3.1, numbered_lines=True), Column("Exploratory notes", width=1.15)]
    rows = []
    for t in transcripts:
        for p in t.passages:
            spans: list[Span] = []
            for n in range(p.first, p.last + 1):
                if spans:
                    spans.append(Span("\n"))
                spans += _line_spans(n, t.lines[n - 1], t.coded[n - 1], p.interviewer)
            rows.append(Row((t.participant, "\n".join(p.themes), Rich(tuple(spans)), "\n".join(p.notes)),
                            shown={0: t.participant if t.title.casefold() == t.participant.casefold()
                                   else f"{t.participant} — {t.title}"}))
    data_columns = [Column("Participant"), Column("Line", kind="number"), Column("Text", width=3.0),
                    Column("Coded", kind="tick"), Column("Emergent themes", width=1.5),
                    Column("Exploratory notes", width=2.0)]
    data = [Row((t.participant, n, t.lines[n - 1], bool(t.coded[n - 1]),
                 "; ".join(t.themes_by_line.get(n, [])), "; ".join(t.notes_by_line.get(n, []))))
            for t in transcripts for n in range(1, len(t.lines) + 1)]
    who = ", ".join(t.participant for t in transcripts)
    doc = ReportDocument("Coded transcript" + ("s" if len(transcripts) > 1 else ""), landscape=landscape,
                         subtitle=f"{who}. Emergent themes (left) and exploratory notes (right) sit beside "
                                  "the passage they start in, with their line ranges; coded text is shaded.")
    doc.blocks.append(Table("Coded transcript: emergent themes, transcript, exploratory notes", doc_columns, rows,
                            group_by=1, split_groups=True, show_in=DOCUMENT, keep_rows_whole=False))
    doc.blocks.append(Table("Coded transcript, one row per line", data_columns, data, sheet="Lines",
                            show_in=DATA))
    return doc


def coded_transcript_report(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    options = options or ReportOptions()
    return coded_transcript_document(build_coded_transcripts(project, options), landscape=options.landscape)
