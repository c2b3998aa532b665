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

from sqlalchemy import and_, func, select

from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.model import Code
from qualcode.reports.bases import NOT_STATED, Base, answered_clause, coded_warning, count_base, filtered, percent
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import ThemeNode, question_id, theme_tree
from qualcode.store.bulk import id_list
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    ParticipantRow,
    QuestionRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project

__all__ = ["NOT_STATED", "Count", "Prevalence", "PrevalenceRow", "build_prevalence", "chosen_question"]


@dataclass(frozen=True)
class Count:
    n: int
    base: int

    @property
    def percent(self) -> float:
        """Unrounded; tables round it half up (:func:`qualcode.reports.bases.half_up`)."""
        return percent(self.n, self.base)


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
    base_detail: Base | None = None  # the base with the non-answers it left out
    warnings: list[str] = field(default_factory=list)


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


def build_prevalence(project: Project, options: ReportOptions | None = None) -> Prevalence:
    """Counts per code and group for one question (or, without questions, per participant).

    The base is :func:`qualcode.reports.bases.count_base` — the respondents in
    the group who gave an answer to the question; codings on non-answers do
    not count unless ``options.count_non_answers``.  An empty selection is
    refused; an uncoded one gives a warning with its zeros.
    """
    options = options or ReportOptions()
    qid, qname, qtext = chosen_question(project, options)
    survey = qid is not None
    with project.read() as s:
        attr_id = None
        if options.by:
            attr_id = s.scalar(select(AttributeRow.id).where(AttributeRow.name == options.by))
            if attr_id is None:
                known = ", ".join(s.scalars(select(AttributeRow.name).order_by(AttributeRow.id))) or "none"
                raise NotFound(f"the project has no attribute ‘{options.by}’ (it has: {known})")
    base = count_base(project, qid, options, options.by if attr_id is not None else None, survey=survey)
    if not base.total:
        what = f"answered {qname}" if qname else "have a transcript"
        chosen = (" with " + "; ".join(f"{k} = {', '.join(v)}" for k, v in options.filters.items())
                  if options.filters else "")
        raise InvalidValue(f"no {base.unit}{chosen} {what}: there is nothing to count"
                           + (f" ({base.non_answers} non-answers left out; --count-non-answers counts them)"
                              if base.non_answers else ""))
    with project.read() as s:
        group = AttributeValueRow.value if attr_id is not None else None
        answered = answered_clause(qid, survey)
        pairs_q = (select(CodingRow.code_id, DocumentRow.participant_id, group if group is not None else func.min(""))
                   .select_from(DocumentRow)
                   .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
                   .join(CodingRow, CodingRow.segment_id == SegmentRow.id))
        if attr_id is not None:
            pairs_q = pairs_q.outerjoin(AttributeValueRow, and_(
                AttributeValueRow.participant_id == DocumentRow.participant_id,
                AttributeValueRow.attribute_id == attr_id))
        pairs_q = pairs_q.where(answered, DocumentRow.participant_id.is_not(None))
        if base.excluded:
            pairs_q = pairs_q.where(DocumentRow.id.not_in(id_list(base.excluded)))
        if options.participant:
            pairs_q = pairs_q.join(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id).where(
                ParticipantRow.pseudonym == options.participant)
        pairs_q = pairs_q.group_by(CodingRow.code_id, DocumentRow.participant_id,
                                   *([group] if group is not None else []))
        if options.coders:
            pairs_q = pairs_q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(
                CoderRow.name.in_(options.coders))
        triples = s.execute(filtered(pairs_q, options)).all()
        if qid is not None:
            qtext = s.scalar(select(QuestionRow.text).where(QuestionRow.id == qid)) or qtext
    p = _roll_up(project, options, qname, qtext, dict(base.groups), list(triples), group is not None)
    p.base_detail = base
    if base.coded and not base.counted:
        p.warnings.append(coded_warning(base))
    if not triples:
        p.warnings.append(f"no answer{' to ' + qname if qname else ''} in this selection is coded"
                          + (" by " + ", ".join(options.coders) if options.coders else "")
                          + ": every count in the table is 0")
    return p


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
        for child in ordered(node.children):
            add(child, theme, depth + 1)

    def ordered(nodes: list[ThemeNode]) -> list[ThemeNode]:
        if options.order == "codebook":
            return list(nodes)
        return sorted(nodes, key=lambda c: -len(people.get(c.code.id, ())))

    for root in ordered(theme_tree(project)):
        add(root, root.code, 0)
    unit = "respondents" if qname else "participants"
    return Prevalence(qname, qtext, options.by if grouped else None, groups, dict(bases), total, rows, options, unit)
