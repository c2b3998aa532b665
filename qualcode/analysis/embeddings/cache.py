"""Embedding with a cache the project layer owns.

The project stores vectors keyed by ``(model_id, text_hash)``; this module only
decides what is missing and embeds that. The lookup and store callbacks keep
it free of any database code, and make it trivial to test.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from qualcode.analysis.embeddings.base import (
    EmbeddingBackend,
    l2_normalise,
)
from qualcode.core.progress import IsCancelled, Progress

#: ``lookup(model_id, hashes) -> {hash: vector}`` for the hashes the cache has.
LookupFn = Callable[[str, Sequence[str]], Mapping[str, np.ndarray]]
#: ``store(model_id, {hash: vector})`` saves newly embedded vectors.
StoreFn = Callable[[str, Mapping[str, np.ndarray]], None]


def text_hash(text: str) -> str:
    """SHA-256 hex of the text as the model sees it.

    Unicode NFC and normalised line endings, so the same words typed or
    imported differently share one cache entry; case and inner spacing are
    kept, because the tokenizer may treat them differently.
    """
    norm = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _shifted(progress: Progress, done_before: int, total: int) -> Progress:
    """One chunk's progress, reported as progress through every text being embedded."""
    return lambda done, _total: progress(done_before + done, total)


def embed_with_cache(
    backend: EmbeddingBackend,
    texts: Sequence[str],
    lookup: LookupFn | None = None,
    store: StoreFn | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    chunk_size: int = 512,
) -> np.ndarray:
    """Vectors for ``texts`` in order, embedding only those the cache lacks.

    Each distinct text is embedded once even if repeated. New vectors are
    stored every ``chunk_size`` texts, so a cancel loses at most one chunk of
    work; ``progress(done, total)`` counts the texts that needed embedding.
    Backends with ``cacheable = False`` (TF-IDF) bypass the cache entirely.

    Raises:
        Cancelled: from the backend; chunks finished before it are already stored.
    """
    texts = [str(t) for t in texts]
    if not getattr(backend, "cacheable", True):
        return backend.embed(texts, progress=progress, is_cancelled=is_cancelled)
    hashes = [text_hash(t) for t in texts]
    unique = list(dict.fromkeys(hashes))
    found = dict(lookup(backend.model_id, unique) or {}) if lookup is not None else {}
    missing = [h for h in unique if h not in found]
    first_text: dict[str, str] = {}
    for h, t in zip(hashes, texts):
        first_text.setdefault(h, t)
    for start in range(0, len(missing), chunk_size):
        # Store chunk by chunk: a cancel or crash keeps everything embedded so far.
        chunk = missing[start : start + chunk_size]
        offset_progress = _shifted(progress, start, len(missing)) if progress is not None else None
        new = backend.embed([first_text[h] for h in chunk], offset_progress, is_cancelled)
        fresh = dict(zip(chunk, new))
        if store is not None:
            store(backend.model_id, fresh)
        found.update(fresh)
    if not missing and progress is not None:
        progress(0, 0)
    if not texts:
        return np.zeros((0, backend.dim), dtype=np.float32)
    return l2_normalise(np.stack([np.asarray(found[h], dtype=np.float32) for h in hashes]))
