"""The one base every survey report uses, and how its percentages are rounded.

A figure such as "raised by 63% of managers" is only checkable when the
reader knows what it is a percentage *of*.  Every survey report (prevalence,
master table, table of themes) counts against the same base — the
respondents in the group who gave an answer to the question — and says so in
the same words (:data:`BASE_RULE`).  A respondent who typed "N/A" or "-" did
not give an answer (:mod:`qualcode.core.surveys.non_answers`): such answers
are left out of the base (and of the counts) unless the researcher asks to
count them, and the note says how many were left out.

Percentages round half up (5/8 → 63%, 1/8 → 13%), as people check them by
hand, not half to even as Python's ``round`` and ``format`` do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import and_, distinct, func, select

from qualcode.core.surveys import non_answers
from qualcode.store.bulk import id_list
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    ParticipantRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.reports.options import ReportOptions

#: The base of every survey figure, in the words every table's note uses.
BASE_RULE = "respondents in the group who gave an answer to the question"
#: The same for a project of transcripts.
TRANSCRIPT_RULE = "participants in the group with a transcript"
NOT_STATED = "(not stated)"


def half_up(value: float, places: int = 0) -> float:
    """``value`` rounded half up at ``places`` decimals: 62.5 → 63, 12.5 → 13, 33.35 → 33.4 (1 place).

    Rounded from the shortest decimal that prints as ``value``, so 62.5 is
    exactly half however the float stores it.
    """
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def percent(n: int, base: int) -> float:
    """``n`` as a percentage of ``base`` (0 for an empty base), unrounded."""
    return 100.0 * n / base if base else 0.0


def percent_text(n: int, base: int, places: int = 0) -> str:
    """``"5 (63%)"``: the count and its percentage of the base, rounded half up.

    A share that rounds to 0% or 100% but is neither reads ``<1%`` or ``>99%``
    (3 of 3,605 is not "0%"); data files keep the number itself.
    """
    return f"{n} ({percent_label(percent(n, base), places)})"


def percent_label(value: float, places: int = 0) -> str:
    """``"63%"``, or ``"<1%"``/``">99%"`` for a share that is neither 0 nor 100 but rounds to it."""
    shown, step = half_up(value, places), 10.0 ** -places
    if value > 0 and shown < step:
        return f"<{step:.{places}f}%"
    if value < 100 and shown > 100 - step:
        return f">{100 - step:.{places}f}%"
    return f"{shown:.{places}f}%"


@dataclass
class Base:
    """Who a survey figure is counted out of, per group, and the non-answers left out."""

    groups: dict[str, int]  # group → respondents who gave an answer ("All" without groups)
    left_out: dict[str, int] = field(default_factory=dict)  # group → respondents left out (non-answers only)
    said: Counter[str] = field(default_factory=Counter)  # the non-answers as typed → how many
    excluded: frozenset[int] = frozenset()  # the non-answer documents (their codings do not count either)
    counted: bool = False  # --count-non-answers: non-answers were counted as answers
    unit: str = "respondents"
    coded: int = 0  # non-answers that a person coded (their codings are left out with them)

    @property
    def total(self) -> int:
        return sum(self.groups.values())

    @property
    def non_answers(self) -> int:
        return sum(self.said.values())


def answered_clause(qid: int | None, survey: bool):
    """The documents that answer ``qid`` (every answer when None; transcripts in a project of transcripts)."""
    if qid is not None:
        return DocumentRow.question_id == qid
    return DocumentRow.kind == ("answer" if survey else "transcript")


def is_survey(project: Project) -> bool:
    with project.read() as s:
        return s.scalar(select(DocumentRow.id).where(DocumentRow.kind == "answer").limit(1)) is not None


def filtered(q, options: ReportOptions):
    """Keep respondents whose attributes match every ``--where`` filter (one EXISTS per attribute)."""
    for name, values in options.filters.items():
        q = q.where(select(AttributeValueRow.participant_id)
                    .join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                    .where(AttributeValueRow.participant_id == DocumentRow.participant_id,
                           AttributeRow.name == name, AttributeValueRow.value.in_([str(v) for v in values]))
                    .exists())
    return q


def count_base(project: Project, qid: int | None, options: ReportOptions, by: str | None = None,
               survey: bool | None = None) -> Base:
    """The base of a report: distinct respondents per group who gave an answer.

    One ``GROUP BY`` query, twice when non-answers are left out (with and
    without them, so the note can say how many were left out of each group).
    ``options.participant`` narrows it to one respondent; ``options.filters``
    to the matching ones.
    """
    survey = is_survey(project) if survey is None else survey
    found = non_answers.find(project, qid, all_answers=qid is None) if survey else None
    excluded = found.document_ids if found and not options.count_non_answers else frozenset()
    with project.read() as s:
        attr_id = s.scalar(select(AttributeRow.id).where(AttributeRow.name == by)) if by else None
        group = AttributeValueRow.value if attr_id is not None else None
        pid = None
        if options.participant:
            pid = s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == options.participant))

        def query(leave_out: frozenset[int]):
            q = select(group if group is not None else func.min(""),
                       func.count(distinct(DocumentRow.participant_id))).select_from(DocumentRow)
            if group is not None:
                q = q.outerjoin(AttributeValueRow, and_(
                    AttributeValueRow.participant_id == DocumentRow.participant_id,
                    AttributeValueRow.attribute_id == attr_id)).group_by(group)
            q = q.where(answered_clause(qid, survey), DocumentRow.participant_id.is_not(None))
            if pid is not None:
                q = q.where(DocumentRow.participant_id == pid)
            if leave_out:
                q = q.where(DocumentRow.id.not_in(id_list(leave_out)))
            out: dict[str, int] = {}
            for value, n in s.execute(filtered(q, options)):
                key = "All" if group is None else NOT_STATED if value in (None, "") else str(value)
                out[key] = out.get(key, 0) + n
            return out

        groups = query(excluded)
        everyone = query(frozenset()) if excluded else groups
        said: Counter[str] = Counter()
        if found and found.document_ids:  # what the selection's non-answers said
            q = select(DocumentRow.text).where(DocumentRow.id.in_(sorted(found.document_ids)))
            if pid is not None:
                q = q.where(DocumentRow.participant_id == pid)
            said = Counter((t or "").strip() for t in s.scalars(filtered(q, options)))
            # "Nothing." coded "Positive experience" by a person: say how many, so dropped codings are seen
            cq = (select(func.count(distinct(DocumentRow.id)))
                  .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
                  .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
                  .where(DocumentRow.id.in_(id_list(found.document_ids))))
            if pid is not None:
                cq = cq.where(DocumentRow.participant_id == pid)
            if options.coders:
                cq = cq.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(options.coders))
            coded = s.scalar(filtered(cq, options)) or 0
    left_out = {g: everyone.get(g, 0) - groups.get(g, 0) for g in everyone}
    for g in everyone:
        groups.setdefault(g, 0)
    return Base(groups, left_out, said, excluded, options.count_non_answers and bool(found),
                "respondents" if survey else "participants", coded if found and found.document_ids else 0)


def base_note(base: Base, question: str | None = None) -> str:
    """The note every survey table carries: the base rule, then the non-answers left out (or counted)."""
    rule = BASE_RULE if base.unit == "respondents" else TRANSCRIPT_RULE
    about = f" ({question})" if question else ""
    note = f"Base: {rule}{about}."
    if base.unit != "respondents":
        return note
    n = base.non_answers
    if not n:
        return note + " No answer was a non-answer (such as “N/A”, “-” or “none”)."
    shown = ", ".join(f"“{t}”" + (f" ×{k}" if k > 1 else "") for t, k in base.said.most_common(4))
    more = ", …" if len(base.said) > 4 else ""
    what = f"{n} non-answer{'' if n == 1 else 's'} ({shown}{more})"
    if base.counted:
        return note + f" {what} {'is' if n == 1 else 'are'} counted as answers (--count-non-answers)."
    return note + f" {what} {'is' if n == 1 else 'are'} not answers: left out of the base and the counts." \
        + (f" {coded_warning(base)}." if base.coded else "")


def coded_warning(base: Base) -> str:
    """The flagged non-answers a person coded: their codings are not counted (said in note and warning)."""
    k = base.coded
    return (f"{k} answer{'' if k == 1 else 's'} counted as non-answers carr{'ies' if k == 1 else 'y'} codings "
            "(their codings are not counted; --count-non-answers counts them)")


#: How a percentage is worked out, in the same words everywhere.
PERCENT_RULE = "% = n ÷ base × 100, rounded half up (5 of 8 is 63%)"


def names_in(values: Sequence[str]) -> str:
    return ", ".join(values) or "none"
