"""Backend interface, registry, cache and the TF-IDF fallback (no model needed)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from qualcode.analysis.embeddings import (
    BACKEND_NAMES,
    BackendUnavailable,
    Cancelled,
    EmbeddingBackend,
    available_backends,
    embed_with_cache,
    get_backend,
    text_hash,
)
from qualcode.analysis.embeddings.base import token_batches
from qualcode.analysis.embeddings.tfidf import TfidfBackend


class CountingBackend:
    """A fake model: deterministic vectors from the text, and a log of what it embedded."""

    name = "fake"
    model_id = "fake/1"
    dim = 8
    label = "Fake"
    cacheable = True

    def __init__(self, cancel_after: int | None = None) -> None:
        self.embedded: list[str] = []
        self.cancel_after = cancel_after

    def embed(self, texts, progress=None, is_cancelled=None):
        rows = []
        for i, text in enumerate(texts):
            if is_cancelled is not None and is_cancelled():
                raise Cancelled()
            self.embedded.append(text)
            rng = np.random.default_rng(abs(hash(text)) % 2**32)
            rows.append(rng.normal(size=self.dim))
            if progress:
                progress(i + 1, len(texts))
        out = np.array(rows, dtype=np.float32).reshape(-1, self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class DictCache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}
        self.lookups: list[list[str]] = []

    def lookup(self, model_id, hashes):
        self.lookups.append(list(hashes))
        return {h: self.data[(model_id, h)] for h in hashes if (model_id, h) in self.data}

    def store(self, model_id, vectors):
        for h, v in vectors.items():
            self.data[(model_id, h)] = np.asarray(v)


def test_fake_backend_follows_the_protocol():
    assert isinstance(CountingBackend(), EmbeddingBackend)
    assert isinstance(TfidfBackend(), EmbeddingBackend)


def test_text_hash_is_stable_and_normalises_line_endings_and_unicode():
    assert text_hash("a\r\nb") == text_hash("a\nb")
    assert text_hash("caf\u00e9") == text_hash("cafe\u0301")
    assert text_hash("Burnout") != text_hash("burnout")
    # sha256(b"Burnout"), pinned: changing the hash silently would orphan every cached vector.
    assert text_hash("Burnout") == (
        "efbc3e50f6b31f516998543a6ff7717f1b49588fad66243ca1c9545be887e429"
    )


def test_cache_embeds_only_missing_texts_once_each():
    backend, cache = CountingBackend(), DictCache()
    first = embed_with_cache(backend, ["a", "b", "a"], cache.lookup, cache.store)
    assert backend.embedded == ["a", "b"]  # the repeated text is embedded once
    assert np.allclose(first[0], first[2])
    backend.embedded.clear()
    second = embed_with_cache(backend, ["b", "c", "a"], cache.lookup, cache.store)
    assert backend.embedded == ["c"]
    assert np.allclose(second[0], first[1]) and np.allclose(second[2], first[0])
    assert second.dtype == np.float32 and second.shape == (3, 8)


def test_cache_reports_progress_over_the_missing_texts():
    backend, cache = CountingBackend(), DictCache()
    embed_with_cache(backend, ["a"], cache.lookup, cache.store)
    seen: list[tuple[int, int]] = []
    embed_with_cache(
        backend, ["a", "b", "c", "d"], cache.lookup, cache.store,
        progress=lambda d, t: seen.append((d, t)), chunk_size=2,
    )
    assert seen[-1] == (3, 3)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_keeps_finished_chunks_and_resumes():
    backend, cache = CountingBackend(), DictCache()
    calls = {"n": 0}

    def cancel_in_second_chunk() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    texts = [f"t{i}" for i in range(6)]
    with pytest.raises(Cancelled):
        embed_with_cache(
            backend, texts, cache.lookup, cache.store,
            is_cancelled=cancel_in_second_chunk, chunk_size=3,
        )
    assert len(cache.data) == 3  # the first chunk was stored
    backend.embedded.clear()
    embed_with_cache(backend, texts, cache.lookup, cache.store, chunk_size=3)
    assert backend.embedded == ["t3", "t4", "t5"]


def test_cache_is_keyed_by_model_id():
    cache = DictCache()
    a, b = CountingBackend(), CountingBackend()
    b.model_id = "fake/2"
    embed_with_cache(a, ["x"], cache.lookup, cache.store)
    embed_with_cache(b, ["x"], cache.lookup, cache.store)
    assert b.embedded == ["x"]


def test_non_cacheable_backend_bypasses_the_cache():
    cache = DictCache()
    vectors = embed_with_cache(TfidfBackend(), ["one text", "another text"], cache.lookup, cache.store)
    assert vectors.shape == (2, 256) and not cache.data and not cache.lookups


def test_tfidf_is_deterministic_normalised_and_groups_shared_words():
    texts = [
        "staffing shortages on the ward", "ward staffing is short",
        "supervision helps me cope", "good supervision and support to cope",
        "", "the",
    ]
    backend = get_backend("tfidf")
    a, b = backend.embed(texts), backend.embed(texts)
    assert a.dtype == np.float32 and a.shape == (6, backend.dim)
    assert np.array_equal(a, b)
    norms = np.linalg.norm(a, axis=1)
    assert np.allclose(norms[:4], 1, atol=1e-5)
    sims = a @ a.T
    assert sims[0, 1] > sims[0, 2] and sims[2, 3] > sims[1, 3]


@pytest.mark.parametrize("texts", [[], ["only one"], ["two", "texts"]])
def test_tfidf_handles_tiny_inputs(texts):
    out = TfidfBackend().embed(texts)
    assert out.shape == (len(texts), 256)


def test_tfidf_cancel():
    with pytest.raises(Cancelled):
        TfidfBackend().embed(["a b", "c d"], is_cancelled=lambda: True)


def test_registry_lists_every_backend_with_tfidf_always_available():
    infos = {b.name: b for b in available_backends()}
    assert set(infos) == set(BACKEND_NAMES)
    assert infos["tfidf"].available
    assert infos["minilm"].available, infos["minilm"].reason
    assert not infos["model2vec"].available  # needs a folder chosen by the researcher


def test_registry_errors_and_fallback(tmp_path):
    with pytest.raises(ValueError):
        get_backend("word2vec")
    with pytest.raises(BackendUnavailable):
        get_backend("model2vec", model_path=tmp_path)  # no model there
    assert get_backend("model2vec", model_path=tmp_path, fallback=True).name == "tfidf"
    assert get_backend().name == "minilm"


def test_token_batches_cover_every_index_once_in_length_order_within_budget():
    lengths = [5, 1, 3, 1, 9, 2, 7, 250, 240]
    batches = token_batches(lengths, budget=12, max_rows=3)
    flat = [int(i) for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)
    for b in batches:
        assert len(b) <= 3
        assert len(b) == 1 or max(lengths[i] for i in b) * len(b) <= 12
    again = token_batches(lengths, 12, 3)
    assert [b.tolist() for b in again] == [b.tolist() for b in batches]


def test_importing_analysis_stays_light():
    """Start-up must not import onnxruntime, scikit-learn, spaCy or PyTorch."""
    code = (
        "import sys, qualcode.analysis.embeddings, qualcode.analysis.clustering, "
        "qualcode.analysis.naming, qualcode.analysis.code_suggestions\n"
        "from qualcode.analysis.embeddings import available_backends, get_backend\n"
        "available_backends(); get_backend('minilm'); get_backend('tfidf')\n"
        "heavy = [m for m in ('onnxruntime', 'sklearn', 'spacy', 'torch', 'tokenizers', 'scipy')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
