"""Suggested themes: group embedded items into sub-themes and superordinate themes.

Pure and deterministic: the same vectors and settings give the same result.
The caller embeds the items (see :mod:`qualcode.analysis.embeddings`); this
module only groups them, measures each group and names it provisionally.

Two levels at once, as in IPA: items → sub-themes → superordinate themes.

* up to ``large_n`` items: agglomerative clustering of the items (Ward on unit
  vectors by default: balanced groups, where average linkage chains into one
  giant group — measured in bench/bench_clustering.py);
* more items: seeded k-means to sub-themes, so memory stays linear (no n×n
  matrix), with the silhouette measured on a fixed sample;
* HDBSCAN on request, with the items it leaves out in an honest
  "Unclustered" group.

Superordinate themes are always found by agglomerative clustering of the
sub-theme centroids.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from qualcode.analysis.embeddings.base import CancelFn, ProgressFn, check_cancelled, l2_normalise
from qualcode.analysis.embeddings.similarity import group_centroids, top_k_similar

Method = Literal["auto", "hierarchical", "kmeans", "hdbscan"]
Linkage = Literal["ward", "complete", "average"]
UNCLUSTERED = "Unclustered"


@dataclass(frozen=True)
class Item:
    """One thing to group.

    Attributes:
        id: The caller's id (segment, emergent theme or answer id); returned untouched.
        text: What was embedded (see :func:`emergent_theme_text`).
        label: What the researcher sees; defaults to ``text``.
    """

    id: Hashable
    text: str
    label: str = ""

    @property
    def display(self) -> str:
        """The label, or the text when there is no label."""
        return self.label or self.text


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
        hdbscan_min_size: HDBSCAN's smallest group.
        n_typical: Most typical items listed per group.
        n_neighbours: Nearest items within the group listed per item.
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
    hdbscan_min_size: int = 5
    n_typical: int = 3
    n_neighbours: int = 3
    seed: int = 0
    centre: bool = True


@dataclass
class Neighbour:
    """Another item of the same group, and how close it is (cosine)."""

    id: Hashable
    cosine: float


@dataclass
class ClusterItem:
    """An item as placed in a group, with the reasons it is there."""

    id: Hashable
    text: str
    cosine_to_centroid: float
    neighbours: list[Neighbour] = field(default_factory=list)


@dataclass
class Cluster:
    """A suggested theme. ``parent_key`` is None for superordinate themes.

    Attributes:
        key: Stable within one result: ``"T1"`` for themes, ``"T1.2"`` for sub-themes.
        tightness: Mean cosine of members to their centroid (1 = identical).
        typical: Ids of the items closest to the centroid, most typical first.
        unclustered: The HDBSCAN leftovers: not a theme at all.
    """

    key: str
    label: str
    parent_key: str | None
    items: list[ClusterItem]
    tightness: float
    typical: list[Hashable]
    unclustered: bool = False


@dataclass
class ThemeSuggestion:
    """The result: superordinate themes first, each followed by its sub-themes."""

    backend: str
    clusters: list[Cluster]
    settings: ClusterSettings
    silhouette_sub: float | None = None
    silhouette_super: float | None = None

    def themes(self) -> list[Cluster]:
        """Superordinate themes (and the unclustered group, if any)."""
        return [c for c in self.clusters if c.parent_key is None]

    def sub_themes(self, parent_key: str | None = None) -> list[Cluster]:
        """Sub-themes, all or those under one theme."""
        return [
            c for c in self.clusters
            if c.parent_key is not None and (parent_key is None or c.parent_key == parent_key)
        ]

    def sub_theme_of(self) -> dict[Hashable, str]:
        """Item id → sub-theme key (the unclustered group's key for leftovers)."""
        out: dict[Hashable, str] = {}
        for c in self.clusters:
            if c.parent_key is not None or c.unclustered:
                out.update({i.id: c.key for i in c.items})
        return out

    def to_json(self) -> dict[str, Any]:
        """The shape the CLI prints; ``parent`` is the parent's label (null for themes)."""
        labels = {c.key: c.label for c in self.clusters}
        return {
            "backend": self.backend,
            "silhouette": {"sub_themes": self.silhouette_sub, "themes": self.silhouette_super},
            "clusters": [
                {
                    "key": c.key,
                    "label": c.label,
                    "parent": labels[c.parent_key] if c.parent_key else None,
                    "parent_key": c.parent_key,
                    "unclustered": c.unclustered,
                    "tightness": round(c.tightness, 4),
                    "typical": list(c.typical),
                    "items": [
                        {
                            "id": i.id,
                            "text": i.text,
                            "cosine_to_centroid": round(i.cosine_to_centroid, 4),
                            "neighbours": [
                                {"id": n.id, "cosine": round(n.cosine, 4)} for n in i.neighbours
                            ],
                        }
                        for i in c.items
                    ],
                }
                for c in self.clusters
            ],
        }


def emergent_theme_text(
    label: str,
    segment_texts: Sequence[str] = (),
    notes: Sequence[str] | None = None,
    context: Sequence[str] | None = None,
    max_context_words: int = 150,
    label_repeats: int = 1,
) -> str:
    """The text to embed for an emergent theme.

    The researcher's label leads, so the model's 256-token limit can never cut
    it; the quotes, the chosen notes and optional transcript context follow,
    cut to ``max_context_words``. On the sample interviews the label alone
    recovered the reference sub-themes barely better than chance (ARI ≈ 0.1),
    and saying it twice or three times gained nothing over once, so it is not
    weighted up by default (``label_repeats``).

    Args:
        label: The emergent theme's wording.
        segment_texts: The quotes coded to it.
        notes: Exploratory notes the researcher chose to include.
        context: Transcript lines around the quotes (e.g. ±8 lines). Metaphorical
            quotes ("she's my anchor") say little alone; the surrounding talk says
            what they are about. On the sample interviews this raised the ARI per
            participant from about 0.1 to about 0.5 (bench/bench_clustering.py).
        max_context_words: Words kept after the label.
        label_repeats: How many times the label is said.
    """
    label = " ".join(label.split()).rstrip(".")
    pieces = [*segment_texts, *(notes or []), *(context or [])]
    words = " ".join(" ".join(t.split()) for t in pieces if t).split()
    tail = " ".join(words[:max_context_words]) + (" …" if len(words) > max_context_words else "")
    parts = [f"{label}."] * max(1, label_repeats) if label else []
    if tail:
        parts.append(tail)
    return " ".join(parts)


def suggest_themes(
    vectors: np.ndarray,
    items: Sequence[Item],
    settings: ClusterSettings | None = None,
    backend: str = "",
    namer: Callable[[list[list[Item]], list[np.ndarray]], list[str]] | None = None,
    progress: ProgressFn | None = None,
    is_cancelled: CancelFn | None = None,
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
    g = _centred(x, cases) if settings.centre and n >= 3 else x
    if n < 3:
        sub_labels, sil_sub = np.zeros(n, dtype=int), None
    elif method == "hdbscan":
        sub_labels, sil_sub = _hdbscan(g, settings), None
    elif method == "kmeans" or n > settings.large_n:
        sub_labels, sil_sub = _kmeans(g, settings, is_cancelled)
    else:
        sub_labels, sil_sub = _hierarchical(g, settings, is_cancelled)
    step(1)
    sub_labels = _canonical(sub_labels)
    n_sub = int(sub_labels.max()) + 1 if (sub_labels >= 0).any() else 0
    centroids = group_centroids(g, sub_labels, n_sub)
    super_of_sub, sil_super = _superordinate(centroids, settings)
    step(2)
    clusters = _build_clusters(x, items, sub_labels, super_of_sub, settings, namer, is_cancelled)
    step(3)
    result = ThemeSuggestion(backend, clusters, settings, sil_sub, sil_super)
    step(4)
    return result


def _centred(x: np.ndarray, cases: Sequence[Hashable] | None, min_case: int = 3) -> np.ndarray:
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


# -- choosing the number of groups -------------------------------------------------


def _k_candidates(n: int, settings: ClusterSettings, max_tries: int = 16) -> list[int]:
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


def _best_by_silhouette(
    candidates: list[int], cut: Callable[[int], np.ndarray], distances: np.ndarray,
    sample: np.ndarray | None = None, is_cancelled: CancelFn | None = None,
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


# -- grouping items into sub-themes --------------------------------------------------


def _hierarchical(
    x: np.ndarray, settings: ClusterSettings, is_cancelled: CancelFn | None
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
    candidates = _k_candidates(len(x), settings)
    return _best_by_silhouette(
        candidates, lambda k: fcluster(tree, k, criterion="maxclust") - 1, distances,
        is_cancelled=is_cancelled,
    )


def _kmeans(
    x: np.ndarray, settings: ClusterSettings, is_cancelled: CancelFn | None
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
    candidates = _k_candidates(n, settings, max_tries=8)
    if len(candidates) > 1:
        def on_sample(k: int) -> np.ndarray:
            k = min(k, len(sample))
            return KMeans(n_clusters=k, random_state=settings.seed, n_init=1).fit_predict(xs)

        best, score = _best_by_silhouette(candidates, on_sample, distances, None, is_cancelled)
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


def _hdbscan(x: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """HDBSCAN's groups; -1 marks items it would not place (kept as "Unclustered")."""
    from sklearn.cluster import HDBSCAN

    size = max(2, min(settings.hdbscan_min_size, len(x)))
    return HDBSCAN(min_cluster_size=size, metric="euclidean", copy=True).fit_predict(
        x.astype(np.float64)
    )


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber groups 0, 1, 2… in order of first appearance (-1 stays -1)."""
    out = np.full(len(labels), -1, dtype=int)
    mapping: dict[int, int] = {}
    for i, lab in enumerate(labels):
        if lab < 0:
            continue
        out[i] = mapping.setdefault(int(lab), len(mapping))
    return out


# -- grouping sub-themes into superordinate themes ------------------------------------


def _superordinate(
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
    labels, score = _best_by_silhouette(
        candidates, lambda k: fcluster(tree, k, criterion="maxclust") - 1, distances
    )
    return _canonical(labels), score


# -- measuring and naming the groups --------------------------------------------------


def _order(members: list[np.ndarray]) -> list[int]:
    """Bigger groups first; equal sizes by their first item (stable, deterministic)."""
    return sorted(range(len(members)), key=lambda g: (-len(members[g]), int(members[g][0])))


def _placed(
    x: np.ndarray, items: Sequence[Item], idx: np.ndarray, settings: ClusterSettings,
    neighbours: bool, is_cancelled: CancelFn | None,
) -> tuple[list[ClusterItem], float, list[Hashable], np.ndarray]:
    """Members with their cosine to the centroid and nearest fellow members."""
    xm = x[idx]
    centroid = l2_normalise(xm.sum(axis=0, keepdims=True))[0]
    cos = xm @ centroid
    by_typicality = np.lexsort((idx, -cos))
    near_idx = near_sim = None
    if neighbours and settings.n_neighbours > 0:
        near_idx, near_sim = top_k_similar(xm, xm, settings.n_neighbours, True, is_cancelled)
    placed = []
    for j in by_typicality:
        near = []
        if near_idx is not None:
            near = [
                Neighbour(items[idx[a]].id, float(s)) for a, s in zip(near_idx[j], near_sim[j])
            ]
        placed.append(ClusterItem(items[idx[j]].id, items[idx[j]].display, float(cos[j]), near))
    typical = [items[idx[j]].id for j in by_typicality[: settings.n_typical]]
    return placed, float(cos.mean()), typical, idx[by_typicality]


def _unique(labels: list[str]) -> list[str]:
    """Make names unique by numbering repeats: "Pay", "Pay (2)"."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _build_clusters(
    x: np.ndarray, items: Sequence[Item], sub_labels: np.ndarray, super_of_sub: np.ndarray,
    settings: ClusterSettings, namer: Callable[..., list[str]] | None,
    is_cancelled: CancelFn | None,
) -> list[Cluster]:
    if namer is None:
        from qualcode.analysis.naming import central_names as namer
    n_sub = len(super_of_sub)
    sub_members = [np.flatnonzero(sub_labels == g) for g in range(n_sub)]
    n_super = int(super_of_sub.max()) + 1 if n_sub else 0
    super_members = [
        np.sort(np.concatenate([sub_members[g] for g in np.flatnonzero(super_of_sub == t)]))
        for t in range(n_super)
    ]
    themes = []  # (theme key, placed…, [(sub placed…)])
    for t_rank, t in enumerate(_order(super_members), start=1):
        t_placed = _placed(x, items, super_members[t], settings, False, is_cancelled)
        subs = [g for g in range(n_sub) if super_of_sub[g] == t]
        subs = [subs[i] for i in _order([sub_members[g] for g in subs])]
        sub_placed = [
            _placed(x, items, sub_members[g], settings, True, is_cancelled) for g in subs
        ]
        themes.append((f"T{t_rank}", t_placed, sub_placed))
    sub_flat = [sp for _, _, sps in themes for sp in sps]
    sub_names = namer(
        [[items[i] for i in sp[3]] for sp in sub_flat], [x[sp[3]].mean(axis=0) for sp in sub_flat]
    ) if sub_flat else []
    # A theme is named by its most typical item that does not already name a sub-theme,
    # so "Numbers first" is not both a theme and one of its own sub-themes.
    taken = set(sub_names)
    theme_groups = []
    for _, tp, _ in themes:
        group = [items[i] for i in tp[3]]
        theme_groups.append([it for it in group if it.display not in taken] or group)
    theme_names = namer(theme_groups, [x[tp[3]].mean(axis=0) for _, tp, _ in themes]) if themes else []
    # Labels are unique across the whole result: callers refer to parents by label.
    unique = _unique([*theme_names, *sub_names])
    theme_names, sub_names = unique[: len(theme_names)], unique[len(theme_names) :]
    clusters: list[Cluster] = []
    names = iter(sub_names)
    for (key, tp, sps), theme_name in zip(themes, theme_names):
        clusters.append(Cluster(key, theme_name, None, tp[0], tp[1], tp[2]))
        for s_rank, sp in enumerate(sps, start=1):
            clusters.append(Cluster(f"{key}.{s_rank}", next(names), key, sp[0], sp[1], sp[2]))
    leftovers = np.flatnonzero(sub_labels < 0)
    if len(leftovers):
        placed = _placed(x, items, leftovers, settings, False, is_cancelled)
        clusters.append(Cluster("U", UNCLUSTERED, None, placed[0], placed[1], [], True))
    return clusters
