"""Suggested themes on synthetic vectors whose right answer is known."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qualcode.analysis.clustering import (
    ClusterSettings,
    Item,
    emergent_theme_text,
    silhouette,
    suggest_themes,
)
from qualcode.analysis.embeddings import Cancelled, l2_normalise
from qualcode.analysis.embeddings.similarity import top_k_similar


def planted(n_super: int = 3, subs_per: int = 3, per_sub: int = 5, dim: int = 64, seed: int = 1):
    """Vectors in well-separated groups of groups; returns vectors, items, true (super, sub)."""
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for t in range(n_super):
        theme = rng.normal(size=dim) * 4
        for s in range(subs_per):
            sub = theme + rng.normal(size=dim) * 1.5
            for _ in range(per_sub):
                rows.append(sub + rng.normal(size=dim) * 0.3)
                truth.append((t, t * subs_per + s))
    order = rng.permutation(len(rows))  # interleave, so input order gives nothing away
    x = l2_normalise(np.array(rows)[order])
    truth = [truth[i] for i in order]
    items = [Item(f"i{i}", f"text {i}", f"label {i}") for i in range(len(rows))]
    return x, items, truth


def partition(groups) -> set[frozenset]:
    return {frozenset(g) for g in groups}


def true_partition(items, truth, level):
    out: dict[int, set] = {}
    for item, t in zip(items, truth):
        out.setdefault(t[level], set()).add(item.id)
    return partition(out.values())


@pytest.mark.parametrize("method", ["hierarchical", "kmeans"])
def test_planted_two_level_structure_is_recovered_exactly(method):
    x, items, truth = planted()
    result = suggest_themes(x, items, ClusterSettings(method=method), backend="test")
    subs = partition({i.id for i in c.items} for c in result.sub_themes())
    themes = partition({i.id for i in c.items} for c in result.themes())
    assert subs == true_partition(items, truth, 1)
    assert themes == true_partition(items, truth, 0)


def test_given_counts_are_respected():
    x, items, _ = planted()
    result = suggest_themes(x, items, ClusterSettings(n_sub=5, n_super=2))
    assert len(result.sub_themes()) == 5 and len(result.themes()) == 2


@pytest.mark.parametrize("linkage", ["ward", "complete", "average"])
def test_every_linkage_recovers_well_separated_groups(linkage):
    x, items, truth = planted()
    result = suggest_themes(x, items, ClusterSettings(linkage=linkage, n_sub=9))
    subs = partition({i.id for i in c.items} for c in result.sub_themes())
    assert subs == true_partition(items, truth, 1)


def test_same_input_same_output():
    x, items, _ = planted(seed=7)
    noisy = l2_normalise(x + np.random.default_rng(3).normal(size=x.shape) * 0.4)
    for method in ("hierarchical", "kmeans", "hdbscan"):
        settings = ClusterSettings(method=method, hdbscan_min_size=3)
        a = suggest_themes(noisy, items, settings, backend="b").to_json()
        b = suggest_themes(noisy, items, settings, backend="b").to_json()
        assert a == b, method


def test_large_path_uses_kmeans_and_matches_the_planted_groups():
    x, items, truth = planted(per_sub=6)
    result = suggest_themes(x, items, ClusterSettings(large_n=20))  # force the large-n path
    subs = partition({i.id for i in c.items} for c in result.sub_themes())
    assert subs == true_partition(items, truth, 1)


def test_hdbscan_keeps_an_honest_unclustered_group():
    x, items, _truth = planted(n_super=2, subs_per=2, per_sub=8)
    rng = np.random.default_rng(0)
    outliers = l2_normalise(rng.normal(size=(4, x.shape[1])))
    x2 = np.vstack([x, outliers])
    items2 = items + [Item(f"o{i}", "odd one out") for i in range(4)]
    result = suggest_themes(x2, items2, ClusterSettings(method="hdbscan", hdbscan_min_size=4))
    unclustered = [c for c in result.clusters if c.unclustered]
    assert len(unclustered) == 1 and unclustered[0].parent_key is None
    assert {f"o{i}" for i in range(4)} <= {i.id for i in unclustered[0].items}
    placed = {i.id for c in result.sub_themes() for i in c.items}
    assert not placed & {f"o{i}" for i in range(4)}
    assert len(placed) + len(unclustered[0].items) == len(items2)


def test_cluster_measures_typical_items_and_neighbours():
    x, items, _truth = planted()
    result = suggest_themes(x, items, ClusterSettings(n_typical=2, n_neighbours=2))
    by_id = {it.id: i for i, it in enumerate(items)}
    for c in result.sub_themes():
        members = [by_id[i.id] for i in c.items]
        centroid = l2_normalise(x[members].sum(axis=0, keepdims=True))[0]
        cos = x[members] @ centroid
        assert c.tightness == pytest.approx(float(cos.mean()), abs=1e-5)
        assert c.typical == [items[members[j]].id for j in np.argsort(-cos)[:2]]
        assert c.items[0].id == c.typical[0]  # items are listed most typical first
        for placed in c.items:
            assert len(placed.neighbours) == 2
            ids = {n.id for n in placed.neighbours}
            assert placed.id not in ids and ids <= {i.id for i in c.items}
            sims = [n.cosine for n in placed.neighbours]
            assert sims == sorted(sims, reverse=True)


def test_json_shape_for_the_cli():
    x, items, _ = planted(n_super=2, subs_per=2, per_sub=3)
    data = suggest_themes(x, items, backend="minilm").to_json()
    json.dumps(data)  # serialisable as it is
    assert data["backend"] == "minilm"
    themes = [c for c in data["clusters"] if c["parent"] is None]
    subs = [c for c in data["clusters"] if c["parent"] is not None]
    theme_labels = {c["label"] for c in themes}
    assert len(theme_labels) == len(themes) == 2
    assert all(s["parent"] in theme_labels for s in subs)
    assert {"id", "text"} <= set(subs[0]["items"][0])
    assert sorted(i["id"] for s in subs for i in s["items"]) == sorted(i.id for i in items)
    assert subs[0]["items"][0]["text"].startswith("label ")  # the display label


def test_tiny_inputs():
    assert suggest_themes(np.zeros((0, 4)), []).clusters == []
    one = suggest_themes(np.ones((1, 4)), [Item("a", "x")])
    assert [c.items[0].id for c in one.sub_themes()] == ["a"]
    two = suggest_themes(np.eye(4)[:2], [Item("a", "x"), Item("b", "y")])
    assert sum(len(c.items) for c in two.sub_themes()) == 2
    with pytest.raises(ValueError):
        suggest_themes(np.eye(3), [Item("a", "x")])


def test_progress_and_cancel():
    x, items, _ = planted()
    seen: list[tuple[int, int]] = []
    suggest_themes(x, items, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    with pytest.raises(Cancelled):
        suggest_themes(x, items, is_cancelled=lambda: True)


def test_silhouette_matches_scikit_learn():
    from sklearn.metrics import silhouette_score

    x, _, truth = planted(seed=3)
    noisy = l2_normalise(x + np.random.default_rng(0).normal(size=x.shape))
    labels = np.array([t[1] for t in truth])
    d = np.clip(1 - noisy @ noisy.T, 0, 2)
    np.fill_diagonal(d, 0)
    assert silhouette(d, labels) == pytest.approx(
        silhouette_score(d, labels, metric="precomputed"), abs=1e-5
    )


def test_top_k_similar_is_blockwise_exact_and_breaks_ties_by_index():
    rng = np.random.default_rng(0)
    x = l2_normalise(rng.normal(size=(2500, 16)))
    idx, sims = top_k_similar(x, x, 3, exclude_self=True)
    full = x @ x.T
    np.fill_diagonal(full, -np.inf)
    assert np.array_equal(idx[:, 0], full.argmax(axis=1))
    assert np.allclose(sims[:, 0], full.max(axis=1), atol=1e-6)
    same = np.ones((4, 2), dtype=np.float32) / np.sqrt(2)
    ties, _ = top_k_similar(same, same, 2, exclude_self=True)
    assert ties.tolist() == [[1, 2], [0, 2], [0, 1], [0, 1]]


def test_emergent_theme_text_leads_with_the_label_and_keeps_it_within_limits():
    text = emergent_theme_text(
        "Numbers before people ", ["It's numbers, numbers, numbers."], notes=["Repetition."],
        context=["word " * 500], max_context_words=20,
    )
    assert text.startswith("Numbers before people. It's numbers")
    assert "Repetition." in text and text.endswith("…")
    assert len(text.split()) <= 3 + 21
    assert emergent_theme_text("Alone") == "Alone."
    assert emergent_theme_text("Twice", ["quote"], label_repeats=2) == "Twice. Twice. quote"


def test_cases_are_centred_so_themes_group_by_topic_not_speaker():
    """Two speakers, two topics; each speaker's own style dominates the raw vectors."""
    rng = np.random.default_rng(5)
    dim = 32
    topics = rng.normal(size=(2, dim))
    speakers = rng.normal(size=(2, dim)) * 3
    rows, topic_of, case_of = [], [], []
    for s in range(2):
        for t in range(2):
            for _ in range(6):
                rows.append(speakers[s] + topics[t] + rng.normal(size=dim) * 0.2)
                topic_of.append(t)
                case_of.append(f"P{s}")
    x = l2_normalise(np.array(rows))
    items = [Item(i, "") for i in range(len(rows))]
    settings = ClusterSettings(n_sub=2)
    by_topic = partition(
        {i for i, t in enumerate(topic_of) if t == k} for k in range(2)
    )
    by_speaker = partition(
        {i for i, c in enumerate(case_of) if c == f"P{k}"} for k in range(2)
    )
    plain = suggest_themes(x, items, settings)
    crossed = suggest_themes(x, items, settings, cases=case_of)
    assert partition({i.id for i in c.items} for c in plain.sub_themes()) == by_speaker
    assert partition({i.id for i in c.items} for c in crossed.sub_themes()) == by_topic
    with pytest.raises(ValueError):
        suggest_themes(x, items, settings, cases=case_of[:-1])


def test_labels_are_unique_across_themes_and_sub_themes():
    x, _, _ = planted(n_super=2, subs_per=2, per_sub=3)
    same = [Item(f"i{i}", "t", "Same words") for i in range(len(x))]
    result = suggest_themes(x, same)
    labels = [c.label for c in result.clusters]
    assert len(labels) == len(set(labels)) == 6
    distinct = [Item(f"i{i}", "t", f"label {i}") for i in range(len(x))]
    result = suggest_themes(x, distinct)
    for theme in result.themes():
        assert theme.label not in {s.label for s in result.sub_themes(theme.key)}
