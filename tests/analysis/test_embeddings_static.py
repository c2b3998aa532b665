"""The fast tier: static word-piece vectors distilled from the shipped MiniLM."""

from __future__ import annotations

import numpy as np

from qualcode.analysis.embeddings.registry import get_backend
from qualcode.analysis.embeddings.static_minilm import StaticMiniLMBackend
from qualcode.core.themes.suggestions import LARGE_SET, choose_backend


def test_vectors_are_unit_length_deterministic_and_semantic() -> None:
    backend = StaticMiniLMBackend()
    texts = ["Better pay would keep me in the job", "A higher salary and a pay rise",
             "Too much paperwork and admin", "The forms and recording never end",
             "My supervisor listens to me"]
    x = backend.embed(texts)
    assert x.shape == (5, backend.dim) and x.dtype == np.float32
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(x, StaticMiniLMBackend().embed(texts))  # a fresh instance agrees exactly
    sims = x @ x.T
    assert sims[0, 1] > sims[0, 2] and sims[0, 1] > sims[0, 3]  # pay ~ salary, not paperwork
    assert sims[2, 3] > sims[2, 0] and sims[2, 3] > sims[2, 4]  # paperwork ~ forms


def test_word_pieces_are_distilled_once_and_only_when_seen() -> None:
    backend = StaticMiniLMBackend()
    backend.embed(["staff shortages"])
    seen = len(backend._vectors)
    assert 0 < seen < 10
    backend.embed(["staff shortages", "staff"])
    assert len(backend._vectors) == seen


def test_it_bypasses_the_cache_and_auto_picks_it_only_for_large_sets() -> None:
    backend = get_backend("static-minilm")
    assert backend.cacheable is False  # IDF weights depend on the texts embedded together
    assert choose_backend("auto", LARGE_SET) == "minilm"
    assert choose_backend("auto", LARGE_SET + 1) == "static-minilm"
    assert choose_backend("tfidf", 10**6) == "tfidf"
    assert backend.embed([]).shape == (0, backend.dim)


def test_the_distilled_pieces_are_kept_for_the_next_run(tmp_path, monkeypatch) -> None:
    texts = ["The crew were kind and quick", "Waiting times were far too long", "Nothing"]
    first = StaticMiniLMBackend(table_folder=tmp_path)
    x = first.embed(texts)
    table = first.table_file()
    assert table is not None and table.is_file() and table.parent == tmp_path
    # A new run (a fresh backend) reads the pieces back and never runs the network for them.
    again = StaticMiniLMBackend(table_folder=tmp_path)

    def no_network(*_args: object) -> None:
        raise AssertionError("the network ran although the pieces were kept")

    monkeypatch.setattr(again, "_pooled", no_network)
    assert np.array_equal(again.embed(texts), x)


def test_a_damaged_table_is_distilled_again(tmp_path) -> None:
    backend = StaticMiniLMBackend(table_folder=tmp_path)
    path = backend.table_file()
    assert path is not None
    path.write_bytes(b"not a table")
    x = backend.embed(["Staff were lovely"])
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)
    assert StaticMiniLMBackend(table_folder=tmp_path)._read_table() is None and path.stat().st_size > 100


def test_repeated_texts_get_the_same_vector_as_when_embedded_apart() -> None:
    backend = StaticMiniLMBackend()
    texts = ["Good service", "Nothing", "Good service", "Ambulance was late", "Nothing", "Nothing"]
    x = backend.embed(texts)
    assert np.array_equal(x[0], x[2]) and np.array_equal(x[1], x[5])
    assert not np.allclose(x[0], x[3])
