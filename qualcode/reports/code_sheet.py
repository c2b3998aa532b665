"""The code sheet: one row per respondent, one 0/1 column per code.

The layout report authors work in, in Excel: filter, count with ``SUM``,
pivot by group.  Headers are the codes' paths (``Theme/Code``), exactly as
:func:`qualcode.core.surveys.code_sheets.import_code_sheet` reads them, so a sheet
written here, edited, and read back gives the same codings.  Columns are the
codes that hold codings of their own (leaves, and any parent coded directly),
so a theme is never a column that would turn into extra codings on import.

One query fetches the (respondent, code) pairs of the question, however
many answers there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import join_path
from qualcode.reports.document import Column, ReportDocument, Row, Table
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import chosen_question
from qualcode.reports.source import attributes_of, matches
from qualcode.store.schema import CoderRow, CodingRow, DocumentRow, ParticipantRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

ID_COLUMN = "respondent_id"
#: The column of answer texts (``answers=True``), which an import of the sheet reads past.
ANSWER_COLUMN = "answer"


def code_sheet_document(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    options = options or ReportOptions()
    qid, qname, _ = chosen_question(project, options)
    answered = DocumentRow.question_id == qid if qid is not None else DocumentRow.kind == "transcript"
    with project.read() as s:
        people = s.execute(select(ParticipantRow.id, ParticipantRow.pseudonym)
                           .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
                           .where(answered).distinct().order_by(ParticipantRow.pseudonym)).tuples().all()
        q = (select(DocumentRow.participant_id, CodingRow.code_id)
             .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
             .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
             .where(answered).distinct())
        if options.coders:
            q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(options.coders))
        pairs = s.execute(q).all()
        texts: dict[int | None, str] = {}
        if options.answers:
            texts = dict(s.execute(select(DocumentRow.participant_id, DocumentRow.text).where(answered)).tuples().all())
    codes = project.codes.list()
    by_id = {c.id: c for c in codes}
    parents = {c.parent_id for c in codes}
    used = {code_id for _, code_id in pairs}
    columns_codes = [c for c in codes if c.id not in parents or c.id in used]

    def path(code_id: int) -> str:
        names, node = [], by_id[code_id]
        while True:
            names.append(node.name)
            if node.parent_id is None:
                return join_path(reversed(names))  # a "/" in a name is written "\/"
            node = by_id[node.parent_id]

    names = list(options.attributes)
    values = attributes_of(project, [pid for pid, _ in people], sorted(set(names) | set(options.filters)))
    if options.filters:
        people = [(pid, who) for pid, who in people if matches(values.get(pid, {}), options.filters)]
    coded: dict[int | None, set[int]] = {}  # None: answers with no participant
    for pid, code_id in pairs:
        coded.setdefault(pid, set()).add(code_id)
    answer = [Column(ANSWER_COLUMN, width=3.0)] if options.answers else []
    columns = [Column(ID_COLUMN)] + [Column(n) for n in names] + answer + \
        [Column(path(c.id), kind="tick", align="center") for c in columns_codes]
    rows = [Row((who, *(values.get(pid, {}).get(n) for n in names), *([texts.get(pid, "")] if answer else []),
                 *(c.id in coded.get(pid, ()) for c in columns_codes))) for pid, who in people]
    doc = ReportDocument("Code sheet" + (f" — {qname}" if qname else ""),
                         subtitle=f"{len(rows)} respondents who answered; 1 = the code is on their answer"
                                  + (f"; the ‘{ANSWER_COLUMN}’ column is read past on import." if answer else "."))
    doc.blocks.append(Table("Code sheet", columns, rows, sheet="Code sheet"))
    return doc
