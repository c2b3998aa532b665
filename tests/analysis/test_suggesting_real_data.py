"""On real coded answers (NHS Friends and Family Test, ../shared/data), the suggester beats a plain classifier.

Skipped when the shared data folder is absent (a clone outside this workplace).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nhs-fft-neas.csv"

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"real data not here ({DATA})")


def load(n: int, seed: int) -> tuple[list[str], list[set[str]]]:
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    columns = list(rows[0])
    codes = columns[columns.index("Comment sentiment") + 1:]
    pick = np.random.default_rng(seed).choice(len(rows), n, replace=False)
    return ([rows[i]["FFT answer"] for i in pick],
            [{c for c in codes if rows[i][c].strip() == "1"} for i in pick])


def test_beats_tfidf_logistic_regression_on_half_coded_real_answers() -> None:
    from qualcode.analysis.embeddings import get_backend
    from qualcode.analysis.suggesting import SupervisedSuggester
    from qualcode.analysis.suggesting.evaluation import hit_at_k, stratified_splits, tfidf_logistic

    texts, labels = load(1000, seed=0)
    ((coded, held),) = stratified_splits(labels, 0.5, seeds=[0])
    vectors = get_backend("minilm").embed(texts)
    train_texts, train_labels = [texts[i] for i in coded], [labels[i] for i in coded]
    suggester = SupervisedSuggester().fit(train_texts, vectors[coded], train_labels)
    rankings = suggester.rank([texts[i] for i in held], vectors[held], 3, abstain=False)
    truth = [labels[i] for i in held]
    model = hit_at_k([[s.code for s in r.suggestions] for r in rankings], truth)
    baseline = hit_at_k(tfidf_logistic(train_texts, train_labels, [texts[i] for i in held]), truth)
    assert model > baseline + 0.02, (model, baseline)
    assert model >= 0.85, model
