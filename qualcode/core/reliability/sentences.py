"""Sentence boundaries for sentence units, from spaCy's rule-based sentencizer.

spaCy is imported on first use only (start-up stays light), and a blank
English pipeline with the ``sentencizer`` is enough: punctuation rules, no
model download, the same boundaries on every machine.  Boundaries are cached
per text, since a review recomputes agreement after every decision.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_cache: dict[str, list[int]] = {}
_CACHE_LIMIT = 5000


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _first_word(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def sentence_starts(texts: Mapping[int, str]) -> dict[int, list[int]]:
    """Start offsets (code points) of every sentence of each text; the first is always 0.

    Each sentence starts at its first non-blank character: the whitespace
    between two sentences (a line's final newline, spaCy's own newline token,
    blank lines) belongs to the sentence before it, text before the first
    sentence to the first, so every character is in exactly one sentence, no
    sentence is empty of words, and a passage coded with or without its
    newline covers the same sentences.
    """
    out: dict[int, list[int]] = {}
    todo: dict[int, str] = {}
    for doc_id, text in texts.items():
        cached = _cache.get(_key(text))
        if cached is not None:
            out[doc_id] = cached
        else:
            todo[doc_id] = text
    if todo:
        nlp = _pipeline()
        nlp.max_length = max(nlp.max_length, max(len(t) for t in todo.values()) + 1)
        for (doc_id, text), doc in zip(todo.items(), nlp.pipe(todo.values(), batch_size=64)):
            starts = sorted({0, *(_first_word(text, sent.start_char, sent.end_char)
                                  for sent in doc.sents if sent.text.strip())})
            out[doc_id] = starts
            if len(_cache) < _CACHE_LIMIT:
                _cache[_key(text)] = starts
    return out
