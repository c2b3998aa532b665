"""Sentence embeddings for suggested themes and code suggestions.

Light to import: backends load their libraries and models on first use.
"""

from qualcode.analysis.embeddings.base import (
    BackendUnavailable,
    Cancelled,
    EmbeddingBackend,
    l2_normalise,
)
from qualcode.analysis.embeddings.cache import LookupFn, StoreFn, embed_with_cache, text_hash
from qualcode.analysis.embeddings.registry import (
    BACKEND_NAMES,
    DEFAULT_BACKEND,
    BackendInfo,
    available_backends,
    get_backend,
)

__all__ = [
    "BACKEND_NAMES",
    "DEFAULT_BACKEND",
    "BackendInfo",
    "BackendUnavailable",
    "Cancelled",
    "EmbeddingBackend",
    "LookupFn",
    "StoreFn",
    "available_backends",
    "embed_with_cache",
    "get_backend",
    "l2_normalise",
    "text_hash",
]
