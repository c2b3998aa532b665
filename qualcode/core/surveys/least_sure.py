"""Least sure first: a question's answers in the order that teaches the code suggester most.

Active learning (issue #15 item 3): the suggester, learned from the answers
coded so far, scores every uncoded answer; the answers whose best code it is
least sure of come first, because coding those tells it most.  Non-answers
("N/A", "-") come after them (nothing to learn), and answers already coded
come last, in the survey's own order.  The researcher still codes each answer;
nothing is applied here.

The suggester is kept per project and question between calls and *refitted*
(:meth:`SupervisedSuggester.refit`): after a few codes are applied, only the
codes whose examples changed are learned again, so the order can follow the
coding within seconds even with 10,000 coded answers (bench/bench_suggesting.py).
What it measured on real answers — how many codings reach 0.85 hit@3 in this
order, in file order and at random — is in the README and bench/results.json.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qualcode.core.errors import NotFound
from qualcode.core.model import DocumentKind
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.surveys.answers import answer_code_ids

if TYPE_CHECKING:
    from qualcode.core.project import Project

#: How the suggestions' order is named in the CLI and the JSON.
LEAST_SURE = "least-sure"

_kept: dict[tuple[str, int, str], Any] = {}  # (project, question, backend) → the last suggester
_lock = threading.Lock()


@dataclass(frozen=True)
class AnswerOrder:
    """The answers of one question in the order to code them.

    Attributes:
        document_ids: Every answer, least sure first (see the module's docstring).
        sureness: Per uncoded answer that is an answer: the best code's score (0–1).
        coded: How many coded answers the suggester learned from.
        relearned: How many codes the last refit learned again (the others were kept).
    """

    document_ids: list[int]
    sureness: dict[int, float] = field(default_factory=dict)
    coded: int = 0
    relearned: int = 0


def _question_id(project: Project, question: int | str | None) -> int:
    questions = [q for q, _n in project.documents.questions()]
    if question is None and len(questions) == 1:
        return questions[0].id
    for q in questions:
        if question in (q.id, q.name):
            return q.id
    raise NotFound(f"there is no question ‘{question}’ (the project has: "
                   f"{', '.join(q.name for q in questions) or 'none'})")


def nothing_to_suggest(project: Project, target: str, question: str | None) -> str:
    """What to say when every answer (or passage) is coded already: a normal outcome, not an error."""
    name = question or next((q.name for q, _n in project.documents.questions()), "")
    return (f"every answer to ‘{name}’" if target == "answers" else "every passage") + " is coded; nothing to suggest"


def learned_suggester(project: Project, question_id: int, backend: str, texts: list[str], vectors: Any,
                      labels: list[set[int]], is_cancelled: IsCancelled | None = None) -> Any:
    """The suggester for this question, refitted on the coding as it is now (kept for the next call)."""
    from qualcode.analysis.suggesting import SuggesterError, SupervisedSuggester
    from qualcode.core.themes.suggestions import SuggestionError

    key = (str(project.location), question_id, backend)
    with _lock:
        suggester = _kept.pop(key, None) or SupervisedSuggester()
    try:
        suggester.refit(texts, vectors, labels, is_cancelled)
    except SuggesterError as exc:
        raise SuggestionError(exc.message) from exc
    with _lock:
        _kept[key] = suggester
        while len(_kept) > 4:  # a few questions at a time; the oldest go
            _kept.pop(next(iter(_kept)))
    return suggester


def least_sure_order(project: Project, question: int | str | None, backend: str = "auto",
                     coders: list[str] | None = None, keep_first: Sequence[int] = (),
                     progress: Progress | None = None, is_cancelled: IsCancelled | None = None) -> AnswerOrder:
    """Order the question's answers least sure first, learning from the answers coded so far.

    ``keep_first``: answers that stay at the top as given (those the researcher has
    already gone through), so a re-order after more coding moves only what is ahead.
    ``coders``: whose codes count as coded (all coders' when None).
    """
    import numpy as np

    from qualcode.analysis.suggesting import is_non_answer
    from qualcode.analysis.suggesting.ordering import what_to_code_next
    from qualcode.core.themes.suggestions import SuggestionError, embed

    question_id = _question_id(project, question)
    docs = project.documents.list(DocumentKind.ANSWER, question_id)
    texts = project.documents.texts(d.id for d in docs)
    codes = answer_code_ids(project, [d.id for d in docs], coders)
    coded = [d.id for d in docs if codes.get(d.id)]
    if not coded:
        raise SuggestionError("nothing is coded yet: code a few answers first, then order the rest least sure first")
    uncoded = [d.id for d in docs if not codes.get(d.id)]
    if not uncoded:  # before the (slow) embedding; the toggle says so and turns off
        name = next(q.name for q, _n in project.documents.questions() if q.id == question_id)
        raise SuggestionError(nothing_to_suggest(project, "answers", name))
    order = coded + uncoded
    vectors, _label = embed(project, [texts[i] for i in order], backend, progress, is_cancelled)
    suggester = learned_suggester(project, question_id, backend, [texts[i] for i in coded], vectors[:len(coded)],
                                  [set(codes[i]) for i in coded], is_cancelled)
    uncoded_texts = [texts[i] for i in uncoded]
    scores = suggester.scores(uncoded_texts, vectors[len(coded):], is_cancelled) if uncoded else np.zeros((0, 0))
    ranked, sure = what_to_code_next(uncoded_texts, scores)
    sureness = {d: float(x) for d, x, text in zip(uncoded, sure, uncoded_texts) if not is_non_answer(text)}
    known = set(order)
    kept = [d for d in dict.fromkeys(keep_first) if d in known]
    held = set(kept)
    ahead = [uncoded[i] for i in ranked if uncoded[i] not in held]
    return AnswerOrder(kept + ahead + [d for d in coded if d not in held], sureness, len(coded), suggester.relearned)


def least_sure_first(project: Project, data: dict, question: int | str | None, backend: str = "auto") -> dict:
    """``qualcode suggest --codes-for answers --order least-sure``: the suggestions, least sure first.

    Each item gains ``sureness`` (its best code's score, whether or not it is shown);
    non-answers go after the answers, as in the survey table.
    """
    question_id = _question_id(project, question)
    order = least_sure_order(project, question_id, backend)
    docs = project.documents.list(DocumentKind.ANSWER, question_id)
    doc_of = {label: d for d, label in project.documents.participant_labels(d.id for d in docs).items()}
    rank = {d: i for i, d in enumerate(order.document_ids)}
    items = data["suggestions"]
    for item in items:
        sure = order.sureness.get(doc_of.get(item["id"], -1))
        if sure is not None:
            item["sureness"] = round(sure, 4)
    items.sort(key=lambda item: rank.get(doc_of.get(item["id"], -1), len(rank)))
    return {**data, "order": LEAST_SURE}
