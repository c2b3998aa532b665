"""Survey questions read back from a REFI-QDA project, so answers come back as answers.

REFI-QDA has text sources but no survey, so :mod:`.outgoing` writes each
open question as a ``Set`` of its answers (``MemberSource``), named
``Question: <column>`` with the question's wording as its description, and
each answer's respondent as a case.  Read back, such a set becomes the
question again and its members the answers, each under its respondent; a
member that is not one respondent's (another tool's set that only looks
like ours) is imported as a transcript, like any text source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qualcode.store.schema import QuestionRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.io.exchange.refi_project import RefiSet

QUESTION_PREFIX = "Question: "  # the name of a set of one question's answers (written by .outgoing)


def question_sets(sets: list[RefiSet]) -> tuple[list[RefiSet], list[RefiSet]]:
    """The sets that are survey questions (named ``Question: …``, holding sources only), and the rest."""
    questions = [g for g in sets if g.name.startswith(QUESTION_PREFIX) and g.name.removeprefix(QUESTION_PREFIX).strip()
                 and g.source_guids and not g.code_guids]
    return questions, [g for g in sets if g not in questions]


def add_questions(s: Session, questions: list[RefiSet], respondent_of: dict[str, str]) -> dict[str, int]:
    """The questions (one already here with the same name is reused); returns answer source guid → question id.

    Only sources that belong to one respondent are answers; the others are left to be transcripts.
    """
    answers: dict[str, int] = {}
    position = s.scalar(select(func.max(QuestionRow.position))) or 0
    for group in questions:
        members = [guid for guid in group.source_guids if guid in respondent_of]
        if not members:
            continue
        name = group.name.removeprefix(QUESTION_PREFIX).strip()
        row = s.scalar(select(QuestionRow).where(QuestionRow.name == name))
        if row is None:
            position += 1
            taken = group.guid and s.scalar(select(QuestionRow.id).where(QuestionRow.guid == group.guid))
            row = QuestionRow(name=name, text=group.description, position=position,
                              **({"guid": group.guid} if group.guid and not taken else {}))
            s.add(row)
            s.flush()
        answers.update((guid, row.id) for guid in members)
    return answers
