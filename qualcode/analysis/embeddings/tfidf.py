"""TF-IDF + truncated SVD (latent semantic analysis): the fallback that always works.

Weaker than a sentence model — it only sees shared words and word pieces, not
meaning — but it needs nothing beyond scikit-learn and is very fast. The
vectors depend on the whole set of texts embedded together (the vocabulary and
the SVD are fitted on them), so they are never cached (``cacheable = False``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qualcode.analysis.embeddings.base import (
    check_cancelled,
    empty_matrix,
    l2_normalise,
)
from qualcode.core.progress import IsCancelled, Progress


class TfidfBackend:
    """Word and character n-gram TF-IDF reduced by SVD to at most ``dim`` dimensions.

    Character n-grams (3–5, within words) let "exhausted" and "exhaustion" meet,
    which matters for short emergent-theme labels. Deterministic: the SVD has a
    fixed seed. Vectors shorter than ``dim`` (few texts) are zero-padded, which
    keeps cosines unchanged.
    """

    name = "tfidf"
    label = "TF-IDF (weaker, always available)"
    cacheable = False

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_id = f"tfidf-lsa/{dim}"

    def embed(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        is_cancelled: IsCancelled | None = None,
    ) -> np.ndarray:
        """Fit on ``texts`` and return their unit rows."""
        from scipy import sparse
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [str(t) for t in texts]
        n = len(texts)
        if n == 0:
            return empty_matrix(self.dim)
        check_cancelled(is_cancelled)
        words = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, stop_words="english", min_df=1
        )
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        blocks = []
        for vectoriser in (words, chars):
            try:
                blocks.append(vectoriser.fit_transform(texts))
            except ValueError:  # empty vocabulary (e.g. only stop words or blank texts)
                continue
        out = np.zeros((n, self.dim), dtype=np.float32)
        if blocks:
            x = sparse.hstack(blocks).tocsr()
            check_cancelled(is_cancelled)
            k = min(self.dim, n - 1, x.shape[1] - 1)
            if k >= 2:
                reduced = TruncatedSVD(n_components=k, random_state=0).fit_transform(x)
            else:
                reduced = _exact_gram_embedding(x)
            width = min(self.dim, reduced.shape[1])
            out[:, :width] = reduced[:, :width]
        if progress is not None:
            progress(n, n)
        return l2_normalise(out)


def _exact_gram_embedding(x) -> np.ndarray:
    """Coordinates that keep every pairwise dot product of a tiny set (n ≤ 2 or tiny vocabulary)."""
    gram = (x @ x.T).toarray().astype(np.float64)
    values, vectors = np.linalg.eigh(gram)
    keep = values > 1e-10
    return vectors[:, keep] * np.sqrt(values[keep])
