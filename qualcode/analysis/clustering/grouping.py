"""Grouping: items into sub-themes, and sub-themes into superordinate themes.

* up to ``large_n`` items: agglomerative clustering of the items (Ward on unit
  vectors by default: balanced groups, where average linkage chains into one
  giant group — measured in bench/bench_clustering.py);
* more items: Ward on a fixed sample chooses the number of sub-themes and
  their starting centroids, then k-means places every item, so memory stays
  linear (no n×n matrix);
* k-means on request (seeded, the count chosen on a fixed sample);
* HDBSCAN on request, with the items it leaves out marked ``-1`` (the caller
  keeps them in an honest "Unclustered" group).

Superordinate themes are always found by agglomerative clustering of the
sub-theme centroids. scipy and scikit-learn are imported inside the functions:
importing :mod:`qualcode.analysis` must stay light for the application's start.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from qualcode.analysis.clustering.settings import ClusterSettings, Method
from qualcode.analysis.clustering.silhouette import best_by_silhouette, k_candidates, silhouette
from qualcode.analysis.embeddings.base import check_cancelled, l2_normalise
from qualcode.core.progress import IsCancelled


def centred(x: np.ndarray, cases: Sequence[Hashable] | None, min_case: int = 3) -> np.ndarray:
    """Unit rows after removing the mean (each case's own mean when it has enough items)."""
    out = x - x.mean(axis=0)
    if cases is not None:
        by_case: dict[Hashable, list[int]] = {}
        for i, case in enumerate(cases):
            by_case.setdefault(case, []).append(i)
        for idx in by_case.values():
            if len(idx) >= min_case:
                out[idx] = x[idx] - x[idx].mean(axis=0)
    return l2_normalise(out)


def sub_theme_labels(
    x: np.ndarray, method: Method, settings: ClusterSettings, is_cancelled: IsCancelled | None
) -> tuple[np.ndarray, float | None]:
    """Sub-theme index of each item (``-1``: left out), and the silhouette when one was measured.

    ``method`` is already resolved (never ``auto``); fewer than three items
    make one group, as there is nothing to choose between.
    """
    n = len(x)
    if n < 3:
        return np.zeros(n, dtype=int), None
    if method == "hdbscan":
        return _hdbscan(x, settings), None
    if n > settings.large_n:
        return _large(x, settings, is_cancelled)
    if method == "kmeans":
        return _kmeans(x, settings, is_cancelled)
    return _hierarchical(x, settings, is_cancelled)


def _hierarchical(
    x: np.ndarray, settings: ClusterSettings, is_cancelled: IsCancelled | None
) -> tuple[np.ndarray, float | None]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distances = np.clip(1.0 - x @ x.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    if settings.linkage == "ward":
        # On unit vectors squared Euclidean distance is 2 - 2·cosine: Ward works in cosine terms.
        tree = linkage(x.astype(np.float64), method="ward")
    else:
        condensed = squareform(distances.astype(np.float64), checks=False)
        tree = linkage(condensed, method=settings.linkage)
    candidates = k_candidates(len(x), settings)
    return best_by_silhouette(
        candidates, lambda k: fcluster(tree, k, criterion="maxclust") - 1, distances,
        is_cancelled=is_cancelled,
    )


def _kmeans(
    x: np.ndarray, settings: ClusterSettings, is_cancelled: IsCancelled | None
) -> tuple[np.ndarray, float | None]:
    """Seeded k-means. The number of groups is chosen on a fixed sample (silhouette),
    then one fit on every item: memory stays linear and 20,000 items take seconds."""
    from sklearn.cluster import KMeans, MiniBatchKMeans

    n = len(x)
    rng = np.random.default_rng(settings.seed)
    sample = np.sort(rng.choice(n, size=min(n, settings.silhouette_sample), replace=False))
    xs = x[sample].astype(np.float64)  # scikit-learn upcasts float32 chunk by chunk: slower
    distances = np.clip(1.0 - xs @ xs.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    candidates = k_candidates(n, settings, max_tries=8)
    if len(candidates) > 1:
        def on_sample(k: int) -> np.ndarray:
            k = min(k, len(sample))
            return KMeans(n_clusters=k, random_state=settings.seed, n_init=1).fit_predict(xs)

        best, score = best_by_silhouette(candidates, on_sample, distances, None, is_cancelled)
        k = len(np.unique(best))
    else:
        k, score = candidates[0], None
    check_cancelled(is_cancelled)
    x64 = x.astype(np.float64)
    if n > settings.large_n:
        model = MiniBatchKMeans(n_clusters=k, random_state=settings.seed, n_init=1, batch_size=2048)
    else:
        model = KMeans(n_clusters=k, random_state=settings.seed, n_init=2)
    labels = model.fit_predict(x64)
    if score is None:
        score = silhouette(distances, labels[sample])
    return labels, score


def _large(
    x: np.ndarray, settings: ClusterSettings, is_cancelled: IsCancelled | None
) -> tuple[np.ndarray, float | None]:
    """Many items: Ward on a fixed sample chooses k and the starting centroids, then k-means on all.

    One Ward tree on the sample is cut at every candidate k (the silhouette
    chooses), where a k-means fit per candidate took most of the time on
    100,000 answers; the sample's Ward groups then seed one k-means run over
    every item (float32, at most ``large_iterations`` rounds), which needs
    no k-means++ start and settles in a few rounds.  Memory stays linear.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.cluster import KMeans

    n = len(x)
    rng = np.random.default_rng(settings.seed)
    sample = np.sort(rng.choice(n, size=min(n, settings.silhouette_sample), replace=False))
    xs = x[sample].astype(np.float64)
    distances = np.clip(1.0 - xs @ xs.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(xs, method="ward")
    candidates = [min(k, len(sample)) for k in k_candidates(n, settings)]
    on_sample, _on_sample_score = best_by_silhouette(
        candidates, lambda k: fcluster(tree, k, criterion="maxclust") - 1, distances,
        is_cancelled=is_cancelled,
    )
    check_cancelled(is_cancelled)
    groups = np.unique(on_sample)
    start = np.stack([xs[on_sample == g].mean(axis=0) for g in groups]).astype(np.float32)
    model = KMeans(n_clusters=len(groups), init=start, n_init=1, max_iter=settings.large_iterations,
                   random_state=settings.seed)
    labels = model.fit_predict(np.asarray(x, dtype=np.float32))
    return labels, silhouette(distances, labels[sample])


def _hdbscan(x: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """HDBSCAN's groups; -1 marks items it would not place (kept as "Unclustered")."""
    from sklearn.cluster import HDBSCAN

    size = max(2, min(settings.hdbscan_min_size, len(x)))
    return HDBSCAN(min_cluster_size=size, metric="euclidean", copy=True).fit_predict(
        x.astype(np.float64)
    )


def canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber groups 0, 1, 2… in order of first appearance (-1 stays -1)."""
    out = np.full(len(labels), -1, dtype=int)
    mapping: dict[int, int] = {}
    for i, lab in enumerate(labels):
        if lab < 0:
            continue
        out[i] = mapping.setdefault(int(lab), len(mapping))
    return out


def superordinate(
    centroids: np.ndarray, settings: ClusterSettings
) -> tuple[np.ndarray, float | None]:
    """Theme index of each sub-theme: Ward on the sub-theme centroids."""
    from scipy.cluster.hierarchy import fcluster, linkage

    m = len(centroids)
    if m < 3:
        k = settings.n_super or 1
        return (np.arange(m) if k >= m else np.zeros(m, dtype=int)), None
    tree = linkage(centroids.astype(np.float64), method="ward")
    distances = np.clip(1.0 - centroids @ centroids.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    if settings.n_super is not None:
        candidates = [max(1, min(settings.n_super, m))]
    else:
        candidates = list(range(2, max(2, min(m - 1, m // 2 + 1, 12)) + 1))
    labels, score = best_by_silhouette(
        candidates, lambda k: fcluster(tree, k, criterion="maxclust") - 1, distances
    )
    return canonical(labels), score
