"""Vector-space helpers shared by clustering and code suggestions.

Everything here works block by block, so memory grows with ``n × block`` and
never ``n × n``: a project may hold 50,000 survey answers.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from qualcode.analysis.embeddings.base import check_cancelled, l2_normalise
from qualcode.core.progress import IsCancelled

BLOCK = 1024


def blocks(n: int, size: int = BLOCK) -> Iterator[slice]:
    """Consecutive row slices covering ``range(n)``."""
    for start in range(0, n, size):
        yield slice(start, min(n, start + size))


def top_k_similar(
    queries: np.ndarray,
    corpus: np.ndarray,
    k: int,
    exclude_self: bool = False,
    is_cancelled: IsCancelled | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` most similar corpus rows (by dot product) for each query row.

    Ties are broken by the lower corpus index, so results are deterministic.

    Args:
        queries: ``(q, d)`` unit rows.
        corpus: ``(c, d)`` unit rows.
        k: Neighbours wanted; fewer are returned when the corpus is small.
        exclude_self: Queries are the corpus itself; never return an item as its own neighbour.

    Returns:
        ``(indices, similarities)``, both ``(q, k')`` with ``k' = min(k, available)``,
        most similar first.
    """
    q, c = len(queries), len(corpus)
    k = max(0, min(k, c - 1 if exclude_self else c))
    idx_out = np.zeros((q, k), dtype=np.int64)
    sim_out = np.zeros((q, k), dtype=np.float32)
    if k == 0 or q == 0:
        return idx_out, sim_out
    for rows in blocks(q):
        check_cancelled(is_cancelled)
        sims = queries[rows] @ corpus.T
        if exclude_self:
            local = np.arange(rows.start, rows.stop)
            sims[np.arange(len(local)), local] = -np.inf
        # argpartition finds the k best cheaply; a stable sort on (-sim, index) orders them.
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < c else np.tile(
            np.arange(c), (len(sims), 1)
        )
        part_sims = np.take_along_axis(sims, part, axis=1)
        order = np.lexsort((part, -part_sims), axis=1)
        idx_out[rows] = np.take_along_axis(part, order, axis=1)[:, :k]
        sim_out[rows] = np.take_along_axis(part_sims, order, axis=1)[:, :k]
    return idx_out, sim_out


def group_centroids(x: np.ndarray, labels: np.ndarray, n_groups: int) -> np.ndarray:
    """Unit mean vector of each group ``0..n_groups-1`` (rows labelled -1 are ignored)."""
    sums = np.zeros((n_groups, x.shape[1]), dtype=np.float64)
    keep = np.flatnonzero(labels >= 0)
    if len(keep):
        # Sort once and add up each run of one group (np.add.at is slow on big arrays).
        order = keep[np.argsort(labels[keep], kind="stable")]
        groups, starts = np.unique(labels[order], return_index=True)
        sums[groups] = np.add.reduceat(x[order].astype(np.float64), starts, axis=0)
    return l2_normalise(sums)
