"""Ranking codes for uncoded texts from coded examples."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.analysis.code_suggestions import (
    CodeScore,
    code_centroids,
    evaluate_half_known,
    recall_at_k,
    suggest_codes,
    top_k_accuracy,
)
from qualcode.analysis.embeddings import l2_normalise

AXES = {"Pay": 0, "Caseload": 1, "Supervision": 2, "Team": 3}


def vec(*weights: tuple[str, float], noise: float = 0.0, seed: int = 0) -> np.ndarray:
    v = np.zeros(8)
    for code, w in weights:
        v[AXES[code]] = w
    v += np.random.default_rng(seed).normal(size=8) * noise
    return v / np.linalg.norm(v)


def toy():
    coded = np.array([
        vec(("Pay", 1)), vec(("Pay", 1), ("Team", 0.2)), vec(("Caseload", 1)),
        vec(("Caseload", 1), ("Supervision", 0.3)), vec(("Supervision", 1)),
        vec(("Pay", 0.7), ("Caseload", 0.7)),
    ])
    codes = [{"Pay"}, {"Pay"}, {"Caseload"}, {"Caseload"}, {"Supervision"}, {"Pay", "Caseload"}]
    return coded, codes


def test_ranks_the_right_code_first():
    coded, codes = toy()
    queries = np.array([vec(("Pay", 1), ("Team", 0.1)), vec(("Caseload", 1)), vec(("Supervision", 1))])
    result = suggest_codes(queries, coded, codes, top_n=2, k=3)
    assert [r[0].code for r in result] == ["Pay", "Caseload", "Supervision"]
    assert all(len(r) == 2 for r in result)
    first = result[0][0]
    assert 0 <= first.score <= 1 and first.knn > 0.5 and first.centroid > 0.9
    assert first.examples and all("Pay" in codes[j] for j in first.examples)
    assert result[0][0].score >= result[0][1].score


def test_multi_code_example_votes_for_each_code():
    coded, codes = toy()
    mixed = suggest_codes(np.array([vec(("Pay", 0.7), ("Caseload", 0.7))]), coded, codes, k=1)
    assert {s.code for s in mixed[0][:2]} == {"Pay", "Caseload"}


def test_code_descriptions_give_unseen_codes_a_chance():
    coded, codes = toy()
    team = {"Team": vec(("Team", 1))}
    query = np.array([vec(("Team", 1), ("Pay", 0.1))])
    assert suggest_codes(query, coded, codes, top_n=1)[0][0].code == "Pay"
    assert suggest_codes(query, coded, codes, top_n=1, code_vectors=team)[0][0].code == "Team"
    names, cents = code_centroids(coded, codes, team)
    assert names == ["Pay", "Caseload", "Supervision", "Team"]
    assert np.allclose(np.linalg.norm(cents, axis=1), 1)


def test_blockwise_on_many_queries_matches_one_by_one():
    coded, codes = toy()
    rng = np.random.default_rng(0)
    queries = l2_normalise(rng.normal(size=(2100, 8)))
    together = suggest_codes(queries, coded, codes)
    for q in (0, 1023, 1024, 2099):
        alone = suggest_codes(queries[q : q + 1], coded, codes)[0]
        assert [s.code for s in alone] == [s.code for s in together[q]]


def test_edge_cases():
    coded, codes = toy()
    assert suggest_codes(np.zeros((0, 8)), coded, codes) == []
    assert suggest_codes(np.ones((2, 8)), np.zeros((0, 8)), []) == [[], []]
    with pytest.raises(ValueError):
        suggest_codes(np.ones((1, 8)), coded, codes[:2])


def test_accuracy_measures():
    s = [[CodeScore("a", 1, 1, 1), CodeScore("b", 0.5, 0, 0)], [CodeScore("c", 1, 1, 1)], []]
    truth = [{"b"}, {"c", "d"}, set()]
    assert top_k_accuracy(s, truth, 1) == 0.5
    assert top_k_accuracy(s, truth, 2) == 1.0
    assert recall_at_k(s, truth, 2) == pytest.approx((1 + 0.5) / 2)


def test_half_known_evaluation_on_separable_codes():
    rng = np.random.default_rng(0)
    names = list(AXES)
    codes = [{names[i % 4]} for i in range(40)] + [set()]
    vectors = np.array([vec((next(iter(c)), 1), noise=0.05, seed=i) for i, c in enumerate(codes[:-1])])
    vectors = np.vstack([vectors, rng.normal(size=(1, 8))])
    scores = evaluate_half_known(vectors, codes, seeds=(0, 1))
    assert scores == {"top1": 1.0, "top3": 1.0, "recall3": 1.0}
