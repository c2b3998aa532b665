"""Code hints for a selected passage, learned from the coding — by default from the same participant's.

IPA codes each transcript in its own right: a hint drawn from another
participant's passages would carry their experience into this one.  So the
hint for a passage in Maya's transcript learns, unless the researcher asks
otherwise, only from what is coded in Maya's material
(:func:`qualcode.core.themes.idiographic.participant_of_document`).  A survey
answer names its respondent the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.core.themes.suggestions import Unit, _answer_units, _code_json, _learn, _passage_units, embed

if TYPE_CHECKING:
    from qualcode.core.project import Project


def coded_examples(project: Project, participant: str | None = None) -> tuple[list[Unit], list[set[int]]]:
    """Every coded passage and answer with its codes; only ``participant``'s when given."""
    from qualcode.core.themes.idiographic import documents_of

    coded, _uncoded, coded_codes = _passage_units(project)
    examples, codes = list(coded), list(coded_codes)
    for question, _n in project.documents.questions():
        c, _u, cc = _answer_units(project, question.name)
        examples += c
        codes += cc
    if participant is None:
        return examples, codes
    mine = documents_of(project, participant)
    kept = [i for i, unit in enumerate(examples) if unit.document_id in mine]
    return [examples[i] for i in kept], [codes[i] for i in kept]


def explain_codes_for_text(project: Project, text: str, top: int = 5, backend: str = "minilm",
                           participant: str | None = None) -> dict:
    """Likely codes for one selected passage, with reasons, learned from the coded passages and answers.

    Returns ``{"codes": [...], "no_suggestion": reason or None, "basis": ...,
    "participant": whose coding it learned from (None: everyone's)}``.
    The codes are the closest even when none is likely (the researcher asked
    about this passage), and ``no_suggestion`` then says so; a non-answer gets
    no codes.  ``basis`` is "from similar coded passages" when the coding is too
    sparse to learn from (then the codes are simply those of the nearest examples).
    """
    from qualcode.analysis.suggesting import NOT_AN_ANSWER

    examples, coded_codes = coded_examples(project, participant)
    if not examples:
        return {"codes": [], "no_suggestion": None, "basis": None, "participant": participant}
    vectors, _ = embed(project, [u.text for u in examples] + [text], backend)
    suggester = _learn(examples, coded_codes, vectors)
    (shown,) = suggester.rank([text], vectors[-1:], top)
    if shown.reason == NOT_AN_ANSWER:
        return {"codes": [], "no_suggestion": shown.reason, "basis": None, "participant": participant}
    (closest,) = suggester.rank([text], vectors[-1:], top, abstain=False)
    names = {c.id: c.name for c in project.codes.list()}
    return {"codes": [_code_json(s, examples, names) for s in closest.suggestions], "no_suggestion": shown.reason,
            "basis": closest.basis, "participant": participant}
