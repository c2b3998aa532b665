"""The default backend against the original model, and the shipped files' checksums."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qualcode.analysis.embeddings import Cancelled, get_backend
from qualcode.analysis.embeddings.minilm import (
    MODEL_SHA256,
    TOKENIZER_SHA256,
    default_model_file,
    file_sha256,
    tokenizer_file,
)

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.npz"


@pytest.fixture(scope="module")
def backend():
    return get_backend("minilm")


@pytest.fixture(scope="module")
def reference():
    data = np.load(REFERENCE)
    return [str(s) for s in data["sentences"]], data["embeddings"]


def test_tokenizer_checksum():
    assert tokenizer_file().stat().st_size == 466_247
    assert file_sha256(tokenizer_file()) == TOKENIZER_SHA256


def test_model_checksum():
    assert file_sha256(default_model_file()) == MODEL_SHA256


def test_vectors_agree_with_the_original_model(backend, reference):
    """sentence-transformers + PyTorch made the reference; int8 ONNX must stay close."""
    sentences, expected = reference
    assert len(sentences) >= 40
    got = backend.embed(sentences)
    assert got.shape == expected.shape and got.dtype == np.float32
    cosines = (got * expected).sum(axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.98, (sentences[worst][:60], float(cosines[worst]))
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)


def test_truncation_at_256_tokens(backend):
    """Text past the model's 256-token limit changes nothing (the original truncates too)."""
    base = "word " * 300
    a, b = backend.embed([base, base + " completely different ending about holidays"])
    assert float(a @ b) > 0.9999


def test_batching_does_not_change_vectors(backend, reference):
    sentences, _ = reference
    together = backend.embed(sentences[:12])
    alone = np.vstack([backend.embed([s]) for s in sentences[:12]])
    assert np.allclose(together, alone, atol=1e-4)


def test_progress_and_cancel(backend):
    seen: list[tuple[int, int]] = []
    texts = [f"sentence number {i}" for i in range(70)]
    backend.embed(texts, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (70, 70) and len(seen) >= 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()
    with pytest.raises(Cancelled):  # stops after the first batch
        backend.embed(texts, is_cancelled=lambda: len(seen) > 0,
                      progress=lambda d, t: seen.append((d, t)))
    assert len(seen) == 1


def test_model_id_names_the_model_file(backend):
    assert backend.model_id.startswith("all-MiniLM-L6-v2/onnx-int8/" + MODEL_SHA256[:12])
    assert backend.embed([]).shape == (0, 384)
