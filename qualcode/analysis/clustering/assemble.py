"""From group numbers to suggested themes: measured, ordered and provisionally named.

The grouping only says which items belong together; this module turns that
into what a researcher reads — bigger groups first, each item with its cosine
to the centroid and its nearest fellow members, the most typical items, and a
working title that is unique across the whole result (callers refer to a
parent theme by its label).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import NamedTuple

import numpy as np

from qualcode.analysis.clustering.items import Item
from qualcode.analysis.clustering.result import UNCLUSTERED, Cluster, ClusterItem, Neighbour
from qualcode.analysis.clustering.settings import ClusterSettings
from qualcode.analysis.embeddings.base import l2_normalise
from qualcode.analysis.embeddings.similarity import top_k_similar
from qualcode.analysis.naming import central_names
from qualcode.core.progress import IsCancelled

#: Names groups from their items (most typical first) and their centroids.
Namer = Callable[[list[list[Item]], list[np.ndarray]], list[str]]


class _Placed(NamedTuple):
    """One group's members as placed, and the measures of the group."""

    items: list[ClusterItem]
    tightness: float
    typical: list[Hashable]
    order: np.ndarray  # member indices, most typical first


def _order(members: list[np.ndarray]) -> list[int]:
    """Bigger groups first; equal sizes by their first item (stable, deterministic)."""
    return sorted(range(len(members)), key=lambda g: (-len(members[g]), int(members[g][0])))


def _placed(
    x: np.ndarray, items: Sequence[Item], idx: np.ndarray, settings: ClusterSettings,
    neighbours: bool, is_cancelled: IsCancelled | None,
) -> _Placed:
    """Members with their cosine to the centroid and nearest fellow members."""
    xm = x[idx]
    centroid = l2_normalise(xm.sum(axis=0, keepdims=True))[0]
    cos = xm @ centroid
    by_typicality = np.lexsort((idx, -cos))
    nearest: tuple[np.ndarray, np.ndarray] | None = None
    if neighbours and settings.n_neighbours > 0:
        nearest = _nearest_members(xm, settings, is_cancelled)
    # Plain Python lists: reading numpy scalars one by one was most of this on 100,000 answers.
    members = [items[i] for i in idx.tolist()]
    cosines = cos.tolist()
    near_idx, near_sim = (nearest[0].tolist(), nearest[1].tolist()) if nearest is not None else ([], [])
    placed = []
    for j in by_typicality.tolist():
        near = [Neighbour(members[a].id, s) for a, s in zip(near_idx[j], near_sim[j])] if near_idx else []
        placed.append(ClusterItem(members[j].id, members[j].display, cosines[j], near))
    typical = [items[idx[j]].id for j in by_typicality[: settings.n_typical]]
    return _Placed(placed, float(cos.mean()), typical, idx[by_typicality])


def _nearest_members(
    xm: np.ndarray, settings: ClusterSettings, is_cancelled: IsCancelled | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each member's nearest fellow members: ``(indices into xm, cosines)``, most similar first.

    A group larger than ``settings.neighbour_pool`` looks among that many of
    its members drawn at random (seeded): every member against every other
    was the slowest step on 100,000 answers (m² per group), and the theme
    board works out exact neighbours from the vectors when it shows a card.
    """
    m, k = len(xm), settings.n_neighbours
    if m <= settings.neighbour_pool:
        return top_k_similar(xm, xm, k, True, is_cancelled)
    rng = np.random.default_rng(settings.seed)
    pool = np.sort(rng.choice(m, size=settings.neighbour_pool, replace=False))
    idx, sim = top_k_similar(xm, xm[pool], k + 1, False, is_cancelled)
    idx = pool[idx]
    other = idx != np.arange(m)[:, None]  # a pooled member is not its own neighbour
    keep = np.argsort(~other, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(idx, keep, axis=1), np.take_along_axis(sim, keep, axis=1)


def _unique(labels: list[str]) -> list[str]:
    """Make names unique by numbering repeats: "Pay", "Pay (2)"."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def build_clusters(
    x: np.ndarray, items: Sequence[Item], sub_labels: np.ndarray, super_of_sub: np.ndarray,
    settings: ClusterSettings, namer: Namer | None, is_cancelled: IsCancelled | None,
) -> list[Cluster]:
    """Themes, each followed by its sub-themes, then the unclustered group if any.

    Args:
        x: Unit vectors, one row per item (plain, not centred: measures stay in cosine).
        items: The items, in the order of ``x``.
        sub_labels: Sub-theme index of each item, ``-1`` for items left out.
        super_of_sub: Theme index of each sub-theme.
        settings: How many typical items and neighbours to list.
        namer: Names groups; default :func:`qualcode.analysis.naming.central_names`.
        is_cancelled: Polled while neighbours are found.
    """
    name = namer or central_names
    n_sub = len(super_of_sub)
    sub_members = [np.flatnonzero(sub_labels == g) for g in range(n_sub)]
    n_super = int(super_of_sub.max()) + 1 if n_sub else 0
    super_members = [
        np.sort(np.concatenate([sub_members[g] for g in np.flatnonzero(super_of_sub == t)]))
        for t in range(n_super)
    ]
    themes: list[tuple[str, _Placed, list[_Placed]]] = []
    for t_rank, t in enumerate(_order(super_members), start=1):
        t_placed = _placed(x, items, super_members[t], settings, False, is_cancelled)
        subs = [g for g in range(n_sub) if super_of_sub[g] == t]
        subs = [subs[i] for i in _order([sub_members[g] for g in subs])]
        sub_placed = [
            _placed(x, items, sub_members[g], settings, True, is_cancelled) for g in subs
        ]
        themes.append((f"T{t_rank}", t_placed, sub_placed))
    sub_flat = [sp for _, _, sps in themes for sp in sps]
    sub_names = name(
        [[items[i] for i in sp.order] for sp in sub_flat], [x[sp.order].mean(axis=0) for sp in sub_flat]
    ) if sub_flat else []
    # A theme is named by its most typical item that does not already name a sub-theme,
    # so "Numbers first" is not both a theme and one of its own sub-themes.
    taken = set(sub_names)
    theme_groups = []
    for _, tp, _ in themes:
        group = [items[i] for i in tp.order]
        theme_groups.append([it for it in group if it.display not in taken] or group)
    theme_names = name(theme_groups, [x[tp.order].mean(axis=0) for _, tp, _ in themes]) if themes else []
    # Labels are unique across the whole result: callers refer to parents by label.
    unique = _unique([*theme_names, *sub_names])
    theme_names, sub_names = unique[: len(theme_names)], unique[len(theme_names) :]
    clusters: list[Cluster] = []
    names = iter(sub_names)
    for (key, tp, sps), theme_name in zip(themes, theme_names):
        clusters.append(Cluster(key, theme_name, None, tp.items, tp.tightness, tp.typical))
        for s_rank, sp in enumerate(sps, start=1):
            clusters.append(
                Cluster(f"{key}.{s_rank}", next(names), key, sp.items, sp.tightness, sp.typical)
            )
    leftovers = np.flatnonzero(sub_labels < 0)
    if len(leftovers):
        placed = _placed(x, items, leftovers, settings, False, is_cancelled)
        clusters.append(Cluster("U", UNCLUSTERED, None, placed.items, placed.tightness, [], True))
    return clusters
