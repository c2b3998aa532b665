"""Provisional names for suggested themes: the group's own distinctive words.

A suggested group gets a working title the researcher will rename:

* the label of its most typical item, when that is short (an emergent
  theme's label is already the researcher's own words — IPA's *subsumption*);
* otherwise the words and two-word phrases that set the group apart from the
  rest, scored by class-based TF-IDF (c-TF-IDF, as BERTopic names topics):
  frequent in this group, rare in the others.

What may never name a group, whatever its score: punctuation, a stop word, a
word said in more than half of all the answers and in most groups (in a survey of psychological
wellbeing practitioners every answer says "PWP": it tells one group from
another not at all), a word the group says no more often than the rest, or a
whole answer.  A group with no such word is named :data:`NO_DISTINCTIVE_WORDS`
rather than after one of its answers.  Plurals are merged with their
singular ("PWPs" and "PWP" are one word; the name uses the form said most).

Words are found with one regular expression rather than a tagger, so naming
100,000 answers reads every answer in about a second instead of a sample of
the most typical ones; each text's words are cached, so naming the
sub-themes and then the themes reads each text once.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Protocol

import numpy as np

#: Labels longer than this many words are sentences, not names.
MAX_NAME_WORDS = 10
#: A word in more than this share of all the texts (and in most groups) never names a group.
MAX_SHARE = 0.5
#: A word must be at least this many times as common in the group as in the rest.
MIN_LIFT = 1.5
#: …and said by at least this share of the group (and by two of its texts).
MIN_GROUP_SHARE = 0.02
#: What a group is called when none of its words sets it apart.
NO_DISTINCTIVE_WORDS = "No distinctive words"
#: Phrases of two words are a little easier to read than single words.
PHRASE_BONUS = 1.15

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*")
_NEGATIONS = frozenset({"no", "not", "never", "nor", "cannot"})
#: Said in answers of every kind: fillers, politeness and vague words, on top of the usual stop words.
_FILLERS = frozenset({
    "really", "just", "got", "thing", "things", "lot", "lots", "bit", "quite", "ok", "okay", "yes",
    "like", "think", "know", "say", "said", "way", "able", "make", "made", "did", "does", "doing",
    "going", "went", "want", "wanted", "need", "needed", "use", "used", "let", "maybe", "actually",
    "basically", "probably", "sure", "thank", "thanks", "please", "answer", "comment", "comments",
    "unless", "whilst", "whether", "anyway", "etc",
})
#: Words ending in "s" that are not plurals.
_NOT_PLURAL = frozenset({"news", "series", "species", "means", "lens", "gas", "bias", "always",
                         "perhaps", "sometimes", "analysis", "diagnosis", "basis", "status", "bus",
                         "plus", "virus", "focus", "crisis", "process", "stress", "less", "unless"})
_cache: dict[str, dict[str, str]] = {}
_cache_lock = threading.Lock()
_CACHE_MAX = 200_000


class Named(Protocol):
    """Anything with a display text and maybe a label (e.g. :class:`~qualcode.analysis.clustering.Item`)."""

    @property
    def display(self) -> str: ...


@cache
def stop_words() -> frozenset[str]:
    """English stop words (scikit-learn's list) and survey fillers: never a name."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _FILLERS


def singular(word: str) -> str:
    """The singular a plural is counted under ("pwps" → "pwp", "families" → "family")."""
    if len(word) <= 3 or not word.endswith("s") or word in _NOT_PLURAL:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ous")):
        return word
    return word[:-1]


def words(text: str) -> dict[str, str]:
    """The candidate name words of one text: counting key → the form as said (cached per text).

    Single content words (no stop words, at least three letters, or an
    acronym such as "GP"), and two-word phrases of adjacent content words
    or a negation and a content word ("not helpful": the word alone would
    say the opposite), never across punctuation.
    """
    found = _cache.get(text)
    if found is not None:
        return found
    stops = stop_words()
    out: dict[str, str] = {}
    prev: tuple[str, str] | None = None  # the previous token, when it can start a phrase
    end = 0
    for match in _WORD.finditer(text):
        if text[end:match.start()].strip():
            prev = None  # "friendly, punctual": a comma or a full stop ends a phrase
        end = match.end()
        raw = match.group().replace("’", "'")
        lower = raw.lower()
        if lower.endswith("n't"):
            lower, raw = "not", "not"
        elif lower.endswith("'s"):
            lower, raw = lower[:-2], raw[:-2]
        acronym = raw.isupper() and 2 <= len(raw) <= 5
        if lower in _NEGATIONS:
            prev = ("not" if lower == "cannot" else lower, raw.lower())
            continue
        if lower in stops or (len(lower) < 3 and not acronym) or "'" in lower:
            prev = None
            continue
        key = lower if acronym else singular(lower)
        shown = raw if acronym else lower
        out.setdefault(key, shown)
        if prev is not None:
            out.setdefault(f"{prev[0]} {key}", f"{prev[1]} {shown}")
        prev = (key, shown)
    with _cache_lock:  # workers may name groups at the same time
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[text] = out
    return out


def ctfidf_key_phrases(groups: Sequence[Sequence[str]], top_n: int = 3) -> list[list[str]]:
    """The words and phrases that set each group of texts apart, best first (at most ``top_n``).

    Score of term t in group c (c-TF-IDF): ``share(t, c) · log(1 + A / f(t))``
    where ``share`` is the share of the group's texts saying t, ``A`` the mean
    number of texts per group and ``f(t)`` how many texts say t in all; two-word
    phrases get a small bonus.  Terms said by more than :data:`MAX_SHARE` of
    all texts, by fewer than two texts of the group (or :data:`MIN_GROUP_SHARE`
    of it), or not :data:`MIN_LIFT` times as often as in the rest are never
    chosen.  A phrase replaces a chosen word it contains when said at least
    half as often ("clinical supervision" for "supervision").
    """
    per_group: list[Counter[str]] = []
    total: Counter[str] = Counter()
    for group in groups:
        c: Counter[str] = Counter()
        for text in group:
            c.update(words(text).keys())  # once per text: ten answers saying "pay" beat one ranting
        per_group.append(c)
        total.update(c)
    n_all = sum(len(g) for g in groups)
    mean_size = max(1.0, n_all / max(1, len(groups)))
    # Said by most texts, in most groups: it tells no group from another.  ("Staff pay"
    # is "pay" said by staff, when every answer is about staff.)
    spread: Counter[str] = Counter(t for c in per_group for t in c)
    most_groups = max(2, math.ceil(len(groups) / 2))
    shared = {t for t, k in total.items()
              if k > MAX_SHARE * n_all and spread[t] >= most_groups and " " not in t}
    out = []
    for group, c in zip(groups, per_group):
        n = len(group)
        rest = n_all - n
        least = 1 if n <= 2 else max(2, math.ceil(MIN_GROUP_SHARE * n))
        scored = []
        for term, k in c.items():
            if k < least:
                continue
            if any(part in shared for part in term.split()):
                continue  # shared by most answers: says nothing about this group
            if rest and (total[term] - k) / rest * MIN_LIFT > k / n:
                continue  # no more common here than elsewhere
            score = (k / n) * math.log(1 + mean_size / total[term]) * (PHRASE_BONUS if " " in term else 1.0)
            scored.append((score, term))
        picked = _pick(sorted(scored, key=lambda st: (-st[0], st[1])), c, top_n)
        out.append(_forms(picked, group))
    return out


def _forms(terms: list[str], texts: Sequence[str]) -> list[str]:
    """How the group says each term most often (ties: the shorter form, so the singular)."""
    forms: dict[str, Counter[str]] = {t: Counter() for t in terms}
    for text in texts:
        said = words(text)
        for term in terms:
            if term in said:
                forms[term][said[term]] += 1
    return [min(forms[t].items(), key=lambda fk: (-fk[1], len(fk[0]), fk[0]))[0] for t in terms]


def _pick(ranked: list[tuple[float, str]], counts: Counter[str], top_n: int) -> list[str]:
    """The best terms, skipping one that only repeats a chosen phrase's words."""
    picked: list[str] = []
    for _, term in ranked:
        parts = set(term.split())
        if any(parts <= set(p.split()) for p in picked):
            continue  # adds nothing to a phrase already chosen
        wider = [p for p in picked if set(p.split()) < parts]
        if wider:
            if all(counts[term] * 2 >= counts[p] for p in wider):
                picked = [term if p == wider[0] else p for p in picked if p not in wider[1:]]
            continue
        if len(picked) < top_n:
            picked.append(term)
    return picked


def key_phrase_names(groups: Sequence[Sequence[str]], top_n: int = 3) -> list[str]:
    """Names like "Caseload, waiting list" from each group's distinctive words."""
    names = []
    for phrases, texts in zip(ctfidf_key_phrases(groups, top_n), groups):
        if phrases:
            name = ", ".join(phrases)
            names.append(name[0].upper() + name[1:])
        else:
            names.append(NO_DISTINCTIVE_WORDS if texts else "Untitled")
    return names


def central_names(
    groups: Sequence[Sequence[Named]], centroids: Sequence[np.ndarray] | None = None
) -> list[str]:
    """The default namer for :func:`qualcode.analysis.clustering.suggest_themes`.

    Each group's items arrive most typical first. When the most typical item
    has a short label of its own (an emergent theme's wording, a code name),
    that label names the group; groups of unlabelled texts (survey answers)
    are named by their distinctive words instead.
    """
    names: list[str | None] = []
    for group in groups:
        label = (getattr(group[0], "label", "") or "").strip() if group else ""
        names.append(label if label and len(label.split()) <= MAX_NAME_WORDS else None)
    if any(n is None and g for n, g in zip(names, groups)):
        phrase_names = key_phrase_names([[it.display for it in g] for g in groups])
        names = [n or p for n, p in zip(names, phrase_names)]
    return [n or "Untitled" for n in names]


def keyphrase_namer(
    groups: Sequence[Sequence[Named]], centroids: Sequence[np.ndarray] | None = None
) -> list[str]:
    """A namer that always uses distinctive words (for survey answers and quotes)."""
    return key_phrase_names([[it.display for it in g] for g in groups])
