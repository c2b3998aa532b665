"""Measure a code suggester on held-out coding, beside baselines fitted on the same split.

Used by ``bench/bench_suggesting.py`` and the tests.  The split is
stratified on each answer's rarest code, so a 10% sample still holds the
rare codes in proportion; several seeds are averaged so one lucky split
cannot flatter a model.  Hit@3 counts an answer when any of its codes is in
the top 3; recall@3 is the share of its codes (up to 3) that the top 3 hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Sequence

import numpy as np

from qualcode.analysis.suggesting.base import NOT_AN_ANSWER, CodeSuggester


def hit_at_k(ranked: Sequence[Sequence[Hashable]], truth: Sequence[Collection[Hashable]], k: int = 3) -> float:
    """Share of texts (with a code) where a top-``k`` code is one of theirs."""
    hits = [any(c in t for c in r[:k]) for r, t in zip(ranked, truth) if t]
    return float(np.mean(hits)) if hits else float("nan")


def recall_at_k(ranked: Sequence[Sequence[Hashable]], truth: Sequence[Collection[Hashable]], k: int = 3) -> float:
    """Mean share of each text's codes (capped at ``k``) found in its top ``k``."""
    shares = [sum(c in t for c in r[:k]) / min(len(t), k) for r, t in zip(ranked, truth) if t]
    return float(np.mean(shares)) if shares else float("nan")


def stratified_splits(labels: Sequence[Collection[Hashable]], train_share: float,
                      seeds: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(coded, held_out)`` index arrays per seed, stratified on each text's rarest code."""
    from sklearn.model_selection import StratifiedShuffleSplit

    freq = Counter(c for cs in labels for c in cs)
    key = [repr(min(cs, key=lambda c: (freq[c], repr(c)))) if cs else "" for cs in labels]
    sizes = Counter(key)
    key = [k if sizes[k] >= 5 else "(rare)" for k in key]
    out = []
    for seed in seeds:
        split = StratifiedShuffleSplit(n_splits=1, train_size=train_share, random_state=seed)
        coded, held = next(split.split(np.zeros(len(key)), key))
        out.append((np.sort(coded), np.sort(held)))
    return out


def most_frequent(train_labels: Sequence[Collection[Hashable]], n: int, k: int = 3) -> list[list[Hashable]]:
    """The baseline that suggests the ``k`` commonest codes to everyone."""
    top = [c for c, _ in Counter(c for cs in train_labels for c in cs).most_common(k)]
    return [list(top) for _ in range(n)]


def tfidf_logistic(train_texts: Sequence[str], train_labels: Sequence[Collection[Hashable]],
                   texts: Sequence[str], k: int = 3) -> list[list[Hashable]]:
    """The plain classifier baseline: scikit-learn's default TF-IDF and one-vs-rest logistic regression."""
    import warnings

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    binarizer = MultiLabelBinarizer()
    y = binarizer.fit_transform([sorted(map(str, cs)) for cs in train_labels])
    words = TfidfVectorizer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a code on every coded text is "constant": fine here
        model = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(words.fit_transform(train_texts), y)
    probs = model.predict_proba(words.transform(texts))
    by_name = {str(c): c for cs in train_labels for c in cs}
    return [[by_name[binarizer.classes_[j]] for j in np.argsort(-row, kind="stable")[:k]] for row in probs]


def compare(texts: Sequence[str], vectors: np.ndarray, labels: Sequence[Collection[Hashable]],
            train_share: float, seeds: Sequence[int], make: Callable[[], CodeSuggester],
            k: int = 3) -> dict[str, float]:
    """Mean (and spread) of hit@k and recall@k for the suggester and both baselines."""
    per: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        per.setdefault(name, []).append(value)

    for coded, held in stratified_splits(labels, train_share, seeds):
        tr_texts, tr_labels = [texts[i] for i in coded], [labels[i] for i in coded]
        te_texts, truth = [texts[i] for i in held], [labels[i] for i in held]
        suggester = make().fit(tr_texts, vectors[coded], tr_labels)
        full = suggester.rank(te_texts, vectors[held], k, abstain=False)
        ranked = [[s.code for s in r.suggestions] for r in full]
        shown = suggester.rank(te_texts, vectors[held], k, abstain=True)
        baselines = {
            "model": ranked,
            "tfidf_lr": tfidf_logistic(tr_texts, tr_labels, te_texts, k),
            "most_frequent": most_frequent(tr_labels, len(held), k),
        }
        for name, r in baselines.items():
            add(f"{name}_hit{k}", hit_at_k(r, truth, k))
            add(f"{name}_recall{k}", recall_at_k(r, truth, k))
        add("model_no_suggestion_share", float(np.mean([not r.suggestions for r in shown])))
        add("model_not_an_answer_share", float(np.mean([r.reason == NOT_AN_ANSWER for r in shown])))
        # Calibration: the mean score of the first suggestion against how often it is right.
        add("model_top1_mean_score", float(np.mean([r.suggestions[0].score for r in full])))
        add("model_top1_precision", float(np.mean([r[0] in t for r, t in zip(ranked, truth)])))
    out: dict[str, float] = {}
    for name, values in per.items():
        out[name] = float(np.mean(values))
        if name.endswith(f"hit{k}"):
            out[f"{name}_sd"] = float(np.std(values))
    return out
