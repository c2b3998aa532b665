"""The suggested-themes pipeline: normalise, group, group the groups, measure and name.

The one entry point callers use (:func:`suggest_themes`); each stage lives in
its own module and this one only runs them in order, reporting progress and
honouring cancel between stages.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from qualcode.analysis.clustering.assemble import Namer, build_clusters
from qualcode.analysis.clustering.grouping import canonical, centred, sub_theme_labels, superordinate
from qualcode.analysis.clustering.items import Item
from qualcode.analysis.clustering.result import ThemeSuggestion
from qualcode.analysis.clustering.settings import ClusterSettings
from qualcode.analysis.embeddings.base import check_cancelled, l2_normalise
from qualcode.analysis.embeddings.similarity import group_centroids
from qualcode.core.progress import IsCancelled, Progress


def suggest_themes(
    vectors: np.ndarray,
    items: Sequence[Item],
    settings: ClusterSettings | None = None,
    backend: str = "",
    namer: Namer | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    cases: Sequence[Hashable] | None = None,
) -> ThemeSuggestion:
    """Group items into sub-themes and superordinate themes.

    Args:
        vectors: One row per item (unit rows are best; they are normalised here anyway).
        items: The items, in the order of ``vectors``.
        settings: How to group; defaults are tuned for IPA emergent themes.
        backend: The embedding backend's name, recorded in the result.
        namer: Names groups from their items (most typical first) and centroids;
            default: :func:`qualcode.analysis.naming.central_names`.
        progress: ``progress(step, total)`` over the clustering stages.
        is_cancelled: Polled between stages.
        cases: The participant (case) of each item, for cross-case themes: each
            case's own mean is taken out first, so items group by what is said
            rather than by who says it (IPA's across-case step).

    Raises:
        ValueError: vectors and items differ in length.
        Cancelled: the caller asked to stop.
    """
    settings = settings or ClusterSettings()
    x = l2_normalise(np.asarray(vectors, dtype=np.float32))
    if len(x) != len(items):
        raise ValueError(f"{len(x)} vectors for {len(items)} items")
    n = len(items)
    if cases is not None and len(cases) != n:
        raise ValueError(f"{len(cases)} cases for {n} items")
    steps = 4

    def step(i: int) -> None:
        check_cancelled(is_cancelled)
        if progress is not None:
            progress(i, steps)

    step(0)
    method = settings.method
    if method == "auto":
        method = "hierarchical" if n <= settings.large_n else "kmeans"
    if n == 0:
        return ThemeSuggestion(backend, [], settings)
    g = centred(x, cases) if settings.centre and n >= 3 else x
    sub_labels, sil_sub = sub_theme_labels(g, method, settings, is_cancelled)
    step(1)
    sub_labels = canonical(sub_labels)
    n_sub = int(sub_labels.max()) + 1 if (sub_labels >= 0).any() else 0
    centroids = group_centroids(g, sub_labels, n_sub)
    super_of_sub, sil_super = superordinate(centroids, settings)
    step(2)
    clusters = build_clusters(x, items, sub_labels, super_of_sub, settings, namer, is_cancelled)
    step(3)
    result = ThemeSuggestion(backend, clusters, settings, sil_sub, sil_super)
    step(4)
    return result
