"""One case at a time: what the personal level shows, and whose material a passage is.

IPA's idiographic commitment (Smith, Flowers & Larkin 2022) is to analyse
each participant in their own right before looking across, so at the
personal level qualcode shows only that participant's material — their
statements on the board, their coded passages behind a code hint.  Other
participants' personal themes are shown only when the researcher asks
(:func:`other_cases`), never mixed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.store.schema import DocumentRow, ParticipantRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class CaseThemes:
    """Another participant's personal themes, each with the names of its statements."""

    participant: str
    themes: tuple[tuple[str, tuple[str, ...]], ...]


def other_cases(project: Project, participant: str | None) -> list[CaseThemes]:
    """Every other participant's PETs (with their statements), by pseudonym; for reference only."""
    from qualcode.core.themes.levels import participant_names, personal_themes, statements_under

    names = participant_names(project)
    by_case: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for pet in personal_themes(project):
        who = names.get(pet.participant_id or -1)
        if who is None or who == participant:
            continue
        by_case.setdefault(who, []).append((pet.name, tuple(st.name for st in statements_under(project, pet.id))))
    return [CaseThemes(who, tuple(themes)) for who, themes in sorted(by_case.items())]


def participant_of_document(project: Project, document_id: int) -> str | None:
    """The pseudonym of the participant a transcript (or answer) is from; None when it names no one."""
    with project.read() as s:
        return s.scalar(select(ParticipantRow.pseudonym)
                        .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
                        .where(DocumentRow.id == document_id))


def documents_of(project: Project, participant: str) -> set[int]:
    """The documents (transcripts, answers) from one participant."""
    with project.read() as s:
        return set(s.scalars(select(DocumentRow.id)
                             .join(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
                             .where(ParticipantRow.pseudonym == participant)))


def statements_waiting(project: Project) -> dict[str, int]:
    """Each participant → how many of their statements are in no PET of theirs yet (those with none left out).

    What the personal level has still to do: the Suggest themes dialog
    offers the first participant with statements waiting.
    """
    from qualcode.core.model import CodeRole
    from qualcode.core.themes.levels import in_personal_theme
    from qualcode.store.schema import CodingRow, SegmentRow

    codes = {c.id: c for c in project.codes.list()}
    waiting = {c for c, code in codes.items() if code.role == CodeRole.EMERGENT and not in_personal_theme(codes, c)}
    with project.read() as s:
        pairs = set(s.execute(select(CodingRow.code_id, ParticipantRow.pseudonym)
                              .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                              .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
                              .join(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)))
    out: dict[str, int] = {}
    for code_id, who in pairs:
        if code_id in waiting:
            out[who] = out.get(who, 0) + 1
    return dict(sorted(out.items()))
