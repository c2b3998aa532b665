"""How to group: the knobs of suggested themes, with the measurements behind their defaults.

One frozen value object, so a result can record exactly how it was made
(:attr:`~qualcode.analysis.clustering.result.ThemeSuggestion.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Method = Literal["auto", "hierarchical", "kmeans", "hdbscan"]
Linkage = Literal["ward", "complete", "average"]


@dataclass(frozen=True)
class ClusterSettings:
    """How to group. ``None`` counts mean "choose by silhouette".

    Attributes:
        method: ``auto`` = hierarchical up to ``large_n`` items, k-means above.
        linkage: For hierarchical clustering of items (and always Ward for centroids).
        n_sub: Number of sub-themes, or None.
        n_super: Number of superordinate themes, or None.
        sub_size: Typical items per sub-theme ``(smallest, largest)``; bounds the automatic search.
        max_sub: Never suggest more sub-themes than this automatically.
        large_n: Above this many items, use k-means and never an n×n matrix.
        silhouette_sample: Items sampled to score k on large sets.
        large_iterations: k-means rounds over every item of a large set, from
            the sample's Ward groups (on 100,000 answers 20 rounds gave the
            same silhouette as a full run from k-means++).
        hdbscan_min_size: HDBSCAN's smallest group.
        n_typical: Most typical items listed per group.
        n_neighbours: Nearest items within the group listed per item.
        neighbour_pool: In a larger group, neighbours are sought among this
            many members drawn at random (seeded): exact search costs m² per
            group and was the slowest step on 100,000 answers.
        seed: For k-means and sampling.
        centre: Group on vectors minus their mean (per case when cases are given).
            Sentence embeddings share a common direction that says little; taking
            it out raised the sample interviews' ARI (per participant 0.45 → 0.48,
            across participants with per-case centring 0.20 → 0.33). Measures
            (tightness, neighbours) stay in plain cosine.
    """

    method: Method = "auto"
    linkage: Linkage = "ward"
    n_sub: int | None = None
    n_super: int | None = None
    sub_size: tuple[float, float] = (2.5, 40.0)
    max_sub: int = 60
    large_n: int = 3000
    silhouette_sample: int = 2000
    large_iterations: int = 20
    hdbscan_min_size: int = 5
    n_typical: int = 3
    n_neighbours: int = 3
    neighbour_pool: int = 500
    seed: int = 0
    centre: bool = True
