"""Refitting the code suggester as codes are applied: quick, and it learns what was just coded."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.analysis.embeddings import get_backend
from qualcode.analysis.suggesting import SupervisedSuggester

PAY = ["The pay is far too low", "Better salary would keep me", "I earn more stacking shelves",
       "Wages lag the cost of living", "A pay rise would help", "Our pay band is unfair"]
WORK = ["Too many patients on my caseload", "The workload never lets up", "Endless paperwork every day",
        "I stay late to finish notes", "Too much work for one person", "Short staffed, extra cases"]
TEAM = ["My team mates keep me here", "A supportive team", "Colleagues who have my back",
        "Great people to work with", "Wonderful team spirit on the ward"]
PARKING = ["Never a parking space at the hospital", "Car park charges for staff are a disgrace",
           "Parking permits cost too much", "I drive round the car park for ages", "Staff parking is full by eight"]


@pytest.fixture(scope="module")
def backend():
    return get_backend("tfidf")


def coding(with_parking: int) -> tuple[list[str], list[set[str]]]:
    texts = PAY + WORK + TEAM + PARKING[:with_parking]
    labels = [{"Pay"}] * len(PAY) + [{"Workload"}] * len(WORK) + [{"Team"}] * len(TEAM) + \
        [{"Parking"}] * with_parking
    return texts, labels


def embed(backend, texts: list[str]) -> np.ndarray:
    return backend.embed(PAY + WORK + TEAM + PARKING + texts)[-len(texts):]


def test_refit_learns_a_code_just_applied_to_more_answers(backend) -> None:
    texts, labels = coding(with_parking=2)
    suggester = SupervisedSuggester().fit(texts, embed(backend, texts), labels)
    query = ["Parking at the hospital costs staff too much"]
    before = suggester.scores(query, embed(backend, query))[0][suggester.codes.index("Parking")]
    texts, labels = coding(with_parking=5)  # the researcher codes three more answers 'Parking'
    suggester.refit(texts, embed(backend, texts), labels)
    after = suggester.scores(query, embed(backend, query))[0][suggester.codes.index("Parking")]
    assert after > before
    (ranking,) = suggester.rank(query, embed(backend, query), 1)
    assert ranking.suggestions[0].code == "Parking"


def test_refit_learns_again_only_the_codes_whose_examples_changed(backend) -> None:
    texts, labels = coding(with_parking=5)
    suggester = SupervisedSuggester(refresh_share=0.5).fit(texts, embed(backend, texts), labels)
    assert suggester.relearned == 4  # a full fit learns every code
    labels = list(labels)
    labels[0] = {"Pay", "Workload"}  # one more code on one answer
    suggester.refit(texts, embed(backend, texts), labels)
    assert suggester.relearned == 1  # only Workload gained an example; Pay, Team, Parking are kept
    suggester.refit(texts, embed(backend, texts), labels)  # nothing changed: nothing to learn
    assert suggester.relearned == 0


def test_refit_gives_what_a_fresh_fit_gives_for_unchanged_coding(backend) -> None:
    texts, labels = coding(with_parking=5)
    vectors = embed(backend, texts)
    refitted = SupervisedSuggester().fit(texts, vectors, labels).refit(texts, vectors, labels)
    fresh = SupervisedSuggester().fit(texts, vectors, labels)
    query = ["My salary is not enough", "The team is lovely"]
    assert np.allclose(refitted.scores(query, embed(backend, query)), fresh.scores(query, embed(backend, query)),
                       atol=1e-6)


def test_refit_learns_from_scratch_when_much_is_new(backend) -> None:
    texts, labels = coding(with_parking=0)
    suggester = SupervisedSuggester(refresh_share=0.1).fit(texts, embed(backend, texts), labels)
    texts, labels = coding(with_parking=5)  # 5 new answers on 17: more than a tenth
    suggester.refit(texts, embed(backend, texts), labels)
    assert suggester.relearned == 4
    assert "parking" in set(suggester._state["vocabulary"])  # the new answers' words are known
