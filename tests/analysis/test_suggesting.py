"""The supervised code suggester: what a researcher relies on when it ranks codes for new answers."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.analysis.embeddings import get_backend
from qualcode.analysis.suggesting import (
    FROM_SIMILAR,
    NOT_AN_ANSWER,
    NOTHING_LIKELY,
    SuggesterError,
    SupervisedSuggester,
    is_non_answer,
)
from qualcode.core.errors import QualcodeError

CODED = [
    ("The pay is far too low for the hours we work", "Pay"),
    ("Better salary would keep me in this job", "Pay"),
    ("I can earn more stacking shelves than nursing", "Pay"),
    ("Wages have not kept up with the cost of living", "Pay"),
    ("Money. I cannot pay my rent on this salary", "Pay"),
    ("A pay rise would make a real difference", "Pay"),
    ("Our pay band does not reflect the responsibility", "Pay"),
    ("Low wages are the main reason people leave", "Pay"),
    ("Too many patients on my caseload to do the job well", "Workload"),
    ("The workload is relentless and never lets up", "Workload"),
    ("Endless paperwork on top of a full caseload", "Workload"),
    ("I stay late every day to finish my notes", "Workload"),
    ("There is simply too much work for one person", "Workload"),
    ("We are short staffed so everyone carries extra cases", "Workload"),
    ("My team mates are the reason I stay", "Team"),
    ("A supportive team that looks after each other", "Team"),
    ("Colleagues who have my back on a bad shift", "Team"),
    ("Great people to work with, we laugh a lot", "Team"),
    ("The team spirit on our ward is wonderful", "Team"),
    ("You can never find a parking space at the hospital", "Parking"),
    ("Car park charges for staff are a disgrace", "Parking"),
]


@pytest.fixture(scope="module")
def backend():
    return get_backend("minilm")


@pytest.fixture(scope="module")
def fitted(backend):
    texts = [t for t, _ in CODED]
    return SupervisedSuggester().fit(texts, backend.embed(texts), [{c} for _, c in CODED])


def rank(fitted, backend, texts, **options):
    return fitted.rank(texts, backend.embed(texts), **options)


def test_a_code_with_many_examples_comes_first_for_a_paraphrase(fitted, backend) -> None:
    rankings = rank(fitted, backend, ["The salary is not enough to live on",
                                      "I have far more cases than I can manage"])
    assert [r.suggestions[0].code for r in rankings] == ["Pay", "Workload"]
    assert all(0.0 <= s.score <= 1.0 for r in rankings for s in r.suggestions)


def test_a_code_with_two_examples_is_still_suggested_from_its_nearest_examples(fitted, backend) -> None:
    (ranking,) = rank(fitted, backend, ["Nowhere to park my car when I arrive for a shift"])
    assert "Parking" in [s.code for s in ranking.suggestions]


@pytest.mark.parametrize("text", ["N/A", "n/a", "-", "none", "None.", "Nothing", "...", "", "  ", "Did not answer",
                                  "No comment", "?!"])
def test_non_answers_get_no_suggestion(fitted, backend, text) -> None:
    assert is_non_answer(text)
    (ranking,) = rank(fitted, backend, [text])
    assert ranking.suggestions == () and ranking.reason == NOT_AN_ANSWER


def test_an_answer_that_starts_with_none_still_counts() -> None:
    assert not is_non_answer("None. Quite satisfied.")
    assert not is_non_answer("Nothing could be better than my team")


def test_no_suggestion_when_no_code_is_likely_enough(fitted, backend) -> None:
    texts = ["The salary is not enough to live on"]
    strict = SupervisedSuggester(min_score=0.999).fit([t for t, _ in CODED], backend.embed([t for t, _ in CODED]),
                                                     [{c} for _, c in CODED])
    (ranking,) = rank(strict, backend, texts)
    assert ranking.suggestions == () and ranking.reason == NOTHING_LIKELY
    (closest,) = rank(strict, backend, texts, abstain=False)
    assert closest.suggestions[0].code == "Pay"  # the ranking is there when asked for


def test_explanations_name_real_coded_examples_and_the_texts_own_words(fitted, backend) -> None:
    (ranking,) = rank(fitted, backend, ["Our salary is a joke, the pay is awful"])
    best = ranking.suggestions[0]
    assert best.code == "Pay" and best.examples
    assert all(CODED[i][1] == "Pay" for i in best.examples)
    assert best.words and all(w in "our salary is a joke, the pay is awful" for w in best.words)
    assert {"pay", "salary"} & set(best.words)


def test_examples_index_the_texts_given_even_when_some_are_uncoded(backend) -> None:
    texts = ["Not coded yet"] + [t for t, _ in CODED]
    labels = [set()] + [{c} for _, c in CODED]
    suggester = SupervisedSuggester().fit(texts, backend.embed(texts), labels)
    (ranking,) = suggester.rank(["The pay is rubbish"], backend.embed(["The pay is rubbish"]))
    assert ranking.suggestions[0].code == "Pay"
    assert all(labels[i] == {"Pay"} for i in ranking.suggestions[0].examples)


def test_refusals_are_worded_for_the_researcher() -> None:
    vectors = np.eye(3, dtype=np.float32)
    with pytest.raises(SuggesterError, match="nothing is coded"):
        SupervisedSuggester().fit(["a", "b", "c"], vectors, [set(), set(), set()])
    with pytest.raises(QualcodeError, match="do not match"):
        SupervisedSuggester().fit(["a", "b"], vectors, [{"x"}, {"y"}])


def test_importing_the_suggester_stays_light() -> None:
    """The window imports it at start-up: scikit-learn and SciPy load only when it learns."""
    import subprocess
    import sys

    code = ("import sys, qualcode.analysis.suggesting\n"
            "print(','.join(m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_sparse_coding_lists_the_codes_of_the_nearest_examples_instead_of_abstaining(backend) -> None:
    # Each code coded once, as in IPA interviews: the regression has nothing to learn from.
    once = [("I lie awake replaying the calls from the day", "Replaying calls"),
            ("The clock on the screen tells me I am running late", "Clock"),
            ("My supervisor held me so I could hold my patients", "Held"),
            ("When a patient gets worse I assume it is my fault", "Me"),
            ("The targets turn people into numbers", "Numbers")]
    # More codes than the nearest examples that vote, so no vote reaches ``min_score`` (as in interviews).
    once += [("I feel guilty taking a lunch break", "Guilt at rest"),
             ("Nobody told me what the job would really be like", "Unprepared"),
             ("My partner says I bring work home with me", "Work at home"),
             ("I keep thinking about leaving the service", "Thinking of leaving"),
             ("Peer support on a Friday keeps me going", "Peer support"),
             ("I trained for this and I still love it", "Still love it"),
             ("The waiting list never gets shorter", "Endless waiting list")]
    texts = [t for t, _ in once]
    suggester = SupervisedSuggester().fit(texts, backend.embed(texts), [{c} for _, c in once])
    close, loose, blank = rank(suggester, backend, ["At night in bed I keep replaying the day's calls",
                                                    "I went into this job to help people", "N/A"])
    assert close.suggestions[0].code == "Replaying calls" and len(close.suggestions) == 3
    assert close.reason is None and close.basis == FROM_SIMILAR
    # Spread thin over many codes, no score reaches ``min_score``: the nearest codes are still listed.
    assert len(loose.suggestions) == 3 and loose.reason is None and loose.basis == FROM_SIMILAR
    assert blank.suggestions == () and blank.reason == NOT_AN_ANSWER


def test_well_coded_answers_are_ranked_by_the_model_not_marked_as_similar(fitted, backend) -> None:
    (ranking,) = rank(fitted, backend, ["The salary is not enough to live on"])
    assert ranking.basis is None
