"""Suggest codes for uncoded texts from the researcher's own coding.

Two signals, both cosine on sentence embeddings:

* **nearest coded examples** (kNN): codes of the ``k`` most similar coded
  texts, each vote weighted by its similarity — good at catching a code's
  many phrasings;
* **code centroids**: similarity to the mean of each code's examples
  (optionally with the code's name/definition embedded as one more example) —
  steady for codes with few examples.

The scores are blended; the top few are returned with both parts, so the GUI
can say why a code was suggested. Pure and blockwise: 50,000 answers never
make a dense n×n matrix.

Codes for answers and passages (``qualcode suggest --codes-for``, the
selection hints) now come from the supervised suggester in
:mod:`qualcode.analysis.suggesting`, which scored 1.5–3 points of hit@3
higher on real coded answers (docs/embeddings.md).  This blend remains for placing
emergent themes under sub-themes and as the benchmark's earlier figure.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from qualcode.analysis.embeddings.base import check_cancelled, l2_normalise
from qualcode.analysis.embeddings.similarity import blocks, top_k_similar
from qualcode.core.progress import IsCancelled


@dataclass(frozen=True)
class CodeScore:
    """One suggested code for one text.

    Attributes:
        code: The caller's code id.
        score: Blended score in [0, 1]; higher is likelier.
        knn: Share of the similarity-weighted vote of the nearest coded examples.
        centroid: Cosine to the code's centroid.
        examples: Indices (into the coded examples) of the nearest examples with this code.
    """

    code: Hashable
    score: float
    knn: float
    centroid: float
    examples: tuple[int, ...] = ()


def code_centroids(
    coded: np.ndarray,
    coded_codes: Sequence[Collection[Hashable]],
    code_vectors: Mapping[Hashable, np.ndarray] | None = None,
    code_vector_weight: float = 1.0,
) -> tuple[list[Hashable], np.ndarray]:
    """Codes (in first-seen order) and the unit mean vector of each one's examples.

    ``code_vectors`` (e.g. each code's name and definition, embedded) count as
    ``code_vector_weight`` extra examples, and give codes without examples a centroid.
    """
    codes: list[Hashable] = []
    index: dict[Hashable, int] = {}
    for cs in coded_codes:
        for c in cs:
            if c not in index:
                index[c] = len(codes)
                codes.append(c)
    for c in code_vectors or {}:
        if c not in index:
            index[c] = len(codes)
            codes.append(c)
    dim = coded.shape[1] if coded.size else len(next(iter((code_vectors or {}).values()), []))
    sums = np.zeros((len(codes), dim), dtype=np.float64)
    for row, cs in zip(coded, coded_codes):
        for c in cs:
            sums[index[c]] += row
    for c, v in (code_vectors or {}).items():
        sums[index[c]] += code_vector_weight * np.asarray(v, dtype=np.float64)
    return codes, l2_normalise(sums)


def suggest_codes(
    uncoded: np.ndarray,
    coded: np.ndarray,
    coded_codes: Sequence[Collection[Hashable]],
    top_n: int = 3,
    k: int = 10,
    knn_weight: float = 0.3,
    code_vectors: Mapping[Hashable, np.ndarray] | None = None,
    is_cancelled: IsCancelled | None = None,
) -> list[list[CodeScore]]:
    """Rank likely codes for each uncoded text.

    Args:
        uncoded: ``(q, d)`` vectors of texts to code.
        coded: ``(c, d)`` vectors of coded examples.
        coded_codes: The codes of each coded example (an example may have several).
        top_n: Codes returned per text.
        k: Nearest coded examples that vote.
        knn_weight: Weight of the kNN vote against the centroid score (0–1). 0.3 was
            best on the sample survey (bench/bench_clustering.py); kNN alone was worst.
        code_vectors: Optional embedded code descriptions, used as extra examples.

    Returns:
        For each uncoded text, up to ``top_n`` codes, best first (ties by code order).
    """
    if len(coded) != len(coded_codes):
        raise ValueError(f"{len(coded)} coded vectors for {len(coded_codes)} code sets")
    uncoded = l2_normalise(np.asarray(uncoded, dtype=np.float32))
    coded = l2_normalise(np.asarray(coded, dtype=np.float32)) if len(coded) else coded
    codes, centroids = code_centroids(coded, coded_codes, code_vectors)
    if not codes or len(uncoded) == 0:
        return [[] for _ in range(len(uncoded))]
    index = {c: i for i, c in enumerate(codes)}
    members = [[index[c] for c in cs] for cs in coded_codes]
    near_idx, near_sim = top_k_similar(uncoded, coded, k, is_cancelled=is_cancelled)
    out: list[list[CodeScore]] = []
    for rows in blocks(len(uncoded)):
        check_cancelled(is_cancelled)
        cent = uncoded[rows] @ centroids.T  # (block, n_codes)
        for local, q in enumerate(range(rows.start, rows.stop)):
            votes = np.zeros(len(codes))
            weights = np.maximum(near_sim[q], 0.0)
            for j, w in zip(near_idx[q], weights):
                for c in members[j]:
                    votes[c] += w
            knn = votes / weights.sum() if weights.sum() > 0 else votes
            c_row = cent[local]
            span = c_row.max() - c_row.min()
            # Centroid cosines sit in a narrow band; stretch them per text to [0, 1].
            c_scaled = (c_row - c_row.min()) / span if span > 1e-9 else np.zeros_like(c_row)
            score = knn_weight * knn + (1 - knn_weight) * c_scaled
            order = np.lexsort((np.arange(len(codes)), -score))[:top_n]
            out.append([
                CodeScore(
                    codes[c], float(score[c]), float(knn[c]), float(c_row[c]),
                    tuple(int(j) for j in near_idx[q] if c in members[j]),
                )
                for c in order
            ])
    return out


def top_k_accuracy(
    suggestions: Sequence[Sequence[CodeScore]], truth: Sequence[Collection[Hashable]], k: int
) -> float:
    """Share of texts (with at least one true code) where a top-``k`` suggestion is a true code."""
    hits = total = 0
    for sugg, true in zip(suggestions, truth):
        if not true:
            continue
        total += 1
        hits += any(s.code in true for s in sugg[:k])
    return hits / total if total else float("nan")


def recall_at_k(
    suggestions: Sequence[Sequence[CodeScore]], truth: Sequence[Collection[Hashable]], k: int
) -> float:
    """Mean share of each text's true codes found in its top ``k`` (capped at ``k`` codes)."""
    shares = [
        sum(s.code in true for s in sugg[:k]) / min(len(true), k)
        for sugg, true in zip(suggestions, truth)
        if true
    ]
    return float(np.mean(shares)) if shares else float("nan")


def evaluate_half_known(
    vectors: np.ndarray,
    codes: Sequence[Collection[Hashable]],
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    code_vectors: Mapping[Hashable, np.ndarray] | None = None,
    **options: float,
) -> dict[str, float]:
    """Top-1/top-3 accuracy (and recall@3) when a random half of a reference coding is known.

    Texts without codes are never used as examples or scored. Averaged over
    ``seeds`` (each a different random half) so one lucky split cannot flatter.
    """
    usable = np.array([i for i, c in enumerate(codes) if c])
    top1, top3, rec3 = [], [], []
    for seed in seeds:
        order = np.random.default_rng(seed).permutation(usable)
        known, unknown = order[: len(order) // 2], order[len(order) // 2 :]
        sugg = suggest_codes(
            vectors[unknown], vectors[known], [codes[i] for i in known], top_n=3,
            code_vectors=code_vectors, **options,  # type: ignore[arg-type]
        )
        truth = [codes[i] for i in unknown]
        top1.append(top_k_accuracy(sugg, truth, 1))
        top3.append(top_k_accuracy(sugg, truth, 3))
        rec3.append(recall_at_k(sugg, truth, 3))
    return {
        "top1": float(np.mean(top1)), "top3": float(np.mean(top3)), "recall3": float(np.mean(rec3))
    }
