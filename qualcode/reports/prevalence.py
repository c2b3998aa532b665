"""Prevalence: how many respondents raised each theme and code, per group.

"Raised by 44% of managers and 27% of practitioners" — the number of
respondents in a group whose answer carries the code (or any code below a
theme), out of the respondents in that group who answered the question (the
*base*, stated in the table).  A respondent counts once however many of a
theme's codes their answer has.

Counting happens in the database: one ``GROUP BY`` for the bases and one
``DISTINCT`` query for (code, respondent, group) triples — a few thousand
rows even for 50,000 answers — rolled up the code tree in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import and_, distinct, func, select

from qualcode.core.errors import NotFound
from qualcode.core.model import Code
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import ThemeNode, question_id, theme_tree
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    QuestionRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project

NOT_STATED = "(not stated)"


@dataclass(frozen=True)
class Count:
    n: int
    base: int

    @property
    def percent(self) -> float:
        return 100.0 * self.n / self.base if self.base else 0.0


@dataclass
class PrevalenceRow:
    code: Code
    theme: Code  # the top-level theme it belongs to (itself for a theme)
    depth: int  # 0 for a theme, 1 for its sub-themes or codes, …
    overall: Count
    groups: dict[str, Count] = field(default_factory=dict)


@dataclass
class Prevalence:
    question: str | None  # the question's name (None: a project of transcripts)
    question_text: str
    by: str | None
    groups: list[str]
    bases: dict[str, int]
    base: int
    rows: list[PrevalenceRow]
    options: ReportOptions
    unit: str = "respondents"


def chosen_question(project: Project, options: ReportOptions) -> tuple[int | None, str | None, str]:
    questions = project.documents.questions()
    if options.question:
        qid = question_id(project, options.question)
        q = next(q for q, _ in questions if q.id == qid)
        return qid, q.name, q.text
    if len(questions) == 1:
        q = questions[0][0]
        return q.id, q.name, q.text
    if questions:
        names = ", ".join(q.name for q, _ in questions)
        raise NotFound(f"say which question the prevalence is of (--question); the project has: {names}")
    return None, None, ""


def _filtered(q, options: ReportOptions):
    """Keep respondents whose attributes match every filter (one EXISTS per attribute)."""
    for name, values in options.filters.items():
        q = q.where(select(AttributeValueRow.participant_id)
                    .join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                    .where(AttributeValueRow.participant_id == DocumentRow.participant_id,
                           AttributeRow.name == name, AttributeValueRow.value.in_([str(v) for v in values]))
                    .exists())
    return q


def build_prevalence(project: Project, options: ReportOptions | None = None) -> Prevalence:
    """Counts per code and group for one question (or, without questions, per participant)."""
    options = options or ReportOptions()
    qid, qname, qtext = chosen_question(project, options)
    with project.read() as s:
        attr_id = None
        if options.by:
            attr_id = s.scalar(select(AttributeRow.id).where(AttributeRow.name == options.by))
            if attr_id is None:
                known = ", ".join(s.scalars(select(AttributeRow.name).order_by(AttributeRow.id))) or "none"
                raise NotFound(f"the project has no attribute ‘{options.by}’ (it has: {known})")
        group = AttributeValueRow.value if attr_id is not None else None
        answered = DocumentRow.question_id == qid if qid is not None else DocumentRow.kind == "transcript"

        def with_group(q):
            if attr_id is None:
                return q
            return q.outerjoin(AttributeValueRow, and_(AttributeValueRow.participant_id == DocumentRow.participant_id,
                                                       AttributeValueRow.attribute_id == attr_id))

        base_q = with_group(select(group if group is not None else func.min(""),
                                   func.count(distinct(DocumentRow.participant_id)))
                            .where(answered, DocumentRow.participant_id.is_not(None)))
        if group is not None:
            base_q = base_q.group_by(group)
        bases: dict[str, int] = defaultdict(int)
        for value, n in s.execute(_filtered(base_q, options)):
            bases[NOT_STATED if value in (None, "") or group is None else str(value)] += n
        pairs_q = with_group(select(CodingRow.code_id, DocumentRow.participant_id,
                                    group if group is not None else func.min(""))
                             .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                             .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
                             .where(answered, DocumentRow.participant_id.is_not(None)))
        pairs_q = pairs_q.group_by(CodingRow.code_id, DocumentRow.participant_id,
                                   *([group] if group is not None else []))
        if options.coders:
            pairs_q = pairs_q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(
                CoderRow.name.in_(options.coders))
        triples = s.execute(_filtered(pairs_q, options)).all()
        if qid is not None:
            qtext = s.scalar(select(QuestionRow.text).where(QuestionRow.id == qid)) or qtext
    if group is None:
        bases = {"All": sum(bases.values())}
    return _roll_up(project, options, qname, qtext, bases, triples, group is not None)


def _roll_up(project: Project, options: ReportOptions, qname: str | None, qtext: str,
             bases: dict[str, int], triples: list, grouped: bool) -> Prevalence:
    parents = {c.id: c.parent_id for c in project.codes.list()}
    people: dict[int, set[int]] = defaultdict(set)
    by_group: dict[tuple[int, str], set[int]] = defaultdict(set)
    for code_id, participant, value in triples:
        g = (NOT_STATED if value in (None, "") else str(value)) if grouped else "All"
        node: int | None = code_id
        while node is not None:
            people[node].add(participant)
            by_group[(node, g)].add(participant)
            node = parents.get(node)
    groups = sorted(bases, key=lambda g: (g == NOT_STATED, g.casefold()))
    total = sum(bases.values())
    rows: list[PrevalenceRow] = []

    def add(node: ThemeNode, theme: Code, depth: int) -> None:
        cid = node.code.id
        rows.append(PrevalenceRow(node.code, theme, depth, Count(len(people.get(cid, ())), total),
                                  {g: Count(len(by_group.get((cid, g), ())), bases[g]) for g in groups}))
        for child in sorted(node.children, key=lambda c: -len(people.get(c.code.id, ()))):
            add(child, theme, depth + 1)

    for root in sorted(theme_tree(project), key=lambda r: -len(people.get(r.code.id, ()))):
        add(root, root.code, 0)
    unit = "respondents" if qname else "participants"
    return Prevalence(qname, qtext, options.by if grouped else None, groups, dict(bases), total, rows, options, unit)
