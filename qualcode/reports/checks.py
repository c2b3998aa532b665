"""Names and values a report is asked for, checked before anything is counted.

``--where Survey=Stakeholders`` (a value nobody has), a misspelt attribute or
a value in the wrong case used to give an all-zero table and exit 0 — a
table that looks like a finding.  Every name a report option holds (question,
participant, attribute, group, filter value, coder) is checked against the
project first and refused with the closest names it does have ("did you mean").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.errors import NotFound
from qualcode.store.schema import AttributeRow, AttributeValueRow, CoderRow, ParticipantRow, QuestionRow

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.reports.options import ReportOptions


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """`` (did you mean ‘Manager’?)`` — a case-only difference first, then the closest spelling."""
    known = list(known)
    same = [k for k in known if k.casefold() == wanted.casefold()]
    close = same or difflib.get_close_matches(wanted, known, n=2, cutoff=0.6) or \
        difflib.get_close_matches(wanted.casefold(), [k.casefold() for k in known], n=1, cutoff=0.6)
    if close and close[0] not in known:  # matched case-insensitively: show the project's spelling
        close = [next(k for k in known if k.casefold() == close[0])]
    return f" (did you mean {' or '.join(f'‘{c}’' for c in close)}?)" if close else ""


def _refuse(what: str, wanted: str, known: list[str], listed: int = 12) -> NotFound:
    shown = ", ".join(known[:listed]) + (", …" if len(known) > listed else "") if known else "none"
    return NotFound(f"the project has no {what} ‘{wanted}’{did_you_mean(wanted, known)} (it has: {shown})")


def check_options(project: Project, options: ReportOptions) -> None:
    """Refuse (:class:`NotFound`, exit status 2) any name or value the project does not hold."""
    with project.read() as s:
        if options.question:
            questions = list(s.scalars(select(QuestionRow.name).order_by(QuestionRow.position)))
            if options.question not in questions:
                raise _refuse("question", options.question, questions)
        if options.participant:
            found = s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == options.participant))
            if found is None:
                people = list(s.scalars(select(ParticipantRow.pseudonym).order_by(ParticipantRow.pseudonym)))
                # no list of names: a survey has thousands of respondents
                raise NotFound(f"the project has no participant or respondent ‘{options.participant}’"
                               + did_you_mean(options.participant, people))
        attributes = list(s.scalars(select(AttributeRow.name).order_by(AttributeRow.id)))
        for name in [*([options.by] if options.by else []), *options.attributes, *options.filters, *options.cite,
                     *([options.sections_by] if options.sections_by else [])]:
            if name not in attributes:
                raise _refuse("attribute", name, attributes)
        for name, values in options.filters.items():
            if not values:
                raise NotFound(f"say which values of ‘{name}’ to keep (--where {name}=VALUE)")
            taken = sorted({v for v in s.scalars(
                select(AttributeValueRow.value).join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                .where(AttributeRow.name == name)) if v not in (None, "")}, key=str.casefold)
            for value in values:
                if str(value) not in taken:
                    raise NotFound(f"nobody has {name} = ‘{value}’{did_you_mean(str(value), taken)}; "
                                   f"the values of {name} are: {', '.join(taken[:12]) or 'none'}"
                                   + (", …" if len(taken) > 12 else ""))
        if options.coders:
            coders = list(s.scalars(select(CoderRow.name).order_by(CoderRow.name)))
            for coder in options.coders:
                if coder not in coders:
                    raise _refuse("coder", coder, coders)
