"""A small IPA project at both levels, built by hand so that tests know every answer.

Three participants (Maya, Tom, Lee) each say something about targets and
numbers and something about supervision.  ``statements_only`` stops after
coding the experiential statements; :func:`with_group_themes` goes on: each
participant's statements sit in two PETs of theirs, Maya's and Tom's PETs
are linked under two GETs, and Lee's PETs are in no GET yet (the later
participant).
"""

from __future__ import annotations

from qualcode.core.coding.undo import UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.themes.placement import LinkPersonalTheme
from qualcode.core.themes.roles import ChangeCodeRole

TALK = {
    "Maya": [("Numbers", "Targets over people", "The targets and the numbers matter more than the people."),
             ("Numbers", "Judged on the figures", "My review was all about hitting the target numbers."),
             ("Held", "Supervision holds me", "My supervisor listens and I feel held and supported."),
             ("Held", "Someone in my corner", "In supervision someone listens and is on my side.")],
    "Tom": [("Numbers", "Counting not caring", "Every week the manager sends the target numbers spreadsheet."),
            ("Numbers", "The league table", "We are ranked on a league table of targets and numbers."),
            ("Held", "A supervisor who listens", "My supervisor listens and supports me in supervision."),
            ("Held", "Held by supervision", "I feel supported and held when my supervisor listens.")],
    "Lee": [("Numbers", "Scores on the wall", "The targets and numbers go up on the wall every week."),
            ("Numbers", "Ranked every month", "Every month the numbers rank us against the targets."),
            ("Held", "My supervisor has my back", "My supervisor listens and supports me in supervision."),
            ("Held", "Time to be heard", "Supervision is where I am listened to and supported.")],
}
PET_NAMES = {"Numbers": "{who}: the numbers", "Held": "{who}: being held"}


def statements_only(project: Project) -> dict[str, int]:
    """Each participant's transcript with their statements coded; returns statement name → code id."""
    out = {}
    for who, lines in TALK.items():
        text = "\n\n".join(f"{who}: {quote}" for _, _, quote in lines) + "\n"
        doc = project.documents.add_transcript(f"{who} interview", text, participant=who)
        for _, name, quote in lines:
            start = text.index(quote)
            code = project.codes.create(name, CodeRole.EMERGENT)
            project.coding.apply(doc.id, start, start + len(quote), code.id)
            out[name] = code.id
    return out


def personal_themes(project: Project, statements: dict[str, int], undo: UndoStack, who: str) -> dict[str, int]:
    """``who``'s two PETs ("Maya: the numbers", "Maya: being held") holding their statements."""
    pets = {}
    for group, pattern in PET_NAMES.items():
        pet = project.codes.create(pattern.format(who=who), CodeRole.CODE)
        for g, name, _ in TALK[who]:
            if g == group:
                project.codes.move(statements[name], pet.id)
        undo.push(ChangeCodeRole(pet.id, CodeRole.PERSONAL, pet.name))
        pets[group] = pet.id
    return pets


def with_group_themes(project: Project) -> dict:
    """Statements, everyone's PETs, and two GETs (each with a sub-theme) linking Maya's and Tom's."""
    undo = UndoStack(project)
    statements = statements_only(project)
    pets = {who: personal_themes(project, statements, undo, who) for who in TALK}
    gets = {}
    for group, (name, sub) in {"Numbers": ("Performance culture", "Targets before people"),
                               "Held": ("Being held", "Supervision as a refuge")}.items():
        get = project.codes.create(name, CodeRole.THEME)
        place = project.codes.create(sub, CodeRole.SUBTHEME, get.id)
        for who in ("Maya", "Tom"):
            undo.push(LinkPersonalTheme(place.id, pets[who][group]))
        gets[group] = (get.id, place.id)
    return {"statements": statements, "pets": pets, "gets": gets, "undo": undo}
