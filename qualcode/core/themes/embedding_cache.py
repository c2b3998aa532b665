"""The project's embedding cache: vectors keyed by model and text hash.

Re-clustering after a change re-embeds only new texts; switching models keeps
both sets.  Vectors are stored as float32 bytes, portable across databases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select

from qualcode.store.schema import EmbeddingRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

_CHUNK = 500


class EmbeddingCache:
    """``lookup``/``store`` callbacks for :func:`qualcode.analysis.embeddings.cache.embed_with_cache`."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def lookup(self, model_id: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        hashes = list(hashes)
        with self._p.read() as s:
            for i in range(0, len(hashes), _CHUNK):
                rows = s.execute(select(EmbeddingRow.text_hash, EmbeddingRow.vector)
                                 .where(EmbeddingRow.model_id == model_id,
                                        EmbeddingRow.text_hash.in_(hashes[i:i + _CHUNK])))
                for h, blob in rows:
                    found[h] = np.frombuffer(blob, dtype=np.float32)
        return found

    def store(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Save new vectors in one short transaction (a cancel keeps what was stored)."""
        if not vectors:
            return
        with self._p.transaction() as s:
            have = set()
            keys = list(vectors)
            for i in range(0, len(keys), _CHUNK):
                have |= set(s.scalars(select(EmbeddingRow.text_hash).where(
                    EmbeddingRow.model_id == model_id, EmbeddingRow.text_hash.in_(keys[i:i + _CHUNK]))))
            s.add_all(EmbeddingRow(model_id=model_id, text_hash=h, dim=int(v.shape[0]),
                                   vector=np.asarray(v, dtype=np.float32).tobytes())
                      for h, v in vectors.items() if h not in have)

    def count(self, model_id: str | None = None) -> int:
        from sqlalchemy import func

        with self._p.read() as s:
            q = select(func.count(EmbeddingRow.id))
            if model_id:
                q = q.where(EmbeddingRow.model_id == model_id)
            return s.scalar(q) or 0
