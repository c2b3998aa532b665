"""Optional backend: any sentence-transformers model on PyTorch.

For researchers who already have PyTorch and want a bigger model (e.g.
``all-mpnet-base-v2``) from a local folder. Not a dependency of qualcode:
PyTorch alone is several hundred MB. Nothing is downloaded: the model must be
a local folder, or already in the Hugging Face cache, and we set
``HF_HUB_OFFLINE`` so the library never reaches the network.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qualcode.analysis.embeddings.base import (
    BackendUnavailable,
    check_cancelled,
    empty_matrix,
    encode_in_chunks,
    module_available,
)
from qualcode.core.progress import IsCancelled, Progress


def is_installed() -> bool:
    """True when ``sentence_transformers`` can be imported (checked without importing it)."""
    return module_available("sentence_transformers")


class SentenceTransformersBackend:
    """A sentence-transformers model from a local path (or the offline HF cache).

    Args:
        model: Folder of a saved sentence-transformers model, or a model name
            already present in the local Hugging Face cache.
        dim: The vector length if known; otherwise read from the model on load.
        batch_size: Texts per ``encode`` call (progress and cancel happen between calls).
    """

    name = "sentence-transformers"
    cacheable = True

    def __init__(self, model: str | Path, dim: int | None = None, batch_size: int = 64) -> None:
        self._model_ref = str(model)
        self._dim = dim
        self._batch_size = batch_size
        self._model: Any = None
        self.model_id = f"sentence-transformers/{Path(self._model_ref).name}"
        self.label = f"sentence-transformers: {Path(self._model_ref).name} (PyTorch)"

    @property
    def dim(self) -> int:
        """Vector length (loads the model if it was not given)."""
        if self._dim is None:
            self.load()
        return int(self._dim)  # type: ignore[arg-type]

    def load(self) -> None:
        """Import PyTorch and load the model (slow: seconds)."""
        if self._model is not None:
            return
        if not is_installed():
            raise BackendUnavailable(
                "sentence-transformers is not installed: pip install sentence-transformers"
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(self._model_ref, device="cpu")
        # Renamed in newer sentence-transformers; fall back to embedding one text.
        for attr in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
            getter = getattr(self._model, attr, None)
            if getter is not None and getter() is not None:
                self._dim = int(getter())
                break
        else:
            self._dim = int(self._model.encode(["x"]).shape[1])

    def embed(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        is_cancelled: IsCancelled | None = None,
    ) -> np.ndarray:
        """Embed in chunks so progress and cancel work."""
        texts = [str(t) for t in texts]
        check_cancelled(is_cancelled)
        self.load()
        if not texts:
            return empty_matrix(self.dim)
        return encode_in_chunks(
            texts, self._batch_size,
            lambda chunk: self._model.encode(
                chunk, batch_size=self._batch_size, convert_to_numpy=True,
                normalize_embeddings=True, show_progress_bar=False,
            ),
            progress, is_cancelled,
        )
