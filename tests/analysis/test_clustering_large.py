"""Large sets: Ward on a sample seeds k-means over every item; neighbours come from a pool."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import adjusted_rand_score

from qualcode.analysis.clustering import ClusterSettings, Item, suggest_themes
from qualcode.analysis.clustering.assemble import _nearest_members
from qualcode.analysis.embeddings import l2_normalise
from qualcode.analysis.embeddings.similarity import top_k_similar


def _groups(n_groups: int, per_group: int, dim: int = 48, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_groups, dim)) * 3
    truth = np.repeat(np.arange(n_groups), per_group)
    x = centres[truth] + rng.normal(size=(len(truth), dim))
    order = rng.permutation(len(truth))
    return l2_normalise(x[order]), truth[order]


def test_a_large_set_finds_the_planted_groups() -> None:
    x, truth = _groups(12, 120)
    items = [Item(i, f"answer {i}") for i in range(len(x))]
    settings = ClusterSettings(large_n=500, silhouette_sample=400, n_sub=12, n_neighbours=2, neighbour_pool=50)
    result = suggest_themes(x, items, settings, namer=lambda groups, _c: [f"g{i}" for i in range(len(groups))])
    sub_of = result.sub_theme_of()
    found = [sub_of[i] for i in range(len(x))]
    assert adjusted_rand_score(truth, found) > 0.95
    for cluster in result.sub_themes():
        for item in cluster.items:
            assert len(item.neighbours) == 2 and all(n.id != item.id for n in item.neighbours)
            assert all(sub_of[n.id] == cluster.key for n in item.neighbours)  # fellow members only


def test_neighbours_from_a_pool_are_never_the_item_and_match_exact_search_within_the_pool() -> None:
    x, _ = _groups(1, 300)
    settings = ClusterSettings(n_neighbours=3, neighbour_pool=40, seed=5)
    idx, sim = _nearest_members(x, settings, None)
    assert idx.shape == (300, 3)
    assert not (idx == np.arange(300)[:, None]).any()
    assert np.all(np.diff(sim, axis=1) <= 1e-6)  # most similar first
    assert np.allclose(sim, np.take_along_axis(x @ x.T, idx, axis=1), atol=1e-5)
    pool = np.unique(idx)
    assert len(pool) <= 40
    # An item outside the pool gets its exact 3 nearest among the pool.
    outside = next(i for i in range(300) if i not in set(pool.tolist()))
    rng_pool = np.sort(np.random.default_rng(5).choice(300, size=40, replace=False))
    exact, _ = top_k_similar(x[outside:outside + 1], x[rng_pool], 3)
    assert idx[outside].tolist() == rng_pool[exact[0]].tolist()


def test_a_small_group_is_searched_exactly() -> None:
    x, _ = _groups(1, 30)
    idx, _ = _nearest_members(x, ClusterSettings(n_neighbours=3, neighbour_pool=500), None)
    exact, _ = top_k_similar(x, x, 3, exclude_self=True)
    assert np.array_equal(idx, exact)
