"""How many groups: the counts worth trying, and the silhouette that chooses among them.

Both levels (items → sub-themes, sub-themes → themes) and every method cut at
several counts and keep the best silhouette, so the scoring lives once, here.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from qualcode.analysis.clustering.settings import ClusterSettings
from qualcode.analysis.embeddings.base import check_cancelled
from qualcode.core.progress import IsCancelled


def k_candidates(n: int, settings: ClusterSettings, max_tries: int = 16) -> list[int]:
    """Sub-theme counts worth trying.

    Between about √n/2 and 1.6·√n groups, and never groups smaller than
    ``sub_size`` items on average. On sentence embeddings the silhouette tends
    to rise with k all the way (measured on the sample interviews), so this
    range is what keeps automatic suggestions at a size a researcher can read:
    18 emergent themes → 2–7 sub-themes, 107 → 5–17, 2,000 or more → 20–60.
    """
    if settings.n_sub is not None:
        return [max(1, min(settings.n_sub, n))]
    small, large = settings.sub_size
    hi = max(2, min(n - 1, math.floor(n / small), math.ceil(1.6 * math.sqrt(n)), settings.max_sub))
    lo = max(2, math.ceil(n / large), math.ceil(math.sqrt(n) / 2))
    lo = min(lo, max(2, hi // 3))
    if hi - lo + 1 <= max_tries:
        return list(range(lo, hi + 1))
    grid = np.unique(np.round(np.geomspace(lo, hi, max_tries)).astype(int))
    return [int(k) for k in grid]


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a square distance matrix (singletons score 0, as in scikit-learn).

    One matrix product per call, so scoring many k on the same matrix is cheap.
    """
    uniq, lab = np.unique(labels, return_inverse=True)
    if len(uniq) < 2 or len(uniq) >= len(labels):
        return -1.0
    onehot = np.zeros((len(labels), len(uniq)), dtype=distances.dtype)
    onehot[np.arange(len(labels)), lab] = 1
    sizes = onehot.sum(axis=0)
    sums = distances @ onehot
    own = sizes[lab]
    a = sums[np.arange(len(lab)), lab] / np.maximum(own - 1, 1)
    mean_other = sums / sizes
    mean_other[np.arange(len(lab)), lab] = np.inf
    b = mean_other.min(axis=1)
    s = (b - a) / np.maximum(np.maximum(a, b), 1e-12)
    s[own <= 1] = 0.0
    return float(s.mean())


def best_by_silhouette(
    candidates: list[int], cut: Callable[[int], np.ndarray], distances: np.ndarray,
    sample: np.ndarray | None = None, is_cancelled: IsCancelled | None = None,
) -> tuple[np.ndarray, float | None]:
    """Cut at each candidate k and keep the best silhouette (ties: fewer groups)."""
    best: tuple[float, np.ndarray] | None = None
    for k in candidates:
        check_cancelled(is_cancelled)
        labels = cut(k)
        score = silhouette(distances, labels if sample is None else labels[sample])
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    assert best is not None
    return best[1], (best[0] if best[0] > -1 else None)
