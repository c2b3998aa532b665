"""Optional fast tier: a model2vec static model from a local folder.

model2vec models average token vectors, so they embed tens of thousands of
sentences a second with ~100 MB of memory. We do not ship one: the model
distilled from MiniLM is 15 MB (over our 5 MB-per-file limit for git) and no
PyPI package of one could be verified; its similarities also rank quite
differently from MiniLM's (EMBEDDINGS.md). A researcher who has such a folder
(``config.json``, ``tokenizer.json``, ``model.safetensors``) and the
``model2vec`` package can point the settings at it.
"""

from __future__ import annotations

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
    """True when ``model2vec`` can be imported (checked without importing it)."""
    return module_available("model2vec")


class Model2VecBackend:
    """A model2vec ``StaticModel`` loaded from ``model_dir`` (never from a hub).

    Args:
        model_dir: Local folder of a saved model2vec model.
        batch_size: Texts per ``encode`` call; progress and cancel happen between calls.
    """

    name = "model2vec"
    cacheable = True

    def __init__(self, model_dir: str | Path, batch_size: int = 2048) -> None:
        self._dir = Path(model_dir)
        self._batch_size = batch_size
        self._model: Any = None
        self._dim: int | None = None
        self.model_id = f"model2vec/{self._dir.name}"
        self.label = f"model2vec: {self._dir.name} (fast, approximate)"

    @property
    def dim(self) -> int:
        """Vector length (loads the model)."""
        if self._dim is None:
            self.load()
        return int(self._dim)  # type: ignore[arg-type]

    def load(self) -> None:
        """Load the static model from the folder."""
        if self._model is not None:
            return
        if not is_installed():
            raise BackendUnavailable("model2vec is not installed: pip install model2vec")
        if not (self._dir / "config.json").is_file():
            raise BackendUnavailable(f"no model2vec model in {self._dir}")
        from model2vec import StaticModel

        self._model = StaticModel.from_pretrained(str(self._dir))
        self._dim = int(self._model.dim)

    def embed(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        is_cancelled: IsCancelled | None = None,
    ) -> np.ndarray:
        """Mean token vectors per text, L2-normalised."""
        texts = [str(t) for t in texts]
        check_cancelled(is_cancelled)
        self.load()
        if not texts:
            return empty_matrix(self.dim)
        return encode_in_chunks(
            texts, self._batch_size,
            lambda chunk: self._model.encode(chunk, show_progress_bar=False),
            progress, is_cancelled,
        )
