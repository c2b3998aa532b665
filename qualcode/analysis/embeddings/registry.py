"""Which embedding backends exist, which work on this machine, and how to get one.

Checks use ``importlib.util.find_spec`` and file existence only, so listing
backends (for the settings dialog) never imports onnxruntime, PyTorch or
scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualcode.analysis.embeddings.base import BackendUnavailable, EmbeddingBackend, module_available
from qualcode.core.errors import InvalidValue

DEFAULT_BACKEND = "minilm"
BACKEND_NAMES = ("minilm", "static-minilm", "model2vec", "sentence-transformers", "tfidf")


@dataclass(frozen=True)
class BackendInfo:
    """One row of the settings dialog's backend list.

    Attributes:
        name: Registry name, passed to :func:`get_backend`.
        label: Human name.
        available: Usable now (with ``model_path`` where one is required).
        needs_path: The backend needs a local model folder chosen by the researcher.
        reason: Why it is unavailable (empty when available).
    """

    name: str
    label: str
    available: bool
    needs_path: bool
    reason: str = ""


_has = module_available


def _minilm_problem() -> str:
    if not (_has("onnxruntime") and _has("tokenizers")):
        return "needs onnxruntime and tokenizers"
    from qualcode.analysis.embeddings.minilm import default_model_file

    try:
        default_model_file()
    except BackendUnavailable as exc:
        return str(exc)
    return ""


def available_backends(
    model2vec_path: str | Path | None = None,
    sentence_transformers_model: str | Path | None = None,
) -> list[BackendInfo]:
    """Every known backend, default first, each marked available or not (with the reason)."""
    minilm_problem = _minilm_problem()
    m2v_problem = ""
    if not _has("model2vec"):
        m2v_problem = "needs the model2vec package (pip install model2vec)"
    elif model2vec_path is None or not (Path(model2vec_path) / "config.json").is_file():
        m2v_problem = "choose a local model2vec model folder"
    st_problem = ""
    if not _has("sentence_transformers"):
        st_problem = "needs sentence-transformers and PyTorch (pip install sentence-transformers)"
    elif sentence_transformers_model is None:
        st_problem = "choose a local sentence-transformers model"
    return [
        BackendInfo("minilm", "MiniLM (ONNX, default)", not minilm_problem, False, minilm_problem),
        BackendInfo("static-minilm", "Static MiniLM (fast, approximate: for large sets)", not minilm_problem,
                    False, minilm_problem),
        BackendInfo("model2vec", "model2vec (fast, approximate)", not m2v_problem, True, m2v_problem),
        BackendInfo(
            "sentence-transformers", "sentence-transformers (PyTorch)", not st_problem, True,
            st_problem,
        ),
        BackendInfo("tfidf", "TF-IDF (weaker, always available)", True, False, ""),
    ]


def get_backend(
    name: str = DEFAULT_BACKEND,
    model_path: str | Path | None = None,
    fallback: bool = False,
    cache_folder: str | Path | None = None,
) -> EmbeddingBackend:
    """Build a backend by registry name (nothing heavy is loaded until ``embed``).

    Args:
        name: One of :data:`BACKEND_NAMES`.
        model_path: For ``model2vec`` and ``sentence-transformers``, the local
            model (required); for ``minilm``, an optional other ONNX file.
        fallback: Return the TF-IDF backend instead of raising when the chosen
            one cannot work here (the caller should tell the researcher).
        cache_folder: Where a backend may keep what it worked out for the next
            run (``static-minilm``'s distilled pieces); the caller passes the
            user's cache folder. None keeps it in memory only.

    Raises:
        InvalidValue: Unknown name (also a ValueError).
        BackendUnavailable: The backend cannot work here and ``fallback`` is False.
    """
    if name not in BACKEND_NAMES:
        raise InvalidValue(f"unknown embedding backend {name!r}; choose one of {', '.join(BACKEND_NAMES)}")
    try:
        return _build(name, model_path, cache_folder)
    except BackendUnavailable:
        if not fallback:
            raise
        from qualcode.analysis.embeddings.tfidf import TfidfBackend

        return TfidfBackend()


def _build(name: str, model_path: str | Path | None, cache_folder: str | Path | None = None) -> EmbeddingBackend:
    if name == "tfidf":
        from qualcode.analysis.embeddings.tfidf import TfidfBackend

        return TfidfBackend()
    if name == "minilm":
        if model_path is None and (problem := _minilm_problem()):
            raise BackendUnavailable(problem)
        from qualcode.analysis.embeddings.minilm import MiniLMBackend

        return MiniLMBackend(model_path=model_path)
    if name == "static-minilm":
        if problem := _minilm_problem():
            raise BackendUnavailable(problem)
        from qualcode.analysis.embeddings.static_minilm import StaticMiniLMBackend

        return StaticMiniLMBackend(table_folder=cache_folder)
    info = {b.name: b for b in available_backends(model_path, model_path)}[name]
    if not info.available:
        raise BackendUnavailable(f"{info.label}: {info.reason}")
    if name == "model2vec":
        from qualcode.analysis.embeddings.model2vec_backend import Model2VecBackend

        return Model2VecBackend(model_path)  # type: ignore[arg-type]
    from qualcode.analysis.embeddings.sentence_transformers_backend import (
        SentenceTransformersBackend,
    )

    return SentenceTransformersBackend(model_path)  # type: ignore[arg-type]
