"""The interface every embedding backend follows, and the small helpers they share.

A backend turns texts into L2-normalised float32 rows, so a dot product is a
cosine. Backends load their model lazily on the first ``embed`` call: building
one (e.g. to list it in the settings dialog) must stay cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

#: ``progress(done, total)``: called after each batch, ``done`` counts texts.
ProgressFn = Callable[[int, int], None]
#: ``is_cancelled()``: polled between batches; ``True`` stops the work.
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised by long analysis work when ``is_cancelled()`` returned True."""


class BackendUnavailable(RuntimeError):
    """The backend's library or model is not on this machine; the message says what to install."""


@runtime_checkable
class EmbeddingBackend(Protocol):
    """What the rest of qualcode needs from an embedding model.

    Attributes:
        name: The registry name (``minilm``, ``tfidf``, ...).
        model_id: Identifies the vector space; cached vectors are keyed by it, so
            two backends share cached vectors only if their ids are equal.
        dim: Length of each vector.
        label: Human name shown in the GUI.
        cacheable: False when a text's vector depends on the other texts embedded
            with it (TF-IDF is fitted on the corpus), so it must not be cached.
    """

    name: str
    model_id: str
    dim: int
    label: str
    cacheable: bool

    def embed(
        self,
        texts: Sequence[str],
        progress: ProgressFn | None = None,
        is_cancelled: CancelFn | None = None,
    ) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array of unit rows.

        Raises:
            Cancelled: ``is_cancelled()`` returned True between two batches.
            BackendUnavailable: the library or model is missing.
        """
        ...


def check_cancelled(is_cancelled: CancelFn | None) -> None:
    """Raise :class:`Cancelled` if the caller asked to stop."""
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Unit rows as float32; an all-zero row (empty text) stays zero rather than NaN."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def batches_by_length(
    lengths: Sequence[int], batch_size: int
) -> Iterator[np.ndarray]:
    """Yield index batches of texts of similar length.

    Sorting by length first means little padding inside a batch, which is most
    of the speed-up of batching a transformer on a CPU. The sort is stable, so
    the batches are the same for the same input (determinism).
    """
    order = np.argsort(np.asarray(lengths), kind="stable")
    for start in range(0, len(order), batch_size):
        yield order[start : start + batch_size]


def empty_matrix(dim: int) -> np.ndarray:
    """The result of embedding no texts."""
    return np.zeros((0, dim), dtype=np.float32)
