"""A fast tier: static word-piece vectors taken from the shipped MiniLM model.

Large sets (tens of thousands of survey answers) take minutes through the
full MiniLM network on two cores (~110–140 answers/s).  This backend runs the
network once per distinct word piece instead — ``[CLS] piece [SEP]``, mean
pooled as the sentence model pools — and embeds a text as the IDF-weighted
mean of its pieces' vectors, the idea behind model2vec, but distilled on the
researcher's machine from the model qualcode already ships: nothing is
downloaded and no extra package is needed.

Word pieces are distilled lazily (only those that occur), so the first use
costs about a second per 1,000 new pieces and later texts reuse them.  IDF
weights come from the texts embedded together, so a text's vector depends on
its companions: the project cache is bypassed (``cacheable = False``) — at
tens of thousands of texts a second there is nothing to save.

Weaker than the full model (word order and context are lost): offered for
large sets and labelled "fast, approximate".
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from qualcode.analysis.embeddings.base import (
    check_cancelled,
    empty_matrix,
    l2_normalise,
)
from qualcode.analysis.embeddings.minilm import MiniLMBackend
from qualcode.core.progress import IsCancelled, Progress

_PIECE_BATCH = 2048
# Every piece vector shares a large common direction (all cosines ~0.7); it is
# estimated once from a fixed stretch of ordinary word pieces and taken out.
_COMMON_PIECES = range(2000, 4000)


class StaticMiniLMBackend:
    """IDF-weighted static word-piece vectors distilled from MiniLM (see the module docstring)."""

    name = "static-minilm"
    label = "Static MiniLM (fast, approximate)"
    cacheable = False

    def __init__(self, network: MiniLMBackend | None = None) -> None:
        self._network = network or MiniLMBackend()
        self._vectors: dict[int, np.ndarray] = {}
        self._common: np.ndarray | None = None
        self._light: set[int] | None = None  # stop words and punctuation: they say little
        self._lock = threading.Lock()

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
        texts = [str(t) for t in texts]
        if not texts:
            return empty_matrix(self.dim)
        check_cancelled(is_cancelled)
        self._network.load()
        encodings = self._network._tokenizer.encode_batch(texts, add_special_tokens=False)
        pieces = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        df: dict[int, int] = {}
        for ids in pieces:
            for piece in set(ids.tolist()):
                df[piece] = df.get(piece, 0) + 1
        with self._lock:
            missing = sorted(p for p in df if p not in self._vectors)
            if missing:
                self._distil(missing, is_cancelled)
        n = len(texts)
        light = self._light_pieces()
        idf = {p: (0.05 if p in light else 1.0) * (np.log((n + 1) / (c + 1)) + 1.0) for p, c in df.items()}
        out = np.zeros((n, self.dim), dtype=np.float32)
        for row, ids in enumerate(pieces):
            if len(ids):
                weights = np.fromiter((idf[p] for p in ids.tolist()), dtype=np.float32, count=len(ids))
                out[row] = weights @ np.stack([self._vectors[p] for p in ids.tolist()])
            if progress is not None and (row + 1) % 5000 == 0:
                check_cancelled(is_cancelled)
                progress(row + 1, n)
        if progress is not None:
            progress(n, n)
        return l2_normalise(out)
