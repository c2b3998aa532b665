"""A fast tier: static word-piece vectors taken from the shipped MiniLM model.

Large sets (tens of thousands of survey answers) take minutes through the
full MiniLM network on two cores (~110–140 answers/s).  This backend runs the
network once per distinct word piece instead — ``[CLS] piece [SEP]``, mean
pooled as the sentence model pools — and embeds a text as the IDF-weighted
mean of its pieces' vectors, the idea behind model2vec, but distilled on the
researcher's machine from the model qualcode already ships: nothing is
downloaded and no extra package is needed.

Word pieces are distilled lazily (only those that occur), so the first use
costs about a second per 1,000 new pieces and later texts reuse them.  Given a
``table_folder`` (the caller passes the user's cache folder), the distilled
pieces are kept there in one small file per model, so the next run — in a new
process — starts at once instead of re-running the network (100,000 answers
need about 8,000 pieces: some 10 s on two cores).  IDF
weights come from the texts embedded together, so a text's vector depends on
its companions: the project cache is bypassed (``cacheable = False``) — at
tens of thousands of texts a second there is nothing to save.

Weaker than the full model (word order and context are lost): offered for
large sets and labelled "fast, approximate".
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from qualcode.analysis.embeddings.base import (
    check_cancelled,
    empty_matrix,
    l2_normalise,
)
from qualcode.analysis.embeddings.minilm import MAX_TOKENS, MiniLMBackend
from qualcode.analysis.embeddings.pieces import piece_ids
from qualcode.core.progress import IsCancelled, Progress

_PIECE_BATCH = 2048
# Every piece vector shares a large common direction (all cosines ~0.7); it is
# estimated once from a fixed stretch of ordinary word pieces and taken out.
_COMMON_PIECES = range(2000, 4000)
#: Weight of stop words and punctuation in a text's mean, against 1 for other pieces.
_LIGHT_WEIGHT = 0.05

log = logging.getLogger(__name__)


class StaticMiniLMBackend:
    """IDF-weighted static word-piece vectors distilled from MiniLM (see the module docstring)."""

    name = "static-minilm"
    label = "Static MiniLM (fast, approximate)"
    cacheable = False

    def __init__(self, network: MiniLMBackend | None = None, table_folder: str | Path | None = None) -> None:
        self._network = network or MiniLMBackend()
        self._vectors: dict[int, np.ndarray] = {}
        self._common: np.ndarray | None = None
        self._light: set[int] | None = None  # stop words and punctuation: they say little
        self._lock = threading.Lock()
        self._table_folder = Path(table_folder) if table_folder is not None else None
        self._table_read = False

    def table_file(self) -> Path | None:
        """Where the distilled pieces are kept between runs (None: kept in memory only)."""
        if self._table_folder is None:
            return None
        return self._table_folder / f"static-{re.sub(r'[^A-Za-z0-9]+', '-', self.model_id)}.npz"

    def _read_table(self) -> None:
        """Pieces distilled by earlier runs; a missing or damaged file is simply distilled again."""
        self._table_read = True
        path = self.table_file()
        if path is None or not path.is_file():
            return
        try:
            with np.load(path, allow_pickle=False) as data:
                pieces, vectors, common = data["pieces"], data["vectors"], data["common"]
                light = data.get("light")
            if vectors.shape != (len(pieces), self.dim) or common.shape != (self.dim,):
                raise ValueError(f"shapes {vectors.shape}, {common.shape}")
        except (OSError, ValueError, KeyError) as exc:
            log.info("static MiniLM table %s not used (%s): distilling again", path, exc)
            return
        self._common = common.astype(np.float32)
        self._vectors.update(zip(pieces.tolist(), vectors.astype(np.float32)))
        if light is not None and self._light is None:  # spares importing spaCy for its stop words
            self._light = set(light.tolist())

    def _write_table(self) -> None:
        """Keep every piece distilled so far (temporary file, then rename: never half written)."""
        path = self.table_file()
        if path is None or self._common is None:
            return
        pieces = np.fromiter(self._vectors, dtype=np.int64, count=len(self._vectors))
        vectors = np.stack([self._vectors[p] for p in pieces.tolist()]) if len(pieces) \
            else np.zeros((0, self.dim), np.float32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".static-", suffix=".npz", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, pieces=pieces, vectors=vectors, common=self._common,
                         light=np.array(sorted(self._light_pieces()), dtype=np.int64))
            os.replace(tmp, path)
        except OSError as exc:  # a cache that cannot be written only costs time next run
            log.info("static MiniLM table %s not saved: %s", path, exc)

    @property
    def dim(self) -> int:
        return self._network.dim

    @property
    def model_id(self) -> str:
        return f"static/{self._network.model_id}"

    def _pooled(self, piece_ids: list[int], is_cancelled: IsCancelled | None) -> np.ndarray:
        """``[CLS] piece [SEP]`` through the network, mean pooled, for each piece."""
        self._network.load()
        session = self._network._session
        tokenizer = self._network._tokenizer
        cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        out: list[np.ndarray] = []
        for start in range(0, len(piece_ids), _PIECE_BATCH):
            check_cancelled(is_cancelled)
            chunk = np.asarray(piece_ids[start:start + _PIECE_BATCH], dtype=np.int64)
            ids = np.stack([np.full(len(chunk), cls), chunk, np.full(len(chunk), sep)], axis=1)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in self._network._input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            out.append(l2_normalise(session.run(None, feeds)[0].mean(axis=1)))
        return np.concatenate(out) if out else empty_matrix(self.dim)

    def _distil(self, piece_ids: list[int], is_cancelled: IsCancelled | None) -> None:
        """Vectors for word pieces not seen yet, with the common direction taken out."""
        if self._common is None:
            self._common = self._pooled(list(_COMMON_PIECES), is_cancelled).mean(axis=0)
        vectors = l2_normalise(self._pooled(piece_ids, is_cancelled) - self._common)
        for piece, vector in zip(piece_ids, vectors):
            self._vectors[piece] = vector

    def _light_pieces(self) -> set[int]:
        """Word pieces of stop words and punctuation, nearly weightless in the mean."""
        if self._light is None:
            from spacy.lang.en.stop_words import STOP_WORDS

            vocab = self._network._tokenizer.get_vocab()
            self._light = {i for piece, i in vocab.items()
                           if piece in STOP_WORDS or (len(piece) == 1 and not piece.isalnum())}
        return self._light

    def embed(self, texts: Sequence[str], progress: Progress | None = None,
              is_cancelled: IsCancelled | None = None) -> np.ndarray:
        """IDF-weighted mean piece vectors (each distinct text tokenised once), as unit rows."""
        from scipy.sparse import csr_matrix

        texts = [str(t) for t in texts]
        if not texts:
            return empty_matrix(self.dim)
        check_cancelled(is_cancelled)
        self._network.load()
        # Surveys repeat themselves ("Nothing", "Very good"): tokenise each distinct text once.
        first: dict[str, int] = {}
        inverse = np.fromiter((first.setdefault(t, len(first)) for t in texts), dtype=np.int64, count=len(texts))
        distinct = list(first)
        counts = np.bincount(inverse, minlength=len(distinct))
        lengths, flat = piece_ids(self._network._tokenizer, distinct, MAX_TOKENS)
        check_cancelled(is_cancelled)
        # Document frequency over every text (repeats count), from each distinct text's set of pieces.
        rows = np.repeat(np.arange(len(distinct)), lengths)
        # Lookup tables and one sort: numpy's hashed unique took seconds on a million pieces.
        present = np.zeros(int(flat.max()) + 1 if len(flat) else 0, dtype=bool)
        present[flat] = True
        uniq = np.flatnonzero(present)
        lookup = np.zeros(len(present), dtype=np.int64)
        lookup[uniq] = np.arange(len(uniq))
        local = lookup[flat]
        pairs = np.sort(rows * len(uniq) + local)
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if len(pairs) else pairs
        df = np.bincount(pairs % len(uniq), weights=counts[pairs // len(uniq)], minlength=len(uniq))
        with self._lock:
            if not self._table_read:
                self._read_table()
            missing = sorted(set(uniq.tolist()) - self._vectors.keys())
            if missing:
                self._distil(missing, is_cancelled)
                self._write_table()
            table = np.stack([self._vectors[p] for p in uniq.tolist()]) if len(uniq) \
                else empty_matrix(self.dim)
            light = self._light_pieces()
        n = len(texts)
        weight = np.where([p in light for p in uniq.tolist()], _LIGHT_WEIGHT, 1.0)
        idf = (weight * (np.log((n + 1) / (df + 1)) + 1.0)).astype(np.float32)
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        sums = csr_matrix((idf[local], local, indptr), shape=(len(distinct), len(uniq))) @ table
        if progress is not None:
            progress(n, n)
        return l2_normalise(np.asarray(sums))[inverse]
