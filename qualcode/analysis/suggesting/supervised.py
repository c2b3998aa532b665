"""A supervised suggester: logistic regression on words and meaning, nearest examples for rare codes.

Why this model: on 2,000 real NHS Friends-and-Family-Test answers coded by
people, putting both kinds of features into one model —
TF-IDF words (1–2-grams) beside the sentence embedding — and fitting one
logistic regression per code did better than a plain TF-IDF classifier (8
points of hit@3) and than the earlier kNN/centroid blend (1.5–3 points;
``bench/bench_suggesting.py``, docs/embeddings.md).  Logistic regression gives each code a probability of
its own (an answer may have several codes), and its coefficients say which
words weighed most, so every suggestion can be explained.

A code with fewer than ``min_examples`` examples cannot train a regression
worth trusting; it is scored by the similarity-weighted vote of the nearest
coded examples instead.  When fewer than ``min_learned_codes`` codes have
that many examples (e.g. IPA interviews, where each emergent theme is coded
once), the coding is too sparse for the regression: every code is then scored
by that nearest-example vote, whose scores are spread thin over many codes
(the sample interviews' best scores: 0.11–0.20 over 107 one-example codes), so the top codes are listed without the
``min_score`` threshold, marked :data:`FROM_SIMILAR`; non-answers still get none.
Fitting from scratch takes 0.3 s of CPU for 1,000 coded answers and 10.7 s for
10,192 (``bench/bench_suggesting.py``); as codes are applied, :meth:`SupervisedSuggester.refit`
keeps the vocabulary and embedding axes and learns again only the codes whose examples
changed: 0.5 s of CPU after one more code on 10,192 coded answers, the same hit@3 as a
full fit.  The survey order "least sure first" keeps one suggester per question and refits it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

import numpy as np

from qualcode.analysis.embeddings.base import check_cancelled, l2_normalise
from qualcode.analysis.embeddings.similarity import blocks, top_k_similar
from qualcode.analysis.suggesting.base import (
    FROM_SIMILAR,
    NOT_AN_ANSWER,
    NOTHING_LIKELY,
    Ranking,
    SuggesterError,
    Suggestion,
)
from qualcode.analysis.suggesting.non_answers import is_non_answer
from qualcode.core.progress import IsCancelled


@dataclass
class SupervisedSuggester:
    """One-vs-rest logistic regression on TF-IDF words + sentence embedding.

    Attributes:
        C: Inverse regularisation strength of each code's regression.
        embedding_weight: Scale of the embedding beside the (unit-length) TF-IDF row.
        embedding_dims: The embedding enters the regression as its first principal components
            (of the coded texts' vectors): 64 scored as well as all 384 on real answers and
            refits 4× faster (bench/bench_suggesting.py, docs/embeddings.md).
        min_examples: Codes with fewer examples are scored by their nearest examples.
        min_learned_codes: With fewer codes than this having ``min_examples`` examples, the
            coding is sparse: every code is scored by its nearest examples, and the top codes
            are listed whatever their score (marked "from similar coded passages").
        neighbours: Coded examples that vote for rare codes.
        min_score: Below this best score a text gets "no suggestion".
        n_examples: Nearest coded examples given as the reason for a suggestion.
        n_words: Words given as the reason for a suggestion.
        tol: The regressions' stopping tolerance (liblinear's).
        refresh_share: :meth:`refit` learns from scratch once this share of the coded texts is new.
    """

    C: float = 10.0
    embedding_weight: float = 1.0
    embedding_dims: int = 64
    min_examples: int = 5
    min_learned_codes: int = 3
    neighbours: int = 10
    min_score: float = 0.2
    n_examples: int = 3
    n_words: int = 3
    tol: float = 1e-4
    refresh_share: float = 0.1
    _state: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- learning --------------------------------------------------------------------
    def fit(self, texts: Sequence[str], vectors: np.ndarray, labels: Sequence[Collection[Hashable]],
            is_cancelled: IsCancelled | None = None) -> Self:
        """Learn every code from the coded texts (texts without codes are ignored)."""
        return self._learn(texts, vectors, labels, is_cancelled, reuse=False)

    def refit(self, texts: Sequence[str], vectors: np.ndarray, labels: Sequence[Collection[Hashable]],
              is_cancelled: IsCancelled | None = None) -> Self:
        """Learn the coding again after codes were applied or removed: in a second, not from scratch.

        Keeps the words and embedding axes of the last :meth:`fit` and learns again
        only the codes whose coded examples changed; the others keep their
        regression (a newly coded text is one more counter-example for them, one
        among the many they were fitted on).  Once more than ``refresh_share`` of
        the coded texts are new since the last full fit (their words may be missing
        from the vocabulary), or nothing was learned yet, it is a full :meth:`fit`.
        Measured on 10,192 coded answers in ``bench/bench_suggesting.py``.
        """
        return self._learn(texts, vectors, labels, is_cancelled, reuse=True)

    def _learn(self, texts: Sequence[str], vectors: np.ndarray, labels: Sequence[Collection[Hashable]],
               is_cancelled: IsCancelled | None, reuse: bool) -> Self:
        from scipy import sparse

        if not (len(texts) == len(vectors) == len(labels)):
            raise SuggesterError(f"{len(texts)} texts, {len(vectors)} vectors and {len(labels)} code sets "
                                 "do not match")
        keep = [i for i, cs in enumerate(labels) if cs]
        if not keep:
            raise SuggesterError("nothing is coded yet: code some examples first")
        texts = [texts[i] for i in keep]
        vectors = l2_normalise(np.asarray(vectors)[keep])
        codes: list[Hashable] = []
        index: dict[Hashable, int] = {}
        for i in keep:
            for c in labels[i]:
                if c not in index:
                    index[c] = len(codes)
                    codes.append(c)
        y = np.zeros((len(keep), len(codes)), dtype=bool)
        for row, i in enumerate(keep):
            for c in labels[i]:
                y[row, index[c]] = True
        old = self._state
        new_texts = sum(t not in old["base_texts"] for t in texts) if reuse and old else len(texts)
        reuse = reuse and bool(old) and new_texts <= self.refresh_share * len(old["base_texts"])
        if reuse:
            words, projection, base_texts = old["words"], old["projection"], old["base_texts"]
            tfidf = words.transform(texts) if words is not None else sparse.csr_matrix((len(texts), 0))
        else:
            words, tfidf = self._words_of(texts)
            projection, base_texts = principal_axes(vectors, self.embedding_dims), frozenset(texts)
        features = self._features(tfidf, vectors, projection)
        counts = y.sum(axis=0)
        learned = [c for c in range(len(codes)) if self.min_examples <= counts[c] < len(keep)]
        sparse_coding = len(learned) < self.min_learned_codes
        if sparse_coding:
            learned = []
        # What each code was learned from: the texts of its examples (order does not matter).
        examples = [hash(tuple(sorted(texts[r] for r in np.flatnonzero(y[:, c])))) for c in learned]
        known = dict(zip(old["learned_from"], range(len(old["learned_from"])))) if reuse else {}
        coef = np.zeros((len(learned), features.shape[1]), dtype=np.float32)
        intercept = np.zeros(len(learned), dtype=np.float32)
        todo = []
        for row, (c, key) in enumerate(zip(learned, examples)):
            if (codes[c], key) in known:  # the same examples as last time: the same regression
                coef[row], intercept[row] = old["coef"][known[codes[c], key]], old["intercept"][known[codes[c], key]]
            else:
                todo.append((row, c))
        self._regress(features, y, coef, intercept, todo, is_cancelled)
        rare = [c for c in range(len(codes)) if c not in set(learned)]
        # A rare code's words: the mean TF-IDF row of its examples.
        rare_words = sparse.vstack([
            sparse.csr_matrix(tfidf[y[:, c]].mean(axis=0)) for c in rare
        ]).tocsr() if rare and tfidf.shape[1] else None
        self._state = {
            "codes": codes, "kept": keep, "y": y, "vectors": vectors, "words": words,
            "vocabulary": words.get_feature_names_out() if words is not None else np.array([]),
            "learned": np.array(learned, dtype=int), "coef": coef, "intercept": intercept,
            "rare": np.array(rare, dtype=int), "rare_words": rare_words,
            "members": [np.flatnonzero(y[:, c]) for c in range(len(codes))],
            "projection": projection, "sparse": sparse_coding, "base_texts": base_texts,
            "learned_from": [(codes[c], key) for c, key in zip(learned, examples)], "relearned": len(todo),
        }
        return self

    @staticmethod
    def _words_of(texts: list[str]) -> tuple[Any, Any]:
        """The TF-IDF vocabulary of the coded texts (None when they hold no word at all)."""
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode")
        try:
            return words, words.fit_transform(texts)
        except ValueError:  # no word at all in any coded text
            return None, sparse.csr_matrix((len(texts), 0))

    def _regress(self, features: Any, y: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 todo: list[tuple[int, int]], is_cancelled: IsCancelled | None) -> None:
        """One logistic regression per code in ``todo`` (row of ``coef``, column of ``y``)."""
        from joblib import Parallel, delayed
        from sklearn.linear_model import LogisticRegression

        # liblinear's dual solver is the faster one once there are more words than texts (measured:
        # 0.8 against 1.2 s of CPU per code on 10,192 answers); it solves the same problem.
        dual = features.shape[1] > features.shape[0]

        def learn(row: int, c: int) -> None:
            check_cancelled(is_cancelled)
            model = LogisticRegression(C=self.C, solver="liblinear", dual=dual, tol=self.tol, max_iter=1000,
                                       random_state=0)  # liblinear shuffles: the same coding, the same scores
            model.fit(features, y[:, c])
            coef[row], intercept[row] = model.coef_[0], model.intercept_[0]

        # liblinear releases the GIL, so the codes are learned on every core at once.
        Parallel(n_jobs=min(len(todo), os.cpu_count() or 1, 8) or 1, prefer="threads")(
            delayed(learn)(row, c) for row, c in todo)

    def _features(self, tfidf: Any, vectors: np.ndarray, projection: tuple[np.ndarray, np.ndarray]) -> Any:
        """``[TF-IDF words | weight × unit principal components of the embedding]``."""
        from scipy import sparse

        centre, axes = projection
        reduced = l2_normalise((vectors - centre) @ axes)
        return sparse.hstack([tfidf, sparse.csr_matrix(reduced * self.embedding_weight)]).tocsr()

    @property
    def relearned(self) -> int:
        """How many codes the last fit or refit learned (a refit keeps the others' regressions)."""
        return int(self._state.get("relearned", 0))

    @property
    def codes(self) -> list[Hashable]:
        """The codes learned, in first-seen order."""
        return list(self._state.get("codes", []))

    # -- ranking ---------------------------------------------------------------------
    def scores(self, texts: Sequence[str], vectors: np.ndarray,
               is_cancelled: IsCancelled | None = None) -> np.ndarray:
        """``(len(texts), len(codes))`` probabilities, in :attr:`codes` order."""
        return self._scores(texts, vectors, is_cancelled)[0]

    def _scores(self, texts: Sequence[str], vectors: np.ndarray,
                is_cancelled: IsCancelled | None) -> tuple[np.ndarray, Any]:
        from scipy import sparse

        s = self._state
        if not s:
            raise SuggesterError("the suggester has not learned any coding yet")
        if len(texts) != len(vectors):
            raise SuggesterError(f"{len(texts)} texts for {len(vectors)} vectors")
        vectors = l2_normalise(np.asarray(vectors))
        tfidf = s["words"].transform(texts) if s["words"] is not None else sparse.csr_matrix((len(texts), 0))
        out = np.zeros((len(texts), len(s["codes"])), dtype=np.float64)
        if len(s["learned"]):
            for rows in blocks(len(texts)):
                check_cancelled(is_cancelled)
                logits = self._features(tfidf[rows], vectors[rows], s["projection"]) @ s["coef"].T + s["intercept"]
                out[rows, s["learned"]] = 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64)))
        if len(s["rare"]):
            k = min(self.neighbours, len(s["vectors"]))
            near, sim = top_k_similar(vectors, s["vectors"], k, is_cancelled=is_cancelled)
            weights = np.maximum(sim, 0.0)
            total = weights.sum(axis=1, keepdims=True)
            votes = np.einsum("qk,qkc->qc", weights, s["y"][near][:, :, s["rare"]].astype(np.float64))
            out[:, s["rare"]] = np.divide(votes, total, out=np.zeros_like(votes), where=total > 0)
        return np.clip(out, 0.0, 1.0), tfidf

    def rank(self, texts: Sequence[str], vectors: np.ndarray, k: int = 3, abstain: bool = True,
             is_cancelled: IsCancelled | None = None) -> list[Ranking]:
        """Up to ``k`` likely codes per text, each with its nearest examples and weightiest words.

        With ``abstain`` (the default), a non-answer gets no suggestion ("not an
        answer"), and so does a text whose best code scores below ``min_score`` —
        unless the coding is sparse (see ``min_learned_codes``): then the codes of the
        nearest coded examples are listed, with ``basis`` :data:`FROM_SIMILAR`.
        """
        s = self._state
        probs, tfidf = self._scores(texts, vectors, is_cancelled)
        vectors = l2_normalise(np.asarray(vectors))
        order_key = np.arange(len(s["codes"]))
        basis = FROM_SIMILAR if s["sparse"] else None
        out: list[Ranking] = []
        for rows in blocks(len(texts)):
            check_cancelled(is_cancelled)
            sims = vectors[rows] @ s["vectors"].T
            for local, q in enumerate(range(rows.start, rows.stop)):
                if abstain and is_non_answer(texts[q]):
                    out.append(Ranking((), NOT_AN_ANSWER))
                    continue
                top = np.lexsort((order_key, -probs[q]))[:k]
                if abstain and (not len(top) or (not s["sparse"] and probs[q, top[0]] < self.min_score)):
                    out.append(Ranking((), NOTHING_LIKELY))
                    continue
                out.append(Ranking(tuple(
                    Suggestion(s["codes"][c], float(probs[q, c]), self._examples(sims[local], c),
                               self._words(tfidf[q], c))
                    for c in top
                ), basis=basis))
        return out

    # -- reasons ---------------------------------------------------------------------
    def _examples(self, sims: np.ndarray, code: int) -> tuple[int, ...]:
        members = self._state["members"][code]
        nearest = members[np.argsort(-sims[members], kind="stable")[: self.n_examples]]
        kept = self._state["kept"]
        return tuple(int(kept[j]) for j in nearest)

    def _words(self, row: Any, code: int) -> tuple[str, ...]:
        s = self._state
        if row.nnz == 0:
            return ()
        cols, values = row.indices, row.data
        learned = np.flatnonzero(s["learned"] == code)
        if len(learned):
            weights = s["coef"][learned[0], cols]
        else:
            rare = np.flatnonzero(s["rare"] == code)
            if not len(rare) or s["rare_words"] is None:
                return ()
            weights = s["rare_words"][rare[0]].toarray()[0, cols]
        contrib = values * weights
        best = np.argsort(-contrib, kind="stable")[: self.n_words]
        return tuple(str(s["vocabulary"][cols[j]]) for j in best if contrib[j] > 0)


def principal_axes(vectors: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    """The centre and first ``dims`` principal axes (columns) of unit rows.

    From the eigenvectors of the 384 × 384 scatter matrix rather than an SVD of
    the rows: the same axes, 0.1 s instead of 5 s on 10,192 coded answers.
    """
    centre = vectors.mean(axis=0)
    centred = np.asarray(vectors - centre, dtype=np.float64)
    _values, axes = np.linalg.eigh(centred.T @ centred)
    return centre, np.ascontiguousarray(axes[:, ::-1][:, :dims]).astype(np.float32)
